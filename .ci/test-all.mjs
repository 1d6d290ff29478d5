// `npm test`: build, typecheck, lint, format check, unit tests (Vitest) and end-to-end tests (Playwright), in that
// order, then one summary line `N passed, N failed` (typecheck, lint and format count as one check each).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);
const want = (step) => only.length === 0 || only.includes(step);
let passed = 0;
let failed = 0;
const failures = [];

function run(label, cmd, args, opts = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' }, ...opts });
  console.log(
    `=== ${label}: ${r.status === 0 ? 'ok' : `failed (exit ${r.status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return r.status === 0;
}

function check(label, ok) {
  if (ok) passed++;
  else {
    failed++;
    failures.push(label);
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-test-'));

if (want('build')) check('build', run('build', 'npm', ['run', 'build', '--silent']));
if (want('typecheck')) check('typecheck', run('typecheck', 'npx', ['tsc', '-b']));
if (want('lint')) check('lint', run('lint', 'npx', ['eslint', '--max-warnings=0', '.']));
if (want('format')) check('format', run('format', 'npx', ['prettier', '--check', '--log-level=warn', '.']));

if (want('unit')) {
  const out = path.join(tmp, 'vitest.json');
  const ok = run('unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  try {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    for (const f of r.testResults ?? []) {
      for (const t of f.assertionResults ?? []) if (t.status === 'failed') failures.push(`unit: ${t.fullName}`);
      if (f.status === 'failed' && (f.assertionResults ?? []).length === 0) {
        failed++;
        failures.push(`unit: ${path.relative(root, f.name)} (failed to load)`);
      }
    }
    if (!ok && r.numFailedTests === 0 && r.numFailedTestSuites === 0) check('unit run', false);
  } catch {
    check('unit (no report)', false);
  }
}

if (want('e2e')) {
  const out = path.join(tmp, 'playwright.json');
  const ok = run('e2e', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts'], {
    env: { ...process.env, FORCE_COLOR: '0', PLAYWRIGHT_JSON_OUTPUT_NAME: out },
  });
  try {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed += r.stats.expected + r.stats.flaky;
    failed += r.stats.unexpected;
    const walk = (suite, trail) => {
      for (const s of suite.suites ?? []) walk(s, [...trail, s.title]);
      for (const spec of suite.specs ?? []) {
        for (const t of spec.tests ?? []) {
          if (t.status === 'unexpected') failures.push(`e2e: ${[...trail, spec.title].join(' › ')}`);
          if (t.status === 'skipped')
            console.log(
              `(skipped) ${[...trail, spec.title].join(' › ')}: ${t.annotations?.map((a) => a.description).join('; ')}`,
            );
        }
      }
    };
    for (const s of r.suites ?? []) walk(s, [s.title]);
    if (!ok && r.stats.unexpected === 0) check('e2e run', false);
  } catch {
    check('e2e (no report)', false);
  }
}

fs.rmSync(tmp, { recursive: true, force: true });
if (failures.length) {
  console.log('\nFailed:');
  for (const f of failures.slice(0, 50)) console.log(`  - ${f}`);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
