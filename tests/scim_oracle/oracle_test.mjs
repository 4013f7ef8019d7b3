// Cross-checks the SCIM logic (src/scim, through build/.../scim_logic_tool) against two
// independent npm implementations on the same data:
//   filters: scim2-parse-filter (parse + filter)   cases: filter_cases.json
//   PATCH:   scim-patch (patchBodyValidation + scimPatch, treatMissingAsAdd)   patch_cases.json
// over the resources in resources.json.
//
// A case may give "rfc", the answer RFC 7643/7644 (and the documented client behaviour) call
// for; the tool must give it. The tool and the library must agree, except for the cases listed
// in known_differences.json, each with the reason (the libraries have their own bugs and gaps;
// where they differ from the RFC, the RFC wins and the case says why). A listed case on which
// they agree is reported too (the list must stay true).
//
// Agreement: filters, the same boolean or an error on both sides; PATCH, results equal once
// null and empty values are dropped (RFC 7643 2.5) and members ordered, or an error on both sides.
//
// Usage: node oracle_test.mjs path/to/scim_logic_tool [--verbose]
// Exit status 0 when every case passes; prints "N passed, M failed".
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const tool = process.argv[2];
const verbose = process.argv.includes('--verbose');
if (!tool) {
  console.error('usage: node oracle_test.mjs path/to/scim_logic_tool [--verbose]');
  process.exit(2);
}

let filterLib, patchLib;
try {
  filterLib = await import('scim2-parse-filter');
  patchLib = await import('scim-patch');
} catch (e) {
  console.error(`the npm packages are missing (${e.message}): run scripts/install-deps.sh, ` +
                'or npm ci in tests/scim_oracle');
  process.exit(2);
}

const load = (name) => JSON.parse(readFileSync(join(here, name), 'utf8'));
const resources = load('resources.json');
const filterCases = load('filter_cases.json');
const patchCases = load('patch_cases.json');
const known = load('known_differences.json');
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

// ---- the tool: every request in one run ----
function runTool(requests) {
  const input = requests.map((r) => JSON.stringify(r)).join('\n') + '\n';
  const run = spawnSync(tool, [], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) {
    console.error(`${tool} failed (status ${run.status}, signal ${run.signal}):\n${run.stderr}`);
    process.exit(1);
  }
  const lines = run.stdout.split('\n').filter((l) => l.trim() !== '');
  if (lines.length !== requests.length) {
    console.error(`${tool} answered ${lines.length} lines for ${requests.length} requests`);
    process.exit(1);
  }
  return lines.map((l) => JSON.parse(l));
}

// ---- normalisation for comparing resources ----
function canonical(v) {
  if (Array.isArray(v)) {
    return v.map(canonical).filter((e) => !unassigned(e));
  }
  if (v !== null && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v).sort()) {
      const c = canonical(v[k]);
      if (!unassigned(c)) out[k] = c;
    }
    return out;
  }
  return v;
}
function unassigned(v) {
  if (v === null || v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}
const same = (a, b) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

// Where two (canonical) documents differ, as JSON pointers with both values.
function differences(a, b, at = '', out = []) {
  const isObj = (v) => v !== null && typeof v === 'object';
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) differences(a[k], b[k], `${at}/${k}`, out);
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    out.push(`${at || '/'}: ${JSON.stringify(a) ?? 'absent'} vs ${JSON.stringify(b) ?? 'absent'}`);
  }
  return out;
}

function resourceOf(c) {
  if (typeof c.resource === 'object') return c.resource;
  const r = resources[c.resource];
  if (!r) throw new Error(`case ${c.name}: no resource ${c.resource}`);
  return r;
}
const typeOf = (c) => c.type ?? (String(c.resource).includes('group') ? 'Group' : 'User');

// ---- the libraries ----
function libFilter(c) {
  try {
    return filterLib.filter(filterLib.parse(c.filter))(structuredClone(resourceOf(c)));
  } catch (e) {
    return { error: e.message };
  }
}
function patchBody(c) {
  return c.request ?? { schemas: [PATCH_OP], Operations: c.operations };
}
function libPatch(c) {
  const body = patchBody(c);
  try {
    patchLib.patchBodyValidation(body);
    const result = patchLib.scimPatch(structuredClone(resourceOf(c)), body.Operations, {
      mutateDocument: false,
      treatMissingAsAdd: true,
    });
    return { result };
  } catch (e) {
    return { error: e.scimCode ?? 'exception', detail: e.message };
  }
}

// ---- checking ----
let passed = 0;
const failures = [];
function check(kind, c, ours, lib, agree, rfcOk) {
  const listed = known[kind]?.[c.name];
  const problems = [];
  if (!rfcOk) problems.push(`the tool's answer is not the RFC's (${JSON.stringify(c.rfc)})`);
  if (!agree && !listed) problems.push('the tool and the library disagree (not a known difference)');
  if (agree && listed) problems.push('listed as a known difference but both agree now');
  if (problems.length === 0) {
    passed++;
    if (verbose) console.log(`ok   ${kind} ${c.name}${listed ? ' (known difference)' : ''}`);
    return;
  }
  failures.push(`${kind} ${c.name}: ${problems.join('; ')}\n` +
                `       tool:    ${JSON.stringify(ours)}\n       library: ${JSON.stringify(lib)}`);
}

function checkFilters() {
  const answers = runTool(filterCases.map((c) => ({
    kind: 'filter', filter: c.filter, resource: resourceOf(c), type: typeOf(c),
  })));
  filterCases.forEach((c, i) => {
    const ours = answers[i];
    const lib = libFilter(c);
    const oursValue = 'match' in ours ? ours.match : ours.error.scimType;
    const agree = typeof lib === 'boolean' ? lib === ours.match : 'error' in ours;
    const rfcOk = !('rfc' in c) || c.rfc === oursValue;
    check('filter', c, oursValue, lib, agree, rfcOk);
  });
}

// "rfc" for PATCH: {"error": scimType} or {"pointers": {"/json/pointer": value, ...}} (a value
// of null: the member is absent).
function pointer(doc, p) {
  let v = doc;
  for (const part of p.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (v === null || typeof v !== 'object' || !(key in v)) return null;
    v = v[key];
  }
  return v;
}
function patchRfcOk(c, ours) {
  if (!c.rfc) return true;
  if ('error' in c.rfc) return 'error' in ours && ours.error.scimType === c.rfc.error;
  if (!('result' in ours)) return false;
  return Object.entries(c.rfc.pointers).every(([p, want]) => same(pointer(ours.result, p), want));
}

function checkPatches() {
  const answers = runTool(patchCases.map((c) => ({
    kind: 'patch', resource: resourceOf(c), request: patchBody(c), type: typeOf(c),
  })));
  patchCases.forEach((c, i) => {
    const ours = answers[i];
    const lib = libPatch(c);
    const agree = 'error' in ours ? 'error' in lib
                                  : 'result' in lib && same(ours.result, lib.result);
    let shown, libShown;
    if ('result' in ours && 'result' in lib) {
      // Both succeeded: show only where they differ (tool vs library).
      shown = differences(canonical(ours.result), canonical(lib.result)).slice(0, 6);
      libShown = '(see the differences above, tool vs library)';
    } else {
      shown = 'error' in ours ? { error: ours.error.scimType, detail: ours.error.detail } : ours;
      libShown = 'error' in lib ? lib : '(a result)';
      if ('result' in ours) shown = '(a result)';
    }
    check('patch', c, shown, libShown, agree, patchRfcOk(c, ours));
  });
}

function checkCaseFiles() {
  const names = new Set();
  for (const [kind, cases] of [['filter', filterCases], ['patch', patchCases]]) {
    for (const c of cases) {
      if (names.has(`${kind} ${c.name}`)) failures.push(`duplicate case name: ${kind} ${c.name}`);
      names.add(`${kind} ${c.name}`);
    }
    for (const name of Object.keys(known[kind] ?? {})) {
      if (!names.has(`${kind} ${name}`)) failures.push(`known difference for no case: ${kind} ${name}`);
      const c = cases.find((x) => x.name === name);
      if (c && !('rfc' in c)) failures.push(`${kind} ${name}: a known difference needs "rfc"`);
    }
  }
}

checkCaseFiles();
checkFilters();
checkPatches();
for (const f of failures) console.log(`FAIL ${f}`);
const knownCount = Object.keys(known.filter ?? {}).length + Object.keys(known.patch ?? {}).length;
console.log(`${filterCases.length} filter cases, ${patchCases.length} PATCH cases, ` +
            `${knownCount} known differences with the libraries`);
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
