// The garbage collector for memory tests: V8 exposes `gc` to contexts created after the flag is
// set. Undefined where the flag cannot be set (tests that need it skip then).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export type Gc = (options?: { type?: 'major' | 'minor' }) => void;

export function exposeGc(): Gc | undefined {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as Gc;
  } catch {
    return undefined;
  }
}
