// dockerfile-ast 0.7.x builds a `Comment` (a range of two positions) for every comment line of a
// parse, inside long RUNs included, and ends every parse with `Dockerfile.organizeComments`,
// which hands each one to the part of the file (the instructions before the first FROM, or a
// build stage) whose range holds it, asking every part for its range (a new, validated range)
// once per comment. Nothing reads them during the parse, and the rules do not read them at all
// (they read comments from the text), so the parse only records where each comment starts and
// ends (`deferComment`), and the comments are built and handed to their parts the first time
// anyone asks the tree, or any of its parts, for comments (`getComments()`, which every reader
// inside dockerfile-ast goes through too). Handing them out, each part's range is asked for once.
// `ast-patches.test.ts` compares the comments of the tree and of every part with dockerfile-ast's.
import { Comment } from 'dockerfile-ast';
import type { ImageTemplate } from 'dockerfile-ast/lib/imageTemplate';
import type { Util } from 'dockerfile-ast/lib/util';
import type { Range } from '../../types';
import type { DocumentInternals } from './whitespace-split';

const PENDING = Symbol('infra-guide.pendingComments');

/** The comments of one parse not built yet: `[start, end)` document offsets, in file order. */
interface PendingComments {
  dockerfile: DockerfileInternals;
  document: DocumentInternals;
  /** Undefined once built. */
  offsets: number[] | undefined;
}

/** dockerfile-ast's `ImageTemplate`: the tree itself, the instructions before the first FROM, or a build stage. */
interface ImageTemplateInternals {
  getRange(): Range;
  addComment(comment: Comment): void;
  getComments(): Comment[];
  [PENDING]?: PendingComments;
}

/** The private parts of dockerfile-ast's `Dockerfile` the patch uses. */
export interface DockerfileInternals extends ImageTemplateInternals {
  initialInstructions: ImageTemplateInternals;
  buildStages: ImageTemplateInternals[];
  organizeComments(): void;
}

let util: typeof Util | undefined;

export function patchOrganizeComments(dockerfile: { prototype: unknown }, imageTemplate: typeof ImageTemplate, utilClass: typeof Util): void {
  util = utilClass;
  const proto = dockerfile.prototype as DockerfileInternals;
  // At the end of a parse: the parts learn where the parse's comments are, if it has any.
  proto.organizeComments = function (this: DockerfileInternals) {
    const pending = this[PENDING];
    if (pending === undefined) return;
    this.initialInstructions[PENDING] = pending;
    const stages = this.buildStages;
    for (let k = 0; k < stages.length; k++) stages[k]![PENDING] = pending;
  };
  const templateProto = imageTemplate.prototype as unknown as ImageTemplateInternals & { comments: Comment[] };
  templateProto.getComments = function (this: ImageTemplateInternals & { comments: Comment[] }) {
    const pending = this[PENDING];
    if (pending !== undefined && pending.offsets !== undefined) buildComments(pending);
    return this.comments;
  };
}

/** Records a comment the parser found at `[start, end)`, as `Parser.processComment` would add it. */
export function deferComment(dockerfile: unknown, document: DocumentInternals, start: number, end: number): void {
  const tree = dockerfile as DockerfileInternals;
  const pending = tree[PENDING];
  if (pending === undefined) tree[PENDING] = { dockerfile: tree, document, offsets: [start, end] };
  else pending.offsets!.push(start, end);
}

/** Builds the comments as `Parser.processComment` does, then `organizeComments`. */
function buildComments(pending: PendingComments): void {
  const offsets = pending.offsets!;
  pending.offsets = undefined;
  const { dockerfile, document } = pending;
  for (let i = 0; i < offsets.length; i += 2) {
    // The `Range.create(start, end)` of vscode-languageserver-types for two positions.
    const range = { start: document.positionAt(offsets[i]!), end: document.positionAt(offsets[i + 1]!) };
    dockerfile.addComment(new Comment(document as ConstructorParameters<typeof Comment>[0], range));
  }
  organizeComments(dockerfile, util!);
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
