// Parses and findings of recently linted YAML documents, keyed by the document text itself.
// A Map hashes a string key once and remembers the hash; keys built as `kind + text` were new
// strings on every lookup, each flattened (a copy of the document) and hashed again.
import { Lru } from '../lru';
import type { DocumentKind, Finding } from '../types';
import type { YamlDocumentView } from './model';

/** Kinds, or finding scopes, kept per text: a text is rarely linted under more than one. */
const PER_TEXT = 4;

/** A few values by key, the most recent first. */
class RecentValues<K, V> {
  private readonly keys: K[] = [];
  private readonly values: V[] = [];

  get(key: K): V | undefined {
    const i = this.keys.indexOf(key);
    return i >= 0 ? this.values[i] : undefined;
  }

  set(key: K, value: V): void {
    const i = this.keys.indexOf(key);
    if (i >= 0) {
      this.keys.splice(i, 1);
      this.values.splice(i, 1);
    }
    this.keys.unshift(key);
    this.values.unshift(value);
    if (this.keys.length > PER_TEXT) {
      this.keys.pop();
      this.values.pop();
    }
  }
}

/** What is cached for one document text. */
export class CachedDocument {
  /** Its parse, per kind. */
  readonly views = new RecentValues<DocumentKind, YamlDocumentView>();
  /** Its findings, per scope (rule configuration, kind and file name: what rules may depend on). */
  readonly findings = new RecentValues<string, Finding[]>();
}

/** At most `size` document texts, least recently used dropped first. */
export class YamlDocumentCache {
  private readonly entries: Lru<CachedDocument>;

  constructor(size: number) {
    this.entries = new Lru(size);
  }

  /** The cached entry of a text, if any (made the most recent). */
  get(text: string): CachedDocument | undefined {
    return this.entries.get(text);
  }

  /** The entry of a text, created empty if missing. */
  entry(text: string): CachedDocument {
    let e = this.entries.get(text);
    if (e === undefined) {
      e = new CachedDocument();
      this.entries.set(text, e);
    }
    return e;
  }

  clear(): void {
    this.entries.clear();
  }
}
