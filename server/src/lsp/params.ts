// Shape checks of incoming LSP params. A malformed request is answered InvalidParams; a malformed
// text document notification is ignored with one log line, before `TextDocuments` (which trusts
// its params) throws inside it or keeps a document the rest of the server cannot handle (a
// non-string URI, no text).
import { ErrorCodes, ResponseError, type Connection, type Disposable, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';

type TextDocumentConnection = Parameters<TextDocuments<TextDocument>['listen']>[0];
type Params = Record<string, unknown>;

const isObject = (v: unknown): v is Params => typeof v === 'object' && v !== null;
const isUInteger = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function isPosition(v: unknown): v is { line: number; character: number } {
  return isObject(v) && isUInteger(v['line']) && isUInteger(v['character']);
}

const isRange = (v: unknown): boolean => isObject(v) && isPosition(v['start']) && isPosition(v['end']);

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

const CHECKS = {
  didOpen: (p: unknown) => {
    const td = textDocumentOf(p);
    return !!td && typeof td['languageId'] === 'string' && Number.isInteger(td['version']) && typeof td['text'] === 'string';
  },
  didChange: (p: unknown) => {
    const changes = isObject(p) ? p['contentChanges'] : undefined;
    return (
      Number.isInteger(textDocumentOf(p)?.['version']) &&
      Array.isArray(changes) &&
      changes.every((c: unknown) => isObject(c) && typeof c['text'] === 'string' && (c['range'] === undefined || isRange(c['range'])))
    );
  },
  identified: (p: unknown) => textDocumentOf(p) !== undefined,
};

/**
 * The text document notifications of `connection`, for `TextDocuments.listen`, with malformed
 * params dropped: one log line per method (a client that sends one malformed notification
 * likely sends more), then silently.
 */
export function checkedTextDocumentSync(connection: Connection, warn: (message: string) => void): TextDocumentConnection {
  const warned = new Set<string>();
  const ignore = (method: string): void => {
    if (warned.has(method)) return;
    warned.add(method);
    warn(`ignoring ${method} with malformed params (further ones are ignored silently)`);
  };
  const guard =
    <P>(method: string, check: (p: unknown) => boolean, handler: (p: P) => void) =>
    (p: P): void => {
      if (check(p)) handler(p);
      else ignore(method);
    };
  return {
    onDidOpenTextDocument: (h): Disposable => connection.onDidOpenTextDocument(guard('textDocument/didOpen', CHECKS.didOpen, h)),
    onDidChangeTextDocument: (h): Disposable => connection.onDidChangeTextDocument(guard('textDocument/didChange', CHECKS.didChange, h)),
    onDidCloseTextDocument: (h): Disposable => connection.onDidCloseTextDocument(guard('textDocument/didClose', CHECKS.identified, h)),
    onWillSaveTextDocument: (h): Disposable => connection.onWillSaveTextDocument(guard('textDocument/willSave', CHECKS.identified, h)),
    onDidSaveTextDocument: (h): Disposable => connection.onDidSaveTextDocument(guard('textDocument/didSave', CHECKS.identified, h)),
    onWillSaveTextDocumentWaitUntil: (h): Disposable =>
      connection.onWillSaveTextDocumentWaitUntil((p, token) => {
        requestUri(p);
        return h(p, token);
      }),
  };
}
