// Random Dockerfile texts for tests that compare a rule's cheap pre-check with the full parse.

/**
 * `count` random Dockerfiles: `head` then 2 to `maxAtoms + 1` atoms, with the escape character
 * mostly the one the file declares (a backtick in a quarter of them), sometimes the other one.
 */
export function* randomDockerfiles(seed: number, count: number, head: string, maxAtoms: number, atomsOf: (esc: string) => string[]): Generator<string> {
  const rnd = (n: number) => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return Math.floor((seed / 2 ** 32) * n);
  };
  for (let k = 0; k < count; k++) {
    const backtick = rnd(4) === 0;
    const esc = rnd(8) === 0 ? (backtick ? '\\' : '`') : backtick ? '`' : '\\';
    const atoms = atomsOf(esc);
    let t = (backtick ? '# escape=`\n' : '') + head;
    const len = 2 + rnd(maxAtoms);
    for (let i = 0; i < len; i++) t += atoms[rnd(atoms.length)];
    yield t;
  }
}
