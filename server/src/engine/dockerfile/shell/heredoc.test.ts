import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../model';
import { isHeredocLine } from './heredoc';

/** The lines `isHeredocLine` holds for (0-based). */
function heredocLines(text: string): number[] {
  const doc = parseDockerfile(text);
  const out: number[] = [];
  for (let line = 0; line < doc.index.lineCount; line++) if (isHeredocLine(doc, line)) out.push(line);
  return out;
}

describe('isHeredocLine', () => {
  it('holds for the body and closing delimiter of RUN, COPY and ADD heredocs only', () => {
    const text = [
      'FROM alpine', // 0
      '# infra-guide ignore=dockerfile/use-exec-form', // 1
      'RUN <<EOF', // 2
      '# infra-guide ignore=dockerfile/pin-package-versions', // 3
      'apk add curl', // 4
      'EOF', // 5
      '# after the delimiter', // 6
      'COPY <<EOF /etc/app.conf', // 7
      '# infra-guide ignore-file=dockerfile/run-as-non-root', // 8
      'EOF', // 9
      'ADD <<EOF /etc/b', // 10
      'b', // 11
      'EOF', // 12
      'RUN cat <<EOF > /etc/c', // 13
      'c', // 14
      'EOF', // 15
      'CMD ["sh"]', // 16
      '',
    ].join('\n');
    assert.deepEqual(heredocLines(text), [3, 4, 5, 8, 9, 11, 12, 14, 15]);
  });

  it('handles <<- and quoted delimiters, several heredocs on one instruction and ONBUILD', () => {
    const text = [
      'FROM alpine', // 0
      'RUN <<-EOF', // 1
      '\t# tab-indented', // 2
      '\tEOF', // 3
      'COPY <<"A" <<\'B\' /dst/', // 4
      '# a', // 5
      'A', // 6
      '# b', // 7
      'B', // 8
      'ONBUILD RUN <<EOF', // 9
      '# on build', // 10
      'EOF', // 11
      '# a comment', // 12
      '',
    ].join('\n');
    assert.deepEqual(heredocLines(text), [2, 3, 5, 6, 7, 8, 10, 11]);
  });

  it('leaves comment lines inside continuations alone: Docker drops them as Dockerfile comments', () => {
    const text = [
      'FROM alpine', // 0
      'RUN apk add \\', // 1
      '# infra-guide ignore=dockerfile/pin-package-versions -- a comment of the Dockerfile', // 2
      '    curl', // 3
      'RUN \\', // 4
      '  # still the first line', // 5
      '  <<EOF', // 6
      '# body', // 7
      'EOF', // 8
      '',
    ].join('\n');
    assert.deepEqual(heredocLines(text), [7, 8]);
    // The same with the `# escape=` character and CRLF line breaks.
    const backtick = text.replaceAll('\\', '`').replaceAll('\n', '\r\n');
    assert.deepEqual(heredocLines(`# escape=\`\r\n${backtick}`), [8, 9]);
  });

  it('runs an unterminated body to the end of the file, and never throws on half-typed heredocs', () => {
    assert.deepEqual(heredocLines('FROM alpine\nRUN <<EOF\n# infra-guide\necho\n\nCMD x\n'), [2, 3, 4, 5, 6]);
    assert.deepEqual(heredocLines('FROM alpine\nRUN <<EOF'), []);
    for (const text of ['RUN <<\n# x\n', 'RUN <<""\n# x\n', 'RUN <<EOF\n', '<<EOF\n# x\nEOF\n', 'COPY <<EOF\nEOF', 'RUN <<EOF \\\n', '', '\n\n']) {
      assert.doesNotThrow(() => heredocLines(text), JSON.stringify(text));
    }
  });
});
