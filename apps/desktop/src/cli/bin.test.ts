import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The real executable, as a shell pipeline runs it: `folio sql "..." | head -2` closes stdout early.
const bin = path.resolve(import.meta.dirname, '../../bin/folio.mjs');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-bin-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('folio executable', () => {
  it('exits cleanly when the reader closes the pipe early (EPIPE)', async () => {
    const sql =
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) SELECT i, 'a longer line of text to fill the pipe' AS t FROM n";
    // bash: the reader takes 100 bytes after a moment and exits; PIPESTATUS[0] is folio's exit code.
    const script = `"$0" "$1" sql "$2" --json --data-dir "$3" | (sleep 0.5; head -c 100 > /dev/null); echo "folio exited $\{PIPESTATUS[0]}"`;
    const child = spawn('bash', ['-c', script, process.execPath, bin, sql, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled|Error:/);
    expect(stdout.trim()).toBe('folio exited 0');
  }, 120_000);

  it('names the command once in a refusal', async () => {
    const child = spawn(process.execPath, [bin, 'sql', 'PRAGMA journal_mode=DELETE', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^folio sql is read-only: setting PRAGMA journal_mode is refused/);
  }, 120_000);
});
