// Re-import of journals whose files were re-saved by another editor: new line endings, a BOM, another
// encoding. Through the handlers on a real database: nothing is duplicated, nothing is updated.
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportResultDto } from '../contract/io';
import { makeTestCore } from '../testing/core';
import { makeTempDir } from '../testing/temp-dir';

type TestCore = Awaited<ReturnType<typeof makeTestCore>>;
let core: TestCore;
let tmp: { dir: string; cleanup: () => void };
beforeEach(async () => {
  core = await makeTestCore();
  tmp = makeTempDir('folio-io-variants-');
});
afterEach(async () => {
  await core.cleanup();
  tmp.cleanup();
});

const importPaths = (paths: string[]): Promise<ImportResultDto> =>
  (core.handlers['io:import'] as (p: unknown) => Promise<ImportResultDto>)({ paths, onExisting: 'update' });
const entryCount = (): number =>
  (core.context.store.sqlite.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n;

type Encoder = (text: string) => Buffer;
const utf8: Encoder = (t) => Buffer.from(t, 'utf8');
const utf8Bom: Encoder = (t) => Buffer.from(`\ufeff${t}`, 'utf8');
const utf16le: Encoder = (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]);
const gbk: Encoder = (t) => iconv.encode(t, 'gbk');
const crlf = (t: string): string => t.replace(/\n/g, '\r\n');
const cr = (t: string): string => t.replace(/\n/g, '\r');

const MICROBLOG = '3/1/24, First\nOne.\n\n\t- a tab list\n\t- b\n\n3/2/24: Second\nTwo.\n---\n3/3/24\nThree.\n';
const DIARY =
  '---\ntitle: 日记\ndate: 2024-12-20\ncategories: [日记]\n---\n\n前言。\n\n## 12/30\n年末。\n\n## 12/31\n除夕。\n\n## 1/1 周三\n新年。\n';
const NOTE = '---\ntitle: Café notes\ndate created: 2024-03-05\ntags: [project/folio]\n---\nCorrect é, and “quotes” — fine.\n';

function writeVault(root: string, variant: 'original' | 'resaved'): void {
  const files: Array<[string, string, Encoder, Encoder]> = [
    // path, text, original encoding, re-saved encoding
    ['blog.txt', MICROBLOG, utf8, utf16le],
    ['diary.md', DIARY, gbk, utf8Bom],
    ['Notes/Café notes.md', NOTE, utf8, utf8Bom],
    ['Daily/March 5, 2024.md', 'A day.\n', utf8, utf16le],
  ];
  for (const [rel, text, first, second] of files) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, variant === 'original' ? first(text) : second(rel.endsWith('.txt') ? cr(text) : crlf(text)));
  }
  fs.mkdirSync(path.join(root, '.obsidian'), { recursive: true });
  fs.writeFileSync(path.join(root, '.obsidian', 'app.json'), '{}');
  fs.mkdirSync(path.join(root, '.trash'), { recursive: true });
  fs.writeFileSync(path.join(root, '.trash', 'old.md'), '---\ndate: 2024-01-01\n---\ngone\n');
}

describe('re-import after the files were re-saved in another encoding or with other line endings', () => {
  it('creates every entry once, then finds them all unchanged', async () => {
    const vault = path.join(tmp.dir, 'vault');
    writeVault(vault, 'original');
    const first = await importPaths([vault]);
    expect(first.issues.filter((i) => i.severity === 'error')).toEqual([]);
    // 3 microblog posts + 3 diary days + 1 note + 1 daily note; nothing from .obsidian or .trash.
    expect(first.created).toBe(8);
    expect(first.entries.some((e) => e.sourceKey.includes('.trash'))).toBe(false);
    const count = entryCount();

    writeVault(vault, 'resaved');
    const again = await importPaths([vault]);
    expect(again.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect({ created: again.created, updated: again.updated, unchanged: again.unchanged }).toEqual({
      created: 0,
      updated: 0,
      unchanged: 8,
    });
    expect(entryCount()).toBe(count);
  });
});
