import { isMap, isSeq, type Node } from 'yaml';
import { deref, isTrue, lookup, str } from '../../kubernetes/nodes';
import { doubleQuoted, mergeFix, plainOrQuoted } from '../../kubernetes/support';
import type { BlockEntries } from '../../yaml/edit';
import { completeServicesFor, field, isNull, isResetField, oncePerNode, overridingServicesFor, replacingPair, resetPair, resetSource, unlessReset, valueTag, type ComposeService } from '../../compose/model';
import type { Rule } from '../../types';
import type { YamlDocumentView } from '../../yaml/model';
import { isMapNode, isScalarNode, isSeqNode } from '../../yaml/node-class';

const ID = 'compose/set-healthcheck';

/** Container-side port: first `expose`, else the target of the first `ports` entry. */
export function containerPortOf(view: YamlDocumentView, s: ComposeService): string | undefined {
  const doc = view.doc;
  const expose = field(view, s, 'expose');
  const e = str(deref(doc, isSeqNode(expose) ? expose.items[0] : undefined));
  const exposed = e === undefined ? undefined : leadingDigits(e, 0, e.length);
  if (exposed !== undefined) return exposed;
  const ports = field(view, s, 'ports');
  const first = deref(doc, isSeqNode(ports) ? ports.items[0] : undefined);
  if (isMapNode(first)) {
    const t = str(lookup(doc, first, 'target'));
    return t && /^\d+$/.test(t) ? t : undefined;
  }
  if (isScalarNode(first)) {
    // `[host:]container[/protocol]`: the digits after the last `:` before the protocol. (Scanned:
    // the fix asks for every service without a healthcheck.)
    const spec = String(first.value);
    let end = spec.length;
    for (const protocol of PROTOCOLS) {
      if (spec.endsWith(protocol)) {
        end -= protocol.length;
        break;
      }
    }
    return leadingDigits(spec, spec.lastIndexOf(':', end - 1) + 1, end);
  }
  return undefined;
}

const PROTOCOLS = ['/tcp', '/udp', '/sctp'];

/** The ASCII digits that `text.slice(from, to)` starts with, if any. */
function leadingDigits(text: string, from: number, to: number): string | undefined {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  return i > from ? text.slice(from, i) : undefined;
}

/**
 * What a service's own healthcheck gives it: `none` (no `healthcheck`, `!reset`, or null);
 * `no-test` (options only, or `test: !reset` / `[]`: Docker then runs the test of the image's
 * `HEALTHCHECK` with those options, if the image has one); `set` (a test, or disabled).
 */
function healthcheckState(view: YamlDocumentView, s: ComposeService): 'none' | 'no-test' | 'set' {
  const doc = view.doc;
  const hc = field(view, s, 'healthcheck');
  if (hc === undefined || isNull(hc)) return 'none';
  if (!isMap(hc) || isTrue(unlessReset(lookup(doc, hc, 'disable')))) return 'set';
  const test = unlessReset(lookup(doc, hc, 'test'));
  return test === undefined || isNull(test) || (isSeq(test) && test.items.length === 0) ? 'no-test' : 'set';
}

/**
 * Whether a service's own healthcheck gives it a check (a test, or disabled), removes the one it
 * inherits (`!reset`, or a test reset or replaced by none), or neither (options only: the test is inherited).
 */
function givesHealthcheck(view: YamlDocumentView, s: ComposeService): 'sets' | 'removes' | undefined {
  if (resetPair(view, s.map, 'healthcheck')) return 'removes';
  const state = healthcheckState(view, s);
  if (state === 'set') return 'sets';
  const whole = replacingPair(view, s.map, 'healthcheck');
  return whole || (state === 'no-test' && replacingPair(view, field(view, s, 'healthcheck'), 'test')) ? 'removes' : undefined;
}

/**
 * The skeleton's entries the healthcheck does not set yet: the fix adds the others next to its
 * own keys, and an option it takes from a `<<:` merge key would be overridden by the default.
 */
function skeleton(view: YamlDocumentView, hc: Node | undefined, entries: Record<string, string>): Record<string, string> {
  return isMap(hc) ? Object.fromEntries(Object.entries(entries).filter(([key]) => lookup(view.doc, hc, key) === undefined)) : entries;
}

/** The fix for a service without a healthcheck, by options and port: its skeleton, the entries it adds, and its title. */
interface SkeletonFix {
  skeleton: Readonly<Record<string, string>>;
  /** `{healthcheck: skeleton}`: what a service with no `healthcheck` mapping gets. */
  entries: BlockEntries;
  title: string;
}

/**
 * Fixes by options object and port (the URL is the options' path on that port): most services
 * get the same one, and it is built and rendered once (frozen, see `mergeIntoMap`), its title too.
 */
const skeletons = new WeakMap<object, Map<string, SkeletonFix>>();
const MAX_SKELETONS = 64;

function skeletonFor(o: Readonly<Record<string, unknown>>, port: string): SkeletonFix {
  // Services in a row mostly get the same one: the last answer first.
  if (o === last.options && port === last.port) return last.fix;
  let byPort = skeletons.get(o);
  if (!byPort) skeletons.set(o, (byPort = new Map()));
  let fix = byPort.get(port);
  if (!fix) {
    const url = `http://localhost:${port}${String(o['path'])}`;
    const skeleton = Object.freeze({
      test: `["CMD", "wget", "-qO-", ${doubleQuoted(url)}]`,
      interval: plainOrQuoted(o['interval']),
      timeout: plainOrQuoted(o['timeout']),
      retries: plainOrQuoted(o['retries']),
      start_period: plainOrQuoted(o['startPeriod']),
    });
    fix = { skeleton, entries: Object.freeze({ healthcheck: skeleton }), title: `Add a healthcheck skeleton (wget ${url})` };
    if (byPort.size < MAX_SKELETONS) byPort.set(port, fix);
  }
  last = { options: o, port, fix };
  return fix;
}

let last: { options: object | undefined; port: string; fix: SkeletonFix } = { options: undefined, port: '', fix: { skeleton: {}, entries: {}, title: '' } };

export const composeSetHealthcheck: Rule<YamlDocumentView> = {
  meta: {
    id: ID,
    title: 'Give every service a healthcheck',
    domain: 'compose',
    severity: 'info',
    guideSection: 'Kubernetes/Docker Compose — Health Checks',
    rationale:
      'Without a healthcheck Compose only knows whether the process exists, not whether it answers; `depends_on: condition: service_healthy` and restart policies need one. `healthcheck: {disable: true}` (or `test: ["NONE"]`) is an explicit opt-out. An image\'s own `HEALTHCHECK` applies when the service sets none, but the Compose file cannot show it: the finding says so, and a `healthcheck:` in the file makes the check visible to its readers. A healthcheck without a `test` (only `interval` and the like, or `test: !reset`) sets no check either: Docker runs the image\'s `HEALTHCHECK` test with those options, if the image has one. The quick fix inserts a skeleton probing `http://localhost:<port>/health` with `wget` (port: first `expose`, else the container side of the first `ports` entry, else 8080) — adjust the command to what the image provides. Because it needs that review, fix-all does not apply it. Services that `extends:` another, services of an override file (`docker-compose.override.yml`) and fragments with neither `image` nor `build` are skipped: another file may set their healthcheck. `healthcheck: !reset {}` is unset; in an override file or a fragment it (or `test: !reset` in the healthcheck, or a `healthcheck: !override` without a test) removes the base file\'s healthcheck, in a service that `extends:` another the inherited one (Compose applies the reset before merging), and is reported as such; when no service it extends in the same file gives it a check, the message says the reset removes none (those services are reported on their own).',
    bad: { fileName: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n' },
    good: {
      fileName: 'compose.yaml',
      code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "wget", "-qO-", "http://localhost:80/health"]\n      interval: 10s\n      timeout: 5s\n      retries: 3\n      start_period: 10s\n',
    },
    fixable: true,
    fixSafety: 'unsafe',
    defaultOptions: { path: '/health', port: 8080, interval: '10s', timeout: '5s', retries: 3, startPeriod: '10s' },
    optionDocs: {
      path: 'Path probed by the inserted healthcheck (default `/health`).',
      port: 'Port used when the service declares none (default 8080).',
      interval: 'Inserted `interval` (default `10s`).',
      timeout: 'Inserted `timeout` (default `5s`).',
      retries: 'Inserted `retries` (default 3).',
      startPeriod: 'Inserted `start_period` (default `10s`).',
    },
  },
  kinds: ['compose'],
  check(view, ctx) {
    const o = ctx.options;
    // Services merged over a base file or an extended service are not judged for a missing
    // healthcheck, but `healthcheck: !reset` there removes the one they take from it for certain.
    const once = oncePerNode(view);
    for (const s of overridingServicesFor(view, ID, ctx.fileName)) {
      // `healthcheck.test: !reset` (or `!override` with no test), or `healthcheck: !override`
      // without a test, leaves options without a test: no check of the file's own either.
      // `healthcheck: !override` with no value replaces the healthcheck with none at all.
      const whole = replacingPair(view, s.map, 'healthcheck');
      const state = healthcheckState(view, s);
      const reset = resetPair(view, s.map, 'healthcheck') ??
        (state === 'none' ? whole : state === 'no-test' ? whole ?? replacingPair(view, field(view, s, 'healthcheck'), 'test') : undefined);
      // Most such services reset nothing: look for a reset before following the `extends:` chain.
      if (!reset) continue;
      const source = resetSource(view, s, ctx.fileName, (a) => givesHealthcheck(view, a));
      if (source === undefined || !once(reset)) continue;
      const path = reset === whole ? 'healthcheck' : 'healthcheck.test';
      const what = reset === whole && (valueTag(view, reset) === '!reset' || state === 'none') ? 'healthcheck' : 'healthcheck test';
      ctx.report({
        range: view.range(reset.key as Node),
        message: `Service \`${s.name}\`: \`${path}: ${valueTag(view, reset)}\` removes ${source.removed ? `the ${what} ${source.words}` : `no ${what}, as ${source.words} has none in this file`}; the service runs without one (unless its image defines a \`HEALTHCHECK\`).`,
      });
    }
    for (const s of completeServicesFor(view, ID, ctx.fileName)) {
      const state = healthcheckState(view, s);
      if (state === 'set') continue;
      const fix = skeletonFor(o, containerPortOf(view, s) ?? String(o['port']));
      const hc = field(view, s, 'healthcheck');
      const doc = view.doc;
      ctx.report({
        range: view.range(s.keyNode),
        // The image's own HEALTHCHECK, used when the service sets none, is out of sight here.
        message:
          state === 'none'
            ? `Service \`${s.name}\` has no healthcheck in this file (unless its image defines a \`HEALTHCHECK\`).`
            : `Service \`${s.name}\` has a healthcheck without a test in this file: it runs the test of its image's \`HEALTHCHECK\`, if the image defines one.`,
        // A skeleton, not a safe fix: the image may lack wget or the endpoint (fix-all skips it).
        // `healthcheck: !reset …` is unset; a skeleton filled in below the tag would be reset too.
        // A `test` key kept (`[]`, `!reset`) is not filled in, so no fix could set the test there.
        fixes:
          isResetField(view, s, 'healthcheck') || (isMap(hc) && lookup(doc, hc, 'test') !== undefined)
            ? []
            : mergeFix(view, s.map, fix.title, isMap(hc) ? { healthcheck: skeleton(view, hc, fix.skeleton) } : fix.entries, false),
      });
    }
  },
};
