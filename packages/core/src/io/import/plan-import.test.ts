import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCp1252 } from '../encoding';
import {
  formatMarkdownNote,
  groupBySourceFile,
  planImport,
  planImportFromPath,
  walkImportFolder,
  type ImportedEntry,
  type ImportPlan,
} from './index';

const testdata = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../testdata');
const enc = (s: string) => new TextEncoder().encode(s);

interface Expected {
  date: string;
  title: string;
}

describe('own fixtures: Hexo diaries and microblog', () => {
  const cases: Array<[string, string]> = [
    ['hexo', 'diary-rollover.md'],
    ['hexo', 'diary-newest-first.md'],
    ['microblog', 'microblog.txt'],
  ];
  for (const [dir, file] of cases) {
    it(`${dir}/${file}: one entry per dated heading, right dates and titles`, () => {
      const expected = (
        JSON.parse(readFileSync(path.join(testdata, dir, 'expected.json'), 'utf8')) as Record<
          string,
          { entries: Expected[]; containing申请?: string[] }
        >
      )[file]!;
      const plan = planImportFromPath(path.join(testdata, dir, file));
      expect(plan.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(plan.entries.map((e) => ({ date: e.date, title: e.title }))).toEqual(expected.entries);
      if (expected.containing申请) {
        expect(plan.entries.filter((e) => e.bodyMarkdown.includes('申请')).map((e) => e.date)).toEqual(expected.containing申请);
      }
      expect(new Set(plan.entries.map((e) => e.sourceKey)).size).toBe(plan.entries.length);
    });
  }

  it('keeps fenced "## 01/01" inside the entry and the diary preamble aside', () => {
    const plan = planImportFromPath(path.join(testdata, 'hexo', 'diary-rollover.md'));
    const dec31 = plan.entries.find((e) => e.date === '2024-12-31')!;
    expect(dec31.bodyMarkdown).toContain('## 01/01\n这不是一个新条目');
    expect(dec31.bodyMarkdown).toContain('## 01/04 also not an entry');
    expect(plan.entries.find((e) => e.date === '2025-01-01')!.bodyMarkdown).toContain('### 晚上');
    expect(plan.preambles).toHaveLength(1);
    expect(plan.preambles[0]).toMatchObject({ title: '跨年日记', date: '2024-12-28', properties: { type: 'diary' } });
    expect(plan.entries.every((e) => e.tags.includes('diary'))).toBe(true);
    expect(plan.entries.find((e) => e.date === '2025-01-02')!.tags).toEqual(['diary', 'coding']);
  });

  it('gives a second entry on the same day its own stable key', () => {
    const plan = planImportFromPath(path.join(testdata, 'hexo', 'diary-newest-first.md'));
    expect(plan.entries.filter((e) => e.date === '2023-12-01').map((e) => e.sourceKey)).toEqual([
      'diary-newest-first.md#2023-12-01',
      'diary-newest-first.md#2023-12-01~2',
    ]);
    expect(plan.entries.find((e) => e.date === '2024-01-01')!.links).toEqual(['Deep Work']);
  });
});

describe('own fixtures: Obsidian-style vault', () => {
  let plan: ImportPlan;
  let byPath: Map<string, ImportedEntry>;
  const expected = JSON.parse(readFileSync(path.join(testdata, 'vault-expected.json'), 'utf8')) as {
    entries: Record<string, Partial<ImportedEntry>>;
    errors: string[];
    skipped: string[];
    ignored: string[];
  };
  beforeAll(() => {
    plan = planImportFromPath(path.join(testdata, 'vault'));
    byPath = new Map(plan.entries.map((e) => [e.sourcePath, e]));
  });

  it('imports every note with the expected fields', () => {
    for (const [p, want] of Object.entries(expected.entries)) {
      expect(byPath.get(p), p).toMatchObject(want);
    }
  });

  it('reports malformed, binary and unreferenced files, and ignores tool folders', () => {
    for (const p of expected.errors)
      expect(
        plan.issues.some((i) => i.path === p && i.severity === 'error'),
        p,
      ).toBe(true);
    for (const p of expected.skipped)
      expect(
        plan.issues.some((i) => i.path === p && i.severity === 'skipped'),
        p,
      ).toBe(true);
    for (const p of expected.ignored) {
      expect(byPath.has(p)).toBe(false);
      expect(plan.issues.some((i) => i.path === p)).toBe(false);
    }
    expect(plan.issues.find((i) => i.path === 'Notes/Broken front matter.md')!.reason).toMatch(/YAML/);
    expect(plan.issues.find((i) => i.path === 'Notes/Corrupt.md')!.reason).toMatch(/binary/);
    expect(plan.counts.skippedFiles).toBe(3);
  });

  it('repairs mojibake and decodes GB18030, saying so', () => {
    const damaged = byPath.get('Notes/Damaged quotes.md')!;
    expect(damaged.bodyMarkdown).toBe('She said “it’s fine” — then left. Café notes: 中文申请 done.');
    expect(plan.issues.some((i) => i.path === 'Notes/Damaged quotes.md' && /mojibake/.test(i.reason))).toBe(true);
    expect(plan.counts.mojibakeRepaired).toBeGreaterThan(5);
    const gbk = byPath.get('Notes/2025-02-12 GBK note.txt')!;
    expect(gbk.bodyMarkdown).toBe('今天整理了申请材料，晚上读了一篇论文。\n\n明天继续写代码。');
    expect(gbk.format).toBe('text');
    expect(plan.issues.some((i) => i.path === 'Notes/2025-02-12 GBK note.txt' && /GB18030/.test(i.reason))).toBe(true);
  });

  it('lists referenced attachments for copying', () => {
    expect(plan.attachments.map((a) => [a.path, a.referencedBy])).toEqual([
      ['attachments/attention-sketch.png', ['Papers/Attention Is All You Need.paper.md']],
      ['attachments/loss-curve.png', ['Daily/2025-03-14.md']],
      ['attachments/talk slides.pdf', ['Daily/2025-03-15.md']],
    ]);
    expect(byPath.get('Daily/2025-03-14.md')!.attachmentRefs).toEqual({ 'loss-curve.png': 'attachments/loss-curve.png' });
    expect(byPath.get('Daily/2025-03-15.md')!.attachmentRefs).toEqual({
      '../attachments/talk%20slides.pdf': 'attachments/talk slides.pdf',
    });
    expect(plan.counts.attachments).toBe(3);
  });

  it('dates undated notes by modification time, with a warning', () => {
    const noDate = byPath.get('Notes/No date.md')!;
    expect(noDate.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(
      plan.issues.some((i) => i.path === 'Notes/No date.md' && i.severity === 'warning' && /modification date/.test(i.reason)),
    ).toBe(true);
    expect(byPath.get('Notes/Tagged.txt')!.tags).toEqual(['plaintext']);
  });

  it('counts by format', () => {
    expect(plan.counts.byFormat).toEqual({ markdown: 8, 'hexo-diary': 0, microblog: 0, text: 2 });
    expect(plan.counts.entries).toBe(10);
  });

  it('re-planning gives the same keys and hashes (re-import does not duplicate)', () => {
    const again = planImportFromPath(path.join(testdata, 'vault'));
    expect(again.entries.map((e) => [e.sourceKey, e.contentHash])).toEqual(plan.entries.map((e) => [e.sourceKey, e.contentHash]));
  });
});

describe('planImport on in-memory files', () => {
  it('never throws and reports each bad file', () => {
    const huge = new Uint8Array(11 * 1024 * 1024).fill(0x61);
    const plan = planImport([
      { relPath: 'ok.md', bytes: enc('---\ndate: 2025-01-01\n---\nfine') },
      { relPath: 'huge.md', bytes: huge },
      { relPath: 'empty.md', bytes: enc('  \n') },
      { relPath: '../escape.md', bytes: enc('x') },
      { relPath: 'nul.md', bytes: new Uint8Array([0x61, 0, 0x62]) },
      {
        relPath: 'koi8.txt',
        bytes: new Uint8Array(
          [...'Привет, как дела? Это длинный русский текст.'].map((c) =>
            c.charCodeAt(0) > 127 ? 0xc0 + (c.charCodeAt(0) % 32) : c.charCodeAt(0),
          ),
        ),
      },
      { relPath: 'weird.xyz', bytes: enc('?') },
      { relPath: 'ok.md', bytes: enc('dup') },
    ]);
    expect(plan.entries.map((e) => e.sourceKey)).toEqual(['ok.md']);
    const reasons = Object.fromEntries(plan.issues.map((i) => [i.path, i.reason]));
    expect(reasons['huge.md']).toMatch(/larger than/);
    expect(reasons['empty.md']).toBe('empty file');
    expect(reasons['../escape.md']).toMatch(/outside/);
    expect(reasons['nul.md']).toMatch(/binary/);
    expect(reasons['koi8.txt']).toMatch(/unknown text encoding/);
    expect(reasons['weird.xyz']).toMatch(/unsupported/);
    expect(plan.counts.files).toBe(8);
  });

  it('resolves Obsidian embeds by name, nearest first, and reports missing ones', () => {
    const plan = planImport([
      { relPath: 'a/note.md', bytes: enc('---\ndate: 2025-01-01\n---\n![[pic.png]] ![](missing.png) ![x](<b/with space.png>)') },
      { relPath: 'a/img/pic.png', size: 10 },
      { relPath: 'z/pic.png', size: 10 },
      { relPath: 'a/b/with space.png', size: 5 },
    ]);
    expect(plan.entries[0]!.attachmentRefs).toEqual({ 'pic.png': 'a/img/pic.png', 'b/with space.png': 'a/b/with space.png' });
    expect(plan.entries[0]!.attachments).toEqual(['a/img/pic.png', 'a/b/with space.png']);
    expect(plan.counts.missingAttachments).toBe(1);
    expect(plan.issues.some((i) => i.reason === 'attachment not found: missing.png')).toBe(true);
  });

  it('groups entries per source file (one transaction each)', () => {
    const plan = planImportFromPath(path.join(testdata, 'hexo'));
    const groups = groupBySourceFile(plan);
    expect(groups.map((g) => [g.sourcePath, g.entries.length])).toEqual([
      ['diary-newest-first.md', 7],
      ['diary-rollover.md', 6],
    ]);
  });

  it('round-trips an export: entries, dates, kinds, tags, properties, links', () => {
    const source = planImportFromPath(path.join(testdata, 'vault'));
    const exported = source.entries.map((e, i) => ({
      // Named by title, as the exporter does (one folder each keeps them apart).
      relPath: `export/${String(i).padStart(3, '0')}/${e.title.replace(/[\\/:*?"<>|]+/g, ' ')}.md`,
      bytes: enc(formatMarkdownNote({ ...e, properties: e.properties })),
    }));
    const back = planImport(exported);
    expect(back.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const pick = (e: ImportedEntry) => ({
      title: e.title,
      date: e.date,
      time: e.time,
      kind: e.kind,
      tags: e.tags,
      properties: e.properties,
      links: e.links,
      isPublic: e.isPublic,
      body: e.bodyMarkdown,
    });
    expect(back.entries.map(pick)).toEqual(source.entries.map(pick));
  });
});

describe('walkImportFolder', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'folio-walk-'));
    const outside = path.join(dir, 'outside');
    const root = path.join(dir, 'root');
    mkdirSync(outside);
    mkdirSync(path.join(root, 'sub'), { recursive: true });
    mkdirSync(path.join(root, '.obsidian'));
    mkdirSync(path.join(root, 'node_modules', 'pkg'), { recursive: true });
    writeFileSync(path.join(outside, 'secret.md'), '---\ndate: 2025-01-01\n---\nsecret');
    writeFileSync(path.join(root, 'sub', 'a.md'), '---\ndate: 2025-01-01\n---\na');
    writeFileSync(path.join(root, '.obsidian', 'workspace.json'), '{}');
    writeFileSync(path.join(root, 'node_modules', 'pkg', 'readme.md'), 'x');
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'link-out.md'));
    symlinkSync(outside, path.join(root, 'dir-out'));
    symlinkSync(path.join(root, 'sub'), path.join(root, 'loop'));
    symlinkSync(path.join(root, 'sub', 'a.md'), path.join(root, 'alias.md'));
    symlinkSync(path.join(root, 'nowhere.md'), path.join(root, 'broken.md'));
    const old = new Date(2020, 0, 2);
    utimesSync(path.join(root, 'sub', 'a.md'), old, old);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('skips ignored folders and never follows symlinks out of the folder', () => {
    const w = walkImportFolder(path.join(dir, 'root'));
    expect(w.files.map((f) => f.relPath)).toEqual(['sub/a.md']);
    const reasons = Object.fromEntries(w.issues.map((i) => [i.path, i.reason]));
    expect(reasons['link-out.md']).toMatch(/outside/);
    expect(reasons['dir-out']).toMatch(/outside/);
    expect(reasons['loop']).toMatch(/already/);
    expect(reasons['alias.md']).toMatch(/already/);
    expect(reasons['broken.md']).toMatch(/broken/);
  });

  it('handles thousands of files and a copied fixture folder', () => {
    const many = path.join(dir, 'many');
    mkdirSync(many);
    for (let i = 0; i < 2000; i++)
      writeFileSync(
        path.join(many, `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')} n${i}.md`),
        `Note ${i} #t${i % 7}\n`,
      );
    cpSync(path.join(testdata, 'hexo'), path.join(many, 'hexo'), { recursive: true });
    const plan = planImportFromPath(many);
    expect(plan.entries.length).toBe(2000 + 13);
    expect(plan.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('mojibake helper sanity', () => {
  it('the fixture was damaged the way the decoder expects', () => {
    const raw = readFileSync(path.join(testdata, 'vault', 'Notes', 'Damaged quotes.md'), 'utf8');
    expect(raw).toContain(decodeCp1252(enc('—')));
  });
});
