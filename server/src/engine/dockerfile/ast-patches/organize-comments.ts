// dockerfile-ast 0.7.x ends every parse with `Dockerfile.organizeComments`, which hands each
// comment to the part of the file (the instructions before the first FROM, or a build stage)
// whose range holds it. It asks every part for its range once per comment, and each answer is a
// new, validated range: comments × stages ranges per file, comment lines inside long RUNs
// included (a visible share of a cold parse, and of its allocations). A part's range only
// depends on its instructions, all added by then (comments do not change it), so the port asks
// each part once. `ast-patches.test.ts` compares every part's comments with dockerfile-ast's.
import type { Comment } from 'dockerfile-ast';
import type { Util } from 'dockerfile-ast/lib/util';
import type { Range } from '../../types';

/** dockerfile-ast's `ImageTemplate`: the instructions before the first FROM, or a build stage. */
interface ImageTemplateInternals {
  getRange(): Range;
  addComment(comment: Comment): void;
}

/** The private parts of dockerfile-ast's `Dockerfile` the port uses. */
export interface DockerfileInternals {
  getComments(): Comment[];
  initialInstructions: ImageTemplateInternals;
  buildStages: ImageTemplateInternals[];
  organizeComments(): void;
}

export function patchOrganizeComments(dockerfile: { prototype: unknown }, util: typeof Util): void {
  const proto = dockerfile.prototype as DockerfileInternals;
  proto.organizeComments = function (this: DockerfileInternals) {
    organizeComments(this, util);
  };
}

/** dockerfile-ast 0.7.1 `Dockerfile.organizeComments`, with each part's range computed once. */
function organizeComments(dockerfile: DockerfileInternals, util: typeof Util): void {
  const comments = dockerfile.getComments();
  if (comments.length === 0) return;
  const initial = dockerfile.initialInstructions;
  const initialRange = initial.getRange();
  const stages = dockerfile.buildStages;
  const stageRanges: Range[] = [];
  for (let k = 0; k < stages.length; k++) stageRanges.push(stages[k]!.getRange());
  for (let i = 0; i < comments.length; i++) {
    const comment = comments[i]!;
    const range = comment.getRange();
    if (util.isInsideRange(range.end, initialRange)) {
      initial.addComment(comment);
    } else {
      for (let k = 0; k < stages.length; k++) {
        if (util.isInsideRange(range.start, stageRanges[k]!)) stages[k]!.addComment(comment);
      }
    }
  }
}
