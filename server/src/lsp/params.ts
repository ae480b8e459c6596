// Shape checks of incoming LSP params: a malformed request is answered InvalidParams.
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';

type Params = Record<string, unknown>;

const isObject = (v: unknown): v is Params => typeof v === 'object' && v !== null;
const isUInteger = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function isPosition(v: unknown): v is { line: number; character: number } {
  return isObject(v) && isUInteger(v['line']) && isUInteger(v['character']);
}

/** `params.textDocument` when it has a string `uri`. */
function textDocumentOf(params: unknown): Params | undefined {
  const td = isObject(params) ? params['textDocument'] : undefined;
  return isObject(td) && typeof td['uri'] === 'string' ? td : undefined;
}

/** The URI of a request's `textDocument`, or InvalidParams. */
export function requestUri(params: unknown): string {
  const td = textDocumentOf(params);
  if (!td) throw new ResponseError(ErrorCodes.InvalidParams, '`textDocument.uri` must be a string');
  return td['uri'] as string;
}

/** The `position` of a request, or InvalidParams. */
export function requestPosition(params: unknown): { line: number; character: number } {
  const position = isObject(params) ? params['position'] : undefined;
  if (!isPosition(position)) throw new ResponseError(ErrorCodes.InvalidParams, '`position` must be a { line, character } of non-negative integers');
  return position;
}
