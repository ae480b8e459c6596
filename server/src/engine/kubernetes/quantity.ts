// Kubernetes resource quantities (`100m`, `128Mi`, `1.5`, `1e3`): validation, value in base
// units for comparisons, and canonical spellings for common mistakes (`256mi`, `0.5 Gi`, `128MB`).
import { isScalarNode } from '../yaml/node-class';
import { isTemplated } from './nodes';

const VALID = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;
const PARTS = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))([eE][+-]?\d+|[A-Za-z]*)$/;

/**
 * Suffix → [power of ten, power of two]. Values are computed as `Number("<digits>e<power of ten>")`
 * times a power of two: both steps round at most once, so two spellings of the same amount
 * (`700m` and `0.7`, `1.1k` and `1100`) get the same number — `700 * 1e-3` does not.
 */
const FACTORS: Record<string, readonly [number, number]> = {
  '': [0, 0], n: [-9, 0], u: [-6, 0], m: [-3, 0], k: [3, 0], M: [6, 0], G: [9, 0], T: [12, 0], P: [15, 0], E: [18, 0],
  Ki: [0, 10], Mi: [0, 20], Gi: [0, 30], Ti: [0, 40], Pi: [0, 50], Ei: [0, 60],
};

export function isValidQuantity(q: string): boolean {
  return VALID.test(q);
}

/** Numeric value in base units (cores, bytes), or undefined if invalid. */
export function quantityValue(q: string): number | undefined {
  if (!VALID.test(q)) return undefined;
  const m = PARTS.exec(q);
  if (!m) return undefined;
  const suffix = m[2]!;
  if (/^[eE][+-]?\d+$/.test(suffix)) return Number(q);
  const f = FACTORS[suffix];
  return f === undefined ? undefined : Number(`${m[1]}e${f[0]}`) * 2 ** f[1];
}

/** Memory `512M` → `512Mi`, `128m` (millibytes) → `128Mi`; undefined for other spellings. */
export function binarySpelling(raw: string): string | undefined {
  const m = /^(.*\d)([mMGTPE])$/.exec(raw);
  if (!m) return undefined;
  return m[2] === 'm' ? `${m[1]}Mi` : `${m[1]}${m[2]}i`;
}

export interface QuantityRepair {
  /** Replacement spellings; the first is the most likely. */
  candidates: string[];
  /** Only one reading exists (`256mi` → `256Mi`); else the user must choose (`128MB` → `128M`/`128Mi`). */
  unambiguous: boolean;
}

const BINARY = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** Suggestions for an invalid quantity, or undefined if none is sensible. */
export function repairQuantity(q: string): QuantityRepair | undefined {
  const compact = q.replace(/\s+/g, '');
  if (compact !== q && VALID.test(compact)) return { candidates: [compact], unambiguous: true };
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))([A-Za-z]+)$/.exec(compact);
  if (!m) return undefined;
  const num = m[1]!;
  const unit = m[2]!;
  const lower = unit.toLowerCase();
  // `mi`, `MI`, `MiB`, `mib` → Mi (only one binary unit matches).
  const bin = BINARY.find((b) => lower === b.toLowerCase() || lower === b.toLowerCase() + 'b');
  if (bin) return { candidates: [num + bin], unambiguous: true };
  // `MB`, `mb`, `K`, `g`, `gb` → SI or binary: both offered.
  const si = /^([kmgtpe])b?$/.exec(lower);
  if (si) {
    const letter = si[1]!;
    const siUnit = letter === 'k' ? 'k' : letter.toUpperCase();
    const binUnit = letter.toUpperCase() + 'i';
    return { candidates: [num + binUnit, num + siUnit], unambiguous: false };
  }
  return undefined;
}

/** A plain scalar that YAML 1.1 (kubectl's `sigs.k8s.io/yaml`, go-yaml) reads as a number once `_` are dropped. */
const YAML11_NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$|^0x[0-9a-fA-F]+$|^0o[0-7]+$|^0b[01]+$/;

export interface ScalarQuantity {
  /** The value as written (`1_000`, `.5`, `true`, `128Mi`). */
  text: string;
  /** Value in base units; undefined when Kubernetes rejects it. */
  value: number | undefined;
}

/**
 * What Kubernetes makes of a quantity node. The engine parses YAML 1.2, kubectl reads YAML 1.1:
 * `1_000` is the number 1000 there (a string here), `yes`/`true` are booleans (rejected, like
 * `.inf`). Undefined when not judged: not a scalar, null/empty (read as 0), templated text.
 */
export function scalarQuantity(node: unknown): ScalarQuantity | undefined {
  if (!isScalarNode(node)) return undefined;
  const v = node.value;
  const text = typeof v === 'string' ? v : (node.source ?? String(v));
  if (typeof v === 'number') return { text, value: Number.isFinite(v) ? v : undefined };
  if (typeof v === 'boolean') return { text, value: undefined };
  if (typeof v !== 'string' || isTemplated(v)) return undefined;
  if (node.type === 'PLAIN' && node.tag === undefined && v.includes('_')) {
    const digits = v.replace(/_/g, '');
    if (YAML11_NUMBER.test(digits)) return { text, value: Number(digits) };
  }
  return { text, value: quantityValue(v) };
}
