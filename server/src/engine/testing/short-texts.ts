// Every short text over a small alphabet: for tests that check a fast reading against a reference
// one exhaustively, where random samples would miss the corner cases.

/** Calls `visit` with every text of up to `maxLength` characters from `alphabet`, the empty one first. */
export function forEachShortText(alphabet: readonly string[], maxLength: number, visit: (text: string) => void): void {
  const grow = (prefix: string): void => {
    visit(prefix);
    if (prefix.length < maxLength) for (const c of alphabet) grow(prefix + c);
  };
  grow('');
}
