// Registry of the dockerfile rule pack: one line per rule.
import type { Rule } from '../../types';

import { pinBaseImageVersion } from './pin-base-image-version';

export const dockerfileRules: Rule<any>[] = [
  pinBaseImageVersion,
];
