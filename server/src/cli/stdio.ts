// The CLI's output, written to file descriptors 1 and 2 directly where that is what Node's
// `process.stdout` / `process.stderr` would do anyway. Those streams are built on first use, and
// Node compiles the modules behind them then (net, the stream modules and ~25 more for a pipe:
// ~45M instructions, a tenth of a run on an empty folder). On POSIX, Node writes files, pipes and
// terminals synchronously; a blocking `write` does the same, in the same order.
// Windows (consoles want UTF-16, pipes are written asynchronously) keeps the streams, and so does
// a descriptor that refuses a blocking write (a non-blocking pipe shared with another process):
// from then on, that descriptor's output goes through its stream, after what was already written.
import { writeSync } from 'node:fs';

export type StdFd = 1 | 2;

/** Descriptors whose output goes through Node's stream (see the top of the file). */
const throughStream = new Set<StdFd>(process.platform === 'win32' ? [1, 2] : []);
/** Descriptors whose reader is gone (EPIPE): the rest of their output is not wanted. */
const closed = new Set<StdFd>();
let stdoutErrorsHandled = false;

/** Node's stream for `fd`; a reader that stops early is no crash there either. */
function stream(fd: StdFd): NodeJS.WriteStream {
  if (fd === 2) return process.stderr;
  if (!stdoutErrorsHandled) {
    stdoutErrorsHandled = true;
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  }
  return process.stdout;
}

/**
 * Writes `data` to standard output (1) or standard error (2). A reader that stops early (`| head`)
 * closes the pipe: the rest of the output is dropped, and the run ends with its own exit code.
 */
export function writeStd(fd: StdFd, data: string | Uint8Array): void {
  if (closed.has(fd)) return;
  let rest = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (!throughStream.has(fd)) {
    try {
      for (let n = 1; rest.length > 0 && n > 0; rest = rest.subarray(n)) n = writeSync(fd, rest);
      if (rest.length === 0) return;
      // Nothing written and no error: the stream takes over rather than a loop that never ends.
      throughStream.add(fd);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EPIPE') {
        closed.add(fd);
        return;
      }
      // EAGAIN and the like: the stream knows how to wait; it writes what is left, and what follows.
      throughStream.add(fd);
    }
  }
  stream(fd).write(rest);
}

/** Output written by `process.stdout.write` / `process.stderr.write` themselves (commit-msg): exitOnceWritten waits for them. */
export function useStreams(): void {
  throughStream.add(1);
  throughStream.add(2);
}

/**
 * Ends a finished run as soon as its output is out (at once after direct writes; a large write to
 * a stream drains later): otherwise Node first runs V8's pending tasks, e.g. an incremental
 * mark-compact of a heap about to be dropped (~40M instructions over the corpus).
 */
export function exitOnceWritten(): void {
  const busy = [...throughStream].map(stream).find((s) => s.writableLength > 0);
  if (busy === undefined) process.exit();
  else if (busy.writableNeedDrain) busy.once('drain', exitOnceWritten);
}
