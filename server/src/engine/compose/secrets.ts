// Secret values in Compose variables: `environment:` and `build.args`, both a mapping
// (`NAME: value`) or a list (`- NAME=value`). Judged in each form interpolation gives a value;
// findings name the variable, never the value.
import { Scalar, type Node } from 'yaml';
import { deref } from '../kubernetes/nodes';
import { isLiteralSecretString } from '../kubernetes/support';
import { hasUrlCredentials, interpolationSources, isSecretLikeName, type InterpolationCondition } from '../secrets';
import type { Range } from '../types';
import type { YamlDocumentView } from '../yaml/model';
import { isAliasNode, isMapNode, isScalarNode, isSeqNode } from '../yaml/node-class';

/**
 * `literal`: the value itself, or interpolation words it takes (`${PW:-hunter2}`, `${ON:+hunter2}`:
 * `conditions` say when); `url`: a URL with a password, in the value or those words.
 */
export interface ComposeSecret {
  kind: 'literal' | 'url';
  conditions: readonly InterpolationCondition[];
}

/** A variable with a value: its name, the range findings point at (the name), and the secret it holds. */
export interface ComposeSecretEntry {
  name: string;
  range: Range;
  secret: ComposeSecret;
}

/**
 * The range of `name` in the source of list item `item` (`NAME=value`): after the opening quote,
 * or after the header line of a block scalar (`>-`, `|2 # comment`); the whole item when the
 * source spells the name otherwise (escapes in a double-quoted item).
 */
function nameRange(view: YamlDocumentView, item: Scalar, name: string): Range {
  const [from, to] = item.range!;
  const src = view.text.slice(from, to);
  const block = item.type === Scalar.BLOCK_FOLDED || item.type === Scalar.BLOCK_LITERAL;
  const bodyStart = block ? src.indexOf('\n') + 1 : src[0] === '"' || src[0] === "'" ? 1 : 0;
  const at = block && bodyStart === 0 ? -1 : src.indexOf(name, bodyStart);
  return at < 0 || /\S/.test(src.slice(bodyStart, at)) ? view.range(item) : view.range([from + at, from + at + name.length]);
}

/**
 * What a value holds, judged in each form interpolation gives it (`${PW:-hunter2}` is `hunter2`
 * whenever `PW` is unset): a literal default, or a password in a URL, is as committed as a plain value.
 */
function secretIn(name: string, value: string): ComposeSecret | undefined {
  const secretName = isSecretLikeName(name);
  // Another variable holds a secret only in a URL with a password (`://user:pw@host`), and no form
  // of a value without `@` has one (interpolation only takes parts of it): no forms to list.
  if (!secretName && !value.includes('@')) return undefined;
  // Without `$` the value is its only form (what `interpolationSources` gives): judged as it is,
  // without a list of alternatives for each of a file's variables.
  if (!value.includes('$')) {
    if (secretName && isLiteralSecretString(value, name)) return { kind: 'literal', conditions: [] };
    return hasUrlCredentials(value) ? { kind: 'url', conditions: [] } : undefined;
  }
  // A lone reference (`${DB_PASSWORD}`, `$PW`, `${PW:?required}`), the usual value of a secret,
  // takes no literal form nor a URL: no alternatives to parse and judge.
  if (LONE_REFERENCE.test(value)) return undefined;
  const alternatives = interpolationSources(value, 'compose');
  if (secretName) {
    const literal = alternatives.find((a) => isLiteralSecretString(a.text, name));
    if (literal !== undefined) return { kind: 'literal', conditions: literal.conditions };
  }
  const url = alternatives.find((a) => hasUrlCredentials(a.text));
  return url && { kind: 'url', conditions: url.conditions };
}

/** A value that is one reference and nothing else (see `interpolationSources`: its only form is the reference). */
const LONE_REFERENCE = /^\$(?:[A-Za-z_]\w*|\{[A-Za-z_]\w*(?::?\?[^${}]*)?\})$/;

/**
 * The variables of an `environment:` or `build.args` node that hold a secret. Variables without
 * a value (`- NPM_TOKEN`, `NPM_TOKEN:`), and values that are not strings (numbers, booleans),
 * hold none.
 */
export function composeSecrets(view: YamlDocumentView, vars: Node): ComposeSecretEntry[] {
  const out: ComposeSecretEntry[] = [];
  // (Class checks, and `deref` only for aliases: this runs for every variable of every service.)
  if (isMapNode(vars)) {
    for (const item of vars.items) {
      if (!isScalarNode(item.key)) continue;
      const value = isAliasNode(item.value) ? deref(view.doc, item.value) : item.value;
      if (!isScalarNode(value) || typeof value.value !== 'string') continue;
      const name = String(item.key.value);
      const secret = secretIn(name, value.value);
      if (secret) out.push({ name, range: view.range(item.key), secret });
    }
  } else if (isSeqNode(vars)) {
    for (const item of vars.items) {
      if (!isScalarNode(item) || typeof item.value !== 'string' || !item.range) continue;
      const eq = item.value.indexOf('=');
      if (eq <= 0) continue;
      const name = item.value.slice(0, eq).trim();
      const secret = secretIn(name, item.value.slice(eq + 1));
      if (secret) out.push({ name, range: nameRange(view, item, name), secret });
    }
  }
  return out;
}
