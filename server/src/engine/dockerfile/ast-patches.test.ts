import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Arg, Argument, DockerfileParser, JSONInstruction, type ImageTemplate, ModifiableInstruction, Property, PropertyInstruction, type Dockerfile, type Instruction, type Onbuild } from 'dockerfile-ast';
import { Util } from 'dockerfile-ast/lib/util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { originalIsUTF8BOM, originalRawArguments, parseWithOriginalParser, splitRawArguments } from './ast-patches';
import { hintedPositionAt, tableOffsetAt } from './ast-patches/line-offsets';
import { originalPropertyArguments, originalPropertyValue } from './ast-patches/property-arguments';
import { lineStarts } from '../text';
import { parseDockerfile } from './model';

type Internals = Parameters<typeof splitRawArguments>[0];

function instructionsOf(text: string): Instruction[] {
  const out: Instruction[] = [];
  for (const ins of DockerfileParser.parse(text).getInstructions()) {
    out.push(ins);
    if (ins.getKeyword() === 'ONBUILD') {
      const t = (ins as Onbuild).getTriggerInstruction();
      if (t) out.push(t);
    }
  }
  return out;
}

function serialize(args: { getValue(): string; getRange(): unknown }[]): string {
  return JSON.stringify(args.map((a) => [a.getValue(), a.getRange()]));
}

/** The ports give exactly dockerfile-ast's arguments (values and ranges) for every instruction. */
function assertSame(text: string): void {
  for (const ins of instructionsOf(text)) {
    assert.equal(serialize(splitRawArguments(ins as unknown as Internals)), serialize(originalRawArguments(ins)), JSON.stringify(text));
    if (ins instanceof PropertyInstruction) {
      assert.equal(serialize(ins.getPropertyArguments()), serialize(originalPropertyArguments(ins)), JSON.stringify(text));
    }
  }
}

/** The value, or the error dockerfile-ast throws on some malformed heredocs. */
function attempt<T>(f: () => T): T | string {
  try {
    return f();
  } catch (e) {
    return `throws ${String(e)}`;
  }
}

/** Everything the rules can read from a parsed tree, for comparing two parses. */
function serializeTree(ast: Dockerfile): string {
  const instruction = (ins: Instruction): unknown => {
    const out: unknown[] = [ins.constructor.name, ins.getKeyword(), ins.getRange(), ins.getInstructionRange(), serialize(ins.getArguments())];
    out.push(ins.getArgumentsContent(), ins.getArgumentsRanges(), ins.toString());
    if (ins instanceof ModifiableInstruction) {
      out.push(ins.getFlags().map((f) => [f.getName(), f.getValue(), f.getRange(), f.getNameRange(), f.getValueRange()]));
    }
    if (ins instanceof PropertyInstruction) {
      const properties = ins instanceof Arg ? [ins.getProperty()] : ins.getProperties();
      out.push(
        properties.map((p) => p && [p.getName(), p.getNameRange(), p.getValue(), p.getValueRange(), p.getRange(), p.getAssignmentOperator(), p.getUnescapedValue()]),
      );
    }
    if (ins instanceof JSONInstruction) {
      out.push(serialize(ins.getJSONStrings()), ins.getOpeningBracket()?.getRange(), ins.getClosingBracket()?.getRange());
    }
    const heredocs = (ins as unknown as { getHeredocs?: () => { getName(): string; getStartRange(): unknown; getContentRange(): unknown; getDelimiterRange(): unknown }[] }).getHeredocs;
    if (heredocs && ['RUN', 'COPY', 'ADD'].includes(ins.getKeyword())) {
      out.push(attempt(() => heredocs.call(ins).map((h) => [h.getName(), h.getStartRange(), h.getContentRange(), h.getDelimiterRange()])));
    }
    if (ins.getKeyword() === 'ONBUILD') {
      const t = (ins as Onbuild).getTriggerInstruction();
      out.push(t && instruction(t));
    }
    return out;
  };
  return JSON.stringify([
    ast.getEscapeCharacter(),
    ast.getDirectives().map((d) => [d.getName(), d.getValue(), d.getRange()]),
    ast.getComments().map((c) => [c.getContent(), c.getRange()]),
    // Which part of the file (before the first FROM, or which stage) each comment went to.
    [(ast as unknown as { initialInstructions: ImageTemplate }).initialInstructions, ...(ast as unknown as { buildStages: ImageTemplate[] }).buildStages].map((part) =>
      part.getComments().map((c) => c.getRange()),
    ),
    ast.getInstructions().map(instruction),
  ]);
}

/** The patched parser (instructions built once) gives the same tree as dockerfile-ast's own. */
function assertSameTree(text: string): void {
  assert.equal(serializeTree(DockerfileParser.parse(text)), serializeTree(parseWithOriginalParser(text)), JSON.stringify(text));
}

/** `doc.instructionStartLine` as it was computed before: a table over every line. */
function instructionStartLineTable(text: string): (line: number) => number {
  const doc = parseDockerfile(text);
  const starts = new Int32Array(doc.index.lineCount).map((_, i) => i);
  for (const ins of doc.instructions) {
    const r = ins.getRange();
    for (let l = r.start.line + 1; l <= r.end.line && l < starts.length; l++) starts[l] = r.start.line;
  }
  return (line) => (line >= 0 && line < starts.length ? starts[line]! : line);
}

function assertSameStartLines(text: string): void {
  const doc = parseDockerfile(text);
  const expected = instructionStartLineTable(text);
  for (let line = -2; line < doc.index.lineCount + 2; line++) {
    assert.equal(doc.instructionStartLine(line), expected(line), `${JSON.stringify(text)} line ${line}`);
  }
}

const CASES = [
  'FROM node:20 AS build\nRUN npm ci && \\\n    npm run build # c\n',
  'RUN a \\\n# comment\n  b \\ \n  c\\\td \\\r\n e $HOME \\$x "q \\" r" \'s\'\n',
  '# escape=`\nRUN dir `\n  c:\\ `$x ``\nCOPY a`\n b c\n',
  'ENV A=1 B="x y" \\\n    C=3\nARG X\nLABEL a=b\n',
  'RUN <<EOF\necho hi\nEOF\nCOPY <<-EOT /x\n\tdata\nEOT\n',
  'ONBUILD RUN a \\\n b\nHEALTHCHECK --interval=5s CMD curl -f x || exit 1\n',
  'RUN \\\n\nRUN x\\',
  'RUN ["a", "b \\" c"]\nCMD []\nEXPOSE 80 \\ \t\n 443\n',
  'RUN a\\ b \\  \\\n  #x\n\n c\r\nRUN \\\r\n',
  'FROM a\r\nRUN x  y\r\n\r\nCOPY --from=b --chown=1 s d\r\nRUN <<EOF\r\nz # q\r\nEOF\r\n',
  '\ufeffFROM a\nRUN b c\n',
  '\ufeff# escape=`\nFROM a\nRUN b `\n c\n',
  'FROM a\nONBUILD COPY --chown=x <<EOF /d\nbody\nEOF\nRUN',
  'RUN a \\\n  # c \\\n\t#d\n  b \\  x\\ #y\nCOPY <\\<EOF /x\nEOF\nRUN a \\ ',
  '# escape=`\nRUN a `\r\n # c\r\n b ` \n c `<<E\nE\n#',
  'RUN a\\\n  \nb c\\\n \t\n#x\n d\\\n \t\r\ne  \\\n\t  f\n',
  'RUN a \\\n\t  b c\\d \\\n  #x\n  e \\\r\n  f\\\n\n g \\\n  h\\\n  i\\\r\n  j \\\n\\\n k\n',
  '# escape=`\nRUN a `\n  b c\\d `\n  e `\r\n  f``\n  g `\n #x\n h`\n`\n  i\n',
  'ONBUILD CMD ["a", "b \\" c"]\nONBUILD COPY --from=x ["a", "b"]\nRUN a--b --c [ "x" ]\nCMD ] [ "a" ]\nVOLUME\t"a" b\nADD a`b c\nENTRYPOINT x\\\n y\nSHELL [] \nCOPY --a b c\nRUN #x\n',
  'ENV A=1 B=${X:-y} \tC\nLABEL a=b c=d\nARG V=1\nARG W\nENV K V W\nARG #x\nEN\\\nV #a b\nLABEL "q"=1 a=\'b c\'\r\nENV X=\\\n  1\n',
];

/** Random instruction text; `escapes` decides whether the escape characters can appear. */
function randomTexts(count: number, escapes: boolean, seed: number): string[] {
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const plain = [' ', '\t', '\n', '\r\n', '\r', '$', '#', '# c\n', 'a', 'bc', '"', "'", '=', '--x=1', '[', ']', ',', 'x', '<<EOF\n', 'EOF\n', '<<-E\n', '\tE\n', 'A=b', '${', '}', ' \f', '\u00a0'];
  const atoms = escapes ? [...plain, '\\', '\\\n', '\\ \n', '\\\t\n', '\\\r\n', '`', '\\$', '\\ ', '`\n', '` \n', '\\<', '<', '\\ #'] : plain;
  const keywords = ['RUN', 'ENV', 'COPY', 'ADD', 'FROM', 'ARG', 'LABEL', 'CMD', 'ONBUILD RUN', 'HEALTHCHECK', 'USER', 'EXPOSE', 'env', 'ARG A=1', 'LA\\\nBEL'];
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let t = (escapes && rnd() < 0.2 ? '# escape=`\n' : '') + (rnd() < 0.05 ? '\ufeff' : '');
    const instructions = 1 + Math.floor(rnd() * 3);
    for (let n = 0; n < instructions; n++) {
      t += keywords[Math.floor(rnd() * keywords.length)] + ' ';
      const len = Math.floor(rnd() * 30);
      for (let i = 0; i < len; i++) t += atoms[Math.floor(rnd() * atoms.length)];
      t += rnd() < 0.5 ? '\n' : '\r\n';
    }
    out.push(t);
  }
  return out;
}

describe('dockerfile-ast patches', () => {
  it('splits arguments exactly like dockerfile-ast on tricky instructions', () => {
    for (const c of CASES) assertSame(c);
  });

  it('splits arguments exactly like dockerfile-ast on random text', () => {
    let seed = 20261126;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const atoms = [' ', '\t', '\n', '\r\n', '\r', '\\', '\\\n', '\\ \n', '\\\t\n', '\\\r\n', '`', '$', '\\$', '#', '# c\n', 'a', 'bc', '"', "'", '=', '--x=1', '[', ']', ',', 'x', '\\ ', '<<EOF\n', 'EOF\n'];
    const keywords = ['RUN', 'ENV', 'COPY', 'ADD', 'FROM', 'ARG', 'LABEL', 'CMD', 'ONBUILD RUN', 'HEALTHCHECK', 'USER', 'EXPOSE'];
    for (let k = 0; k < 3000; k++) {
      let t = (rnd() < 0.2 ? '# escape=`\n' : '') + keywords[Math.floor(rnd() * keywords.length)] + ' ';
      const len = Math.floor(rnd() * 30);
      for (let i = 0; i < len; i++) t += atoms[Math.floor(rnd() * atoms.length)];
      assertSame(t);
    }
    // Without escape characters (the fast path), including CRLF line ends and heredoc bodies.
    for (const t of randomTexts(1500, false, 7)) assertSame(t);
  });

  it('builds the same tree as dockerfile-ast while building each instruction once', () => {
    for (const c of CASES) assertSameTree(c);
    for (const t of randomTexts(1500, true, 11)) assertSameTree(t);
    for (const t of randomTexts(500, false, 13)) assertSameTree(t);
  });

  it('builds RUN, CMD, COPY … without their JSON-form scan until its result is read', () => {
    // dockerfile-ast's JSON-form scan reads the flags, which stores them on the instance, and
    // defines the three fields it fills in; so does its heredoc check (none without `<<`).
    const texts = ['RUN apt-get update\n', 'CMD node server.js', 'COPY a b\n', 'RUN "a" \\\n b\n', 'RUN ["a"]\n', 'RUN --mount=x a\n', 'CMD \\\n x\n', 'COPY a\\b c\n', 'ENTRYPOINT ["a", "b"]\n', 'RUN a < b 2<&1 <\n'];
    for (const t of texts) {
      const ins = DockerfileParser.parse(t).getInstructions()[0] as JSONInstruction;
      assert.equal(Object.hasOwn(ins, 'flags'), false, t);
      assert.equal(Object.hasOwn(ins, 'jsonStrings'), false, t);
      const expected = parseWithOriginalParser(t).getInstructions()[0] as JSONInstruction;
      assert.equal(serialize(ins.getJSONStrings()), serialize(expected.getJSONStrings()), t);
      assert.equal(Object.hasOwn(ins, 'jsonStrings'), true, t);
      assert.deepEqual(ins.getOpeningBracket()?.getRange(), expected.getOpeningBracket()?.getRange(), t);
      assert.deepEqual(ins.getClosingBracket()?.getRange(), expected.getClosingBracket()?.getRange(), t);
      assert.equal(ins.getJSONStrings(), ins.getJSONStrings(), 'scanned once');
    }
    // An ONBUILD trigger is built by dockerfile-ast itself, constructor body included.
    const trigger = (DockerfileParser.parse('ONBUILD CMD ["a", "b"]\n').getInstructions()[0] as Onbuild).getTriggerInstruction() as JSONInstruction;
    assert.deepEqual(trigger.getJSONStrings().map((s) => s.getJSONValue()), ['a', 'b']);
    assert.equal(Object.hasOwn(trigger, 'jsonStrings'), true);
  });

  it("builds ARG's property only when read", () => {
    const property = (p: ReturnType<Arg['getProperty']>) => p && [p.getName(), p.getNameRange(), p.getValue(), p.getValueRange(), p.getRange(), p.getAssignmentOperator()];
    for (const t of ['ARG A=1\n', 'ARG B\n', 'ARG C="x y"\n', 'ARG D=\\\n  2\n', 'ARG A=1 B=2\n', 'ARG\n', 'ARG E=`\n']) {
      const ins = DockerfileParser.parse(t).getInstructions()[0] as Arg;
      assert.equal(Object.hasOwn(ins, 'property'), false, t);
      const expected = parseWithOriginalParser(t).getInstructions()[0] as Arg;
      assert.deepEqual(property(ins.getProperty()), property(expected.getProperty()), t);
      assert.equal(Object.hasOwn(ins, 'property'), true, t);
      assert.equal(ins.getProperty(), ins.getProperty(), 'built once');
    }
    // An ONBUILD trigger is built by dockerfile-ast itself, constructor body included.
    const trigger = (DockerfileParser.parse('ONBUILD ARG A=1\n').getInstructions()[0] as Onbuild).getTriggerInstruction() as Arg;
    assert.equal(Object.hasOwn(trigger, 'property'), true);
    assert.equal(trigger.getProperty()?.getValue(), '1');
  });

  it("builds every instruction with the class and fields dockerfile-ast's constructors give it", () => {
    // Less what the JSON-form scan (and the flags it reads) and ARG's property leave, which are built when read.
    const scanned = new Set(['openingBracket', 'closingBracket', 'jsonStrings', 'flags', 'property']);
    const fields = (ast: Dockerfile) => ast.getInstructions().map((i) => [Object.getPrototypeOf(i), Object.keys(i).filter((k) => !scanned.has(k))]);
    const texts = [...CASES, 'EXPOSE 80\nMAINTAINER x\nSTOPSIGNAL 9\nWORKDIR /a\nUSER u\nHEALTHCHECK NONE\nfrom a\nOnBuild RUN x\nVOLUME /v\nSHELL ["a"]\n'];
    for (const t of [...texts, ...randomTexts(300, true, 37)]) assert.deepEqual(fields(DockerfileParser.parse(t)), fields(parseWithOriginalParser(t)), JSON.stringify(t));
  });

  it('builds comments and hands them to their stages only when read', () => {
    const text = '# escape=\\\n# a\nARG V=\\\n# i\n1\n# b\nFROM x\n# c\nRUN a \\\n# d\n b\nFROM y\n#e\n';
    const parts = (ast: Dockerfile) => [(ast as unknown as { initialInstructions: ImageTemplate }).initialInstructions, ...(ast as unknown as { buildStages: ImageTemplate[] }).buildStages];
    const built = (part: ImageTemplate | Dockerfile) => (part as unknown as { comments: unknown[] }).comments.length;
    const ast = DockerfileParser.parse(text);
    assert.deepEqual([ast, ...parts(ast)].map(built), [0, 0, 0, 0], 'nothing built by the parse');
    // A stage asked first builds them all, and hands each to its part as dockerfile-ast does.
    const expected = parseWithOriginalParser(text);
    const content = (part: ImageTemplate) => part.getComments().map((c) => [c.getContent(), c.getRange()]);
    assert.deepEqual(content(parts(ast)[2]!), content(parts(expected)[2]!));
    assert.deepEqual([ast, ...parts(ast)].map(built), [6, 1, 2, 0]);
    assert.deepEqual(parts(ast).map(content), parts(expected).map(content));
    assert.deepEqual(content(ast), content(expected));
    assert.deepEqual(ast.getRange(), expected.getRange());
    assert.deepEqual([ast, ...parts(ast)].map(built), [6, 1, 2, 0], 'built once');
  });

  it("fills in the parse document's line table exactly as vscode-languageserver-textdocument builds it", () => {
    const texts = [...CASES, '', '\n', '\r', '\r\n', 'a\rb\r\nc\n\rd', 'FROM a\r', 'x\r\r\n\n\r', ...randomTexts(500, true, 17)];
    for (const text of texts) {
      const ast = DockerfileParser.parse(text) as unknown as { document: { _lineOffsets?: number[] } };
      const own = TextDocument.create('', '', 0, text) as unknown as { lineCount: number; _lineOffsets?: number[] };
      assert.equal(own._lineOffsets, undefined, 'a document made outside the parser keeps its own lazy table');
      void own.lineCount; // builds the library's own table
      assert.deepEqual(ast.document._lineOffsets, own._lineOffsets, JSON.stringify(text));
      // The model's index shares that table.
      assert.deepEqual(parseDockerfile(text).index.lineStarts, own._lineOffsets, JSON.stringify(text));
    }
  });

  it('answers positionAt for the parse exactly as vscode-languageserver-textdocument does, in any order', () => {
    let seed = 29;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const texts = ['', '\n', '\r\n', 'a\rb\r\nc\n\rd', 'x\r\r\n\n\r', ...CASES, ...randomTexts(300, true, 19)];
    for (const text of texts) {
      const own = TextDocument.create('', '', 0, text);
      const hinted = hintedPositionAt(text, lineStarts(text));
      // In file order (as the parser asks), then at random, out of range included.
      const offsets = [...Array(text.length + 2).keys()].map((o) => o - 1);
      for (let k = 0; k < 40; k++) offsets.push(Math.floor(rnd() * (text.length + 6)) - 3);
      offsets.push(-0, 0.5, text.length - 0.5, Infinity, -Infinity);
      for (const o of offsets) assert.deepEqual(hinted(o), own.positionAt(o), `${JSON.stringify(text)} @${o}`);
    }
    // The parse itself uses these: same tree positions as the library's own document.
    const text = 'FROM a\r\n# c\r\nRUN b \\\r\n  c\n\nCOPY x y\r';
    const doc = DockerfileParser.parse(text) as unknown as { document: { positionAt(o: number): unknown } };
    const own = TextDocument.create('', '', 0, text);
    for (let o = 0; o <= text.length; o++) assert.deepEqual(doc.document.positionAt(o), own.positionAt(o));
  });

  it('answers offsetAt for the parse exactly as vscode-languageserver-textdocument does', () => {
    const texts = ['', '\n', '\r\n', 'a\rb\r\nc\n\rd', 'x\r\r\n\n\r', ...CASES, ...randomTexts(100, true, 23)];
    const odd = [NaN, -0, 0.5, -0.5, Infinity, -Infinity, -1];
    for (const text of texts) {
      const own = TextDocument.create('', '', 0, text);
      const table = lineStarts(text);
      const offsetAt = tableOffsetAt(text, table);
      for (const line of [...Array(table.length + 3).keys()].map((l) => l - 1).concat(odd)) {
        for (const character of [...Array(12).keys()].concat(odd)) {
          const p = { line, character };
          assert.ok(Object.is(offsetAt(p), own.offsetAt(p)), `${JSON.stringify(text)} ${JSON.stringify(p)}`);
        }
      }
    }
    const text = 'FROM a\r\n# c\r\nRUN b \\\r\n  c\n\nCOPY x y\r';
    const doc = DockerfileParser.parse(text) as unknown as { document: { offsetAt(p: { line: number; character: number }): number } };
    assert.equal(doc.document.offsetAt({ line: 2, character: 99 }), TextDocument.create('', '', 0, text).offsetAt({ line: 2, character: 99 }));
    assert.notEqual(doc.document.offsetAt, TextDocument.create('', '', 0, text).offsetAt, 'the parse document has its own offsetAt');
  });

  it('unescapes property names and values exactly like dockerfile-ast', () => {
    const getValue = (Property as unknown as { getValue(value: string, escapeChar: string): string }).getValue;
    let seed = 31;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const atoms = [' ', '\t', '\n', '\r\n', '\r', '\\', '`', '\\\n', '` \n', '#', '# c\n', '"', "'", '=', '$', '${A}', 'a', 'bc', '\u00a0'];
    const values = ['', 'a', 'a b', 'a#b', '#a', 'a"', "a'b", ' a', '\ta', '"a"', "'a'", '"a', 'a\\b', 'a`b', 'a\\', 'a\nb'];
    values.push('"', "'", '""', "''", '"a b"', '" a #b "', '"a"b"', "'a'b'", '"a\'', '\'a"', '"a\\"', "'a`'", '"a\nb"', ' "a"');
    for (let k = 0; k < 3000; k++) {
      let v = '';
      const len = Math.floor(rnd() * 8);
      for (let i = 0; i < len; i++) v += atoms[Math.floor(rnd() * atoms.length)];
      values.push(v);
    }
    for (const v of values) {
      for (const escapeChar of ['\\', '`']) assert.equal(getValue(v, escapeChar), originalPropertyValue(v, escapeChar), `${JSON.stringify(v)} ${escapeChar}`);
    }
    assert.notEqual(getValue, originalPropertyValue, 'plain names and values skip the per-character rebuild');
  });

  it('detects a UTF-8 byte order mark exactly like dockerfile-ast', () => {
    for (const c of ['', '\ufeff', '\ufeffFROM', 'F', '\ufefe', '\uffff', '\ud800', '\udc00', '\ud83d\ude00', '\u00ef\u00bb\u00bf', '\u0000']) {
      assert.equal(Util.isUTF8BOM(c), originalIsUTF8BOM(c), JSON.stringify(c));
    }
  });

  it('maps each line to the first line of its instruction', () => {
    for (const c of CASES) assertSameStartLines(c);
    for (const t of randomTexts(500, true, 17)) assertSameStartLines(t);
  });

  it('computes argument ranges on first use, as dockerfile-ast does, once', () => {
    for (const ins of instructionsOf('RUN a \\\n  bb c\r\nENV A=1 B\nCOPY --chown=x s d\n')) {
      for (const [arg, eager] of ins.getArguments().map((a, i) => [a, originalRawArguments(ins).slice(-ins.getArguments().length)[i]!] as const)) {
        assert.ok(arg instanceof Argument);
        assert.equal(arg.getRange(), arg.getRange());
        assert.deepEqual(arg.getRange(), eager.getRange());
        for (const p of [eager.getRange().start, eager.getRange().end, { line: 0, character: 0 }, { line: 1, character: 3 }]) {
          assert.equal(arg.isAfter(p), eager.isAfter(p));
          assert.equal(arg.isBefore(p), eager.isBefore(p));
        }
      }
    }
  });

  it('memoizes per instruction and hands out arrays callers may change', () => {
    const doc = parseDockerfile('FROM alpine\nCOPY --chown=app a b /dst/\n');
    const copy = doc.instructions[1]!;
    const first = copy.getArguments();
    assert.deepEqual(first.map((a) => a.getValue()), ['a', 'b', '/dst/']);
    first.length = 0;
    assert.deepEqual(copy.getArguments().map((a) => a.getValue()), ['a', 'b', '/dst/']);
    assert.equal(copy.getArguments()[0], copy.getArguments()[0]);
    assert.equal(copy.getArgumentsContent(), 'a b /dst/'); // flags excluded, as in dockerfile-ast
    assert.equal(copy.getArgumentsContent(), copy.getArgumentsContent());
  });
});
