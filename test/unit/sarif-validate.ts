// A small structural validator for the SARIF 2.1.0 logs `check --format sarif` writes: the
// essentials of the OASIS schema (required properties, enums, 1-based regions, uri references)
// and what GitHub code scanning additionally requires (a location on every result, absolute
// `helpUri`), without the network or a schema package. Returns the problems, as JSON paths.

type Json = Record<string, unknown>;

const LEVELS = ['none', 'note', 'warning', 'error'];
/** An absolute URI: a scheme, then `:`. */
const ABSOLUTE_URI = /^[a-z][a-z0-9+.-]*:/i;

/** Properties each object we check may have (SARIF 2.1.0 §3); anything else is a typo or an extension out of place. */
const ALLOWED: Record<string, readonly string[]> = {
  log: ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'],
  run: ['tool', 'invocations', 'originalUriBaseIds', 'columnKind', 'results', 'artifacts', 'properties'],
  driver: ['name', 'version', 'semanticVersion', 'informationUri', 'rules', 'fullName', 'organization', 'properties'],
  rule: ['id', 'name', 'shortDescription', 'fullDescription', 'help', 'helpUri', 'defaultConfiguration', 'properties'],
  result: ['ruleId', 'ruleIndex', 'level', 'message', 'locations', 'fixes', 'partialFingerprints', 'properties'],
  region: ['startLine', 'startColumn', 'endLine', 'endColumn'],
  artifactLocation: ['uri', 'uriBaseId', 'index', 'description'],
};

export function validateSarif(log: unknown): string[] {
  const problems: string[] = [];
  const fail = (path: string, what: string) => void problems.push(`${path}: ${what}`);
  const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
  const object = (v: unknown, path: string, kind?: string): v is Json => {
    if (!isObject(v)) return void fail(path, 'not an object'), false;
    if (kind) for (const k of Object.keys(v)) if (!ALLOWED[kind]!.includes(k)) fail(`${path}.${k}`, `not a property of ${kind}`);
    return true;
  };
  const array = (v: unknown, path: string, nonEmpty = false): v is unknown[] => {
    if (!Array.isArray(v)) return void fail(path, 'not an array'), false;
    if (nonEmpty && v.length === 0) fail(path, 'empty');
    return true;
  };
  const text = (v: unknown, path: string): void => {
    if (typeof v !== 'string' || v.trim() === '') fail(path, 'not a non-empty string');
  };
  const message = (v: unknown, path: string): void => {
    if (object(v, path)) text(v['text'], `${path}.text`);
  };
  const positive = (v: unknown, path: string): void => {
    if (!Number.isInteger(v) || (v as number) < 1) fail(path, `not an integer >= 1 (${String(v)})`);
  };
  const region = (v: unknown, path: string): void => {
    if (!object(v, path, 'region')) return;
    for (const k of ALLOWED['region']!) positive(v[k], `${path}.${k}`);
    const [sl, sc, el, ec] = [v['startLine'], v['startColumn'], v['endLine'], v['endColumn']] as number[];
    if (el! < sl!) fail(path, 'ends before it starts');
    if (el === sl && ec! < sc!) fail(path, 'ends before it starts');
  };
  const uriReference = (v: unknown, path: string): void => {
    if (typeof v !== 'string' || v === '') return fail(path, 'not a non-empty string');
    // RFC 3986 characters only: anything else (spaces, `<`, `\`, non-ASCII) must be percent-encoded.
    if (!/^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/.test(v) || /%(?![0-9A-Fa-f]{2})/.test(v)) fail(path, `not an encoded uri (${v})`);
  };

  if (!object(log, '$', 'log')) return problems;
  if (log['version'] !== '2.1.0') fail('$.version', 'not 2.1.0');
  if (!array(log['runs'], '$.runs', true)) return problems;
  log['runs'].forEach((run, r) => {
    const rp = `$.runs[${r}]`;
    if (!object(run, rp, 'run')) return;
    const baseIds = isObject(run['originalUriBaseIds']) ? run['originalUriBaseIds'] : {};
    for (const [id, base] of Object.entries(baseIds)) {
      const uri = isObject(base) ? base['uri'] : undefined;
      if (typeof uri !== 'string' || !ABSOLUTE_URI.test(uri) || !uri.endsWith('/')) fail(`${rp}.originalUriBaseIds.${id}`, 'not an absolute uri ending in /');
    }
    const artifactLocation = (v: unknown, path: string): void => {
      if (!object(v, path, 'artifactLocation')) return;
      uriReference(v['uri'], `${path}.uri`);
      const base = v['uriBaseId'];
      if (base !== undefined) {
        if (typeof base !== 'string' || !(base in baseIds)) fail(`${path}.uriBaseId`, 'not in originalUriBaseIds');
        if (typeof v['uri'] === 'string' && ABSOLUTE_URI.test(v['uri'])) fail(`${path}.uri`, 'absolute uri with a uriBaseId');
      }
    };
    if (!object(run['tool'], `${rp}.tool`)) return;
    const driver = run['tool']['driver'];
    const dp = `${rp}.tool.driver`;
    if (!object(driver, dp, 'driver')) return;
    text(driver['name'], `${dp}.name`);
    if (driver['semanticVersion'] !== undefined && !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(String(driver['semanticVersion']))) fail(`${dp}.semanticVersion`, 'not semver');
    const rules = array(driver['rules'], `${dp}.rules`) ? driver['rules'] : [];
    const ids = new Set<string>();
    rules.forEach((rule, i) => {
      const p = `${dp}.rules[${i}]`;
      if (!object(rule, p, 'rule')) return;
      text(rule['id'], `${p}.id`);
      if (ids.has(rule['id'] as string)) fail(`${p}.id`, 'duplicate');
      ids.add(rule['id'] as string);
      message(rule['shortDescription'], `${p}.shortDescription`);
      message(rule['fullDescription'], `${p}.fullDescription`);
      message(rule['help'], `${p}.help`);
      if (rule['helpUri'] !== undefined && !(typeof rule['helpUri'] === 'string' && ABSOLUTE_URI.test(rule['helpUri']))) fail(`${p}.helpUri`, 'not an absolute uri');
      const level = isObject(rule['defaultConfiguration']) ? rule['defaultConfiguration']['level'] : undefined;
      if (!LEVELS.includes(level as string)) fail(`${p}.defaultConfiguration.level`, `not one of ${LEVELS.join('|')}`);
    });
    if (array(run['invocations'], `${rp}.invocations`, true)) {
      run['invocations'].forEach((inv, i) => {
        const p = `${rp}.invocations[${i}]`;
        if (!object(inv, p)) return;
        if (typeof inv['executionSuccessful'] !== 'boolean') fail(`${p}.executionSuccessful`, 'not a boolean');
        for (const [j, n] of ((inv['toolExecutionNotifications'] as unknown[] | undefined) ?? []).entries()) {
          if (!object(n, `${p}.toolExecutionNotifications[${j}]`)) continue;
          message(n['message'], `${p}.toolExecutionNotifications[${j}].message`);
          if (!LEVELS.includes(n['level'] as string)) fail(`${p}.toolExecutionNotifications[${j}].level`, 'not a level');
        }
      });
    }
    if (run['columnKind'] !== undefined && !['utf16CodeUnits', 'unicodeCodePoints'].includes(run['columnKind'] as string)) fail(`${rp}.columnKind`, 'not a column kind');
    if (!array(run['results'], `${rp}.results`)) return;
    run['results'].forEach((res, i) => {
      const p = `${rp}.results[${i}]`;
      if (!object(res, p, 'result')) return;
      text(res['ruleId'], `${p}.ruleId`);
      if (res['ruleIndex'] !== undefined) {
        const rule = rules[res['ruleIndex'] as number];
        if (!Number.isInteger(res['ruleIndex']) || !isObject(rule) || rule['id'] !== res['ruleId']) fail(`${p}.ruleIndex`, `not the index of ${String(res['ruleId'])}`);
      } else if (ids.has(res['ruleId'] as string)) {
        fail(`${p}.ruleIndex`, 'missing for a rule in tool.driver.rules');
      }
      if (!LEVELS.includes(res['level'] as string)) fail(`${p}.level`, `not one of ${LEVELS.join('|')}`);
      message(res['message'], `${p}.message`);
      // GitHub code scanning requires a location on every result.
      if (array(res['locations'], `${p}.locations`, true)) {
        res['locations'].forEach((loc, j) => {
          const lp = `${p}.locations[${j}].physicalLocation`;
          const phys = isObject(loc) ? loc['physicalLocation'] : undefined;
          if (!object(phys, lp)) return;
          artifactLocation(phys['artifactLocation'], `${lp}.artifactLocation`);
          region(phys['region'], `${lp}.region`);
        });
      }
      for (const [j, fix] of ((res['fixes'] as unknown[] | undefined) ?? []).entries()) {
        const fp = `${p}.fixes[${j}]`;
        if (!object(fix, fp)) continue;
        message(fix['description'], `${fp}.description`);
        if (!array(fix['artifactChanges'], `${fp}.artifactChanges`, true)) continue;
        fix['artifactChanges'].forEach((ch, k) => {
          const cp = `${fp}.artifactChanges[${k}]`;
          if (!object(ch, cp)) return;
          artifactLocation(ch['artifactLocation'], `${cp}.artifactLocation`);
          if (!array(ch['replacements'], `${cp}.replacements`, true)) return;
          ch['replacements'].forEach((rep, m) => {
            if (!object(rep, `${cp}.replacements[${m}]`)) return;
            region(rep['deletedRegion'], `${cp}.replacements[${m}].deletedRegion`);
            const inserted = rep['insertedContent'];
            if (inserted !== undefined && !(isObject(inserted) && typeof inserted['text'] === 'string')) fail(`${cp}.replacements[${m}].insertedContent`, 'no text');
          });
        });
      }
    });
  });
  return problems;
}
