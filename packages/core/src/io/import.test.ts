// Import through the handlers, on a real database: the written fixtures of every format, re-import,
// uploads, bad input, one transaction per file, attachments as blobs, search right after import.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  IMPORT_IGNORED_NAMES,
  IMPORT_MAX_NOTE_BYTES,
  isImportNotePath,
  type ImportFileInput,
  type ImportResultDto,
} from '../contract/io';
import { classifyByName, DEFAULT_IGNORE, DEFAULT_MAX_NOTE_BYTES } from './import';
import { makeTestCore } from '../testing/core';
import { makeTempDir } from '../testing/temp-dir';

const here = path.dirname(fileURLToPath(import.meta.url));
const testdata = path.join(here, 'testdata');
type TestCore = Awaited<ReturnType<typeof makeTestCore>>;

let core: TestCore;
let tmp: { dir: string; cleanup: () => void };
beforeEach(async () => {
  core = await makeTestCore();
  tmp = makeTempDir('folio-io-');
});
afterEach(async () => {
  await core.cleanup();
  tmp.cleanup();
});

const call = <K extends keyof TestCore['handlers']>(name: K, payload: unknown) =>
  (core.handlers[name] as (p: unknown) => ReturnType<TestCore['handlers'][K]>)(payload);

async function importPaths(paths: string[], onExisting: 'update' | 'skip' = 'update'): Promise<ImportResultDto> {
  return call('io:import', { paths, onExisting });
}

function copyDir(from: string, to: string): string {
  fs.cpSync(from, to, { recursive: true });
  return to;
}

async function allEntries() {
  const list = await call('journal:list', { limit: 500, writtenOnly: false, order: 'date-asc', offset: 0 });
  return Promise.all(list.items.map((i) => call('journal:get', { id: i.id })));
}

function sql<T>(q: string, ...params: unknown[]): T[] {
  return core.context.store.sqlite.prepare(q).all(...params) as T[];
}

describe('Obsidian-style vault', () => {
  const expected = JSON.parse(fs.readFileSync(path.join(testdata, 'vault-expected.json'), 'utf8')) as {
    entries: Record<
      string,
      {
        date: string;
        kind: string;
        title: string;
        tags?: string[];
        links?: string[];
        attachments?: string[];
        properties?: Record<string, unknown>;
        time?: string;
      }
    >;
    errors: string[];
    skipped: string[];
  };

  it('previews without writing, then imports every note with its date, title, kind, tags, links and attachments', async () => {
    const plan = await call('io:import-plan', { paths: [path.join(testdata, 'vault')] });
    // The expected notes, plus two undated ones that fall back to their file's modification date (with a warning).
    const undated = ['vault/Notes/No date.md', 'vault/Notes/Tagged.txt'];
    expect(plan.entries.map((e) => e.sourceKey).sort()).toEqual(
      [...Object.keys(expected.entries).map((k) => `vault/${k}`), ...undated].sort(),
    );
    expect(plan.entries.every((e) => e.action === 'create')).toBe(true);
    for (const u of undated)
      expect(plan.issues.some((i) => i.path === u && i.severity === 'warning' && /modification date/.test(i.reason))).toBe(true);
    expect(sql<{ n: number }>('SELECT count(*) AS n FROM entries')[0]!.n).toBe(0);
    for (const p of expected.errors)
      expect(
        plan.issues.some((i) => i.path === `vault/${p}` && i.severity === 'error'),
        p,
      ).toBe(true);
    for (const p of expected.skipped)
      expect(
        plan.issues.some((i) => i.path === `vault/${p}` && i.severity === 'skipped'),
        p,
      ).toBe(true);
    // Only referenced attachments are needed.
    expect(plan.attachmentsNeeded.map((a) => a.path).sort()).toEqual([
      'vault/attachments/attention-sketch.png',
      'vault/attachments/loss-curve.png',
      'vault/attachments/talk slides.pdf',
    ]);

    const r = await importPaths([path.join(testdata, 'vault')]);
    expect(r.created).toBe(plan.counts.create);
    expect(r.failedFiles).toBe(0);
    const entries = await allEntries();
    for (const [rel, want] of Object.entries(expected.entries)) {
      const e = entries.find((x) => x.sourceKey === `vault/${rel}`);
      expect(e, rel).toBeDefined();
      expect(e!.date, rel).toBe(want.date);
      expect(e!.title, rel).toBe(want.title);
      expect(e!.kind, rel).toBe(want.kind);
      if (want.time) expect(e!.time).toBe(want.time);
      if (want.tags) expect([...e!.tags].sort(), rel).toEqual([...want.tags].sort());
      if (want.properties) expect(e!.properties, rel).toMatchObject(want.properties);
      for (const l of want.links ?? []) expect(e!.body, rel).toContain(`[[${l}`);
    }
    // Links resolve between imported notes.
    const standup = entries.find((e) => e.title === 'Standup')!;
    const links = sql<{ target: string; target_entry_id: string | null }>(
      'SELECT target, target_entry_id FROM entry_links WHERE from_entry_id = ?',
      standup.id,
    );
    const paper = entries.find((e) => e.title === 'Attention Is All You Need')!;
    expect(links.find((l) => l.target.startsWith('Attention'))?.target_entry_id).toBe(paper.id);
  });

  it('copies attachments into blobs and points the body at them', async () => {
    const vault = copyDir(path.join(testdata, 'vault'), path.join(tmp.dir, 'vault'));
    fs.writeFileSync(
      path.join(vault, 'attachments/unused.png'),
      Buffer.concat([fs.readFileSync(path.join(vault, 'attachments/unused.png')), Buffer.from('different')]),
    );
    await importPaths([vault]);
    const entries = await allEntries();
    const daily = entries.find((e) => e.sourceKey === 'vault/Daily/2025-03-14.md')!;
    const bytes = fs.readFileSync(path.join(testdata, 'vault/attachments/loss-curve.png'));
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    expect(daily.body).toContain(`](folio://blob/${sha})`);
    expect(daily.body).not.toMatch(/!\[\[loss-curve/);
    expect(core.context.blobs.has(sha)).toBe(true);
    const pdfNote = entries.find((e) => e.sourceKey === 'vault/Daily/2025-03-15.md')!;
    expect(pdfNote.body).toMatch(/\[slides\]\(folio:\/\/blob\/[0-9a-f]{64}\)/);
    // The unreferenced image was not stored.
    const unused = crypto
      .createHash('sha256')
      .update(fs.readFileSync(path.join(vault, 'attachments/unused.png')))
      .digest('hex');
    expect(core.context.blobs.has(unused)).toBe(false);
  });

  it('re-import never duplicates; a changed file becomes a new revision; Folio edits to unchanged files are kept', async () => {
    const vault = copyDir(path.join(testdata, 'vault'), path.join(tmp.dir, 'vault'));
    const first = await importPaths([vault]);
    const count = sql<{ n: number }>('SELECT count(*) AS n FROM entries')[0]!.n;

    const again = await importPaths([vault]);
    expect(again.created).toBe(0);
    expect(again.updated).toBe(0);
    expect(again.unchanged).toBe(first.created);
    expect(sql<{ n: number }>('SELECT count(*) AS n FROM entries')[0]!.n).toBe(count);

    // Edit one entry in Folio, change another file on disk.
    const entries = await allEntries();
    const standup = entries.find((e) => e.title === 'Standup')!;
    await call('journal:save', {
      id: standup.id,
      baseRevision: standup.revision,
      body: `${standup.body}\n\nAdded in Folio.`,
      mode: 'save',
    });
    const weeklyFile = path.join(vault, 'Weekly/2025-W11.md');
    fs.writeFileSync(weeklyFile, `${fs.readFileSync(weeklyFile, 'utf8')}\n- Wrote the import.\n`);

    const plan = await call('io:import-plan', { paths: [vault] });
    expect(plan.entries.filter((e) => e.action === 'update').map((e) => e.sourceKey)).toEqual(['vault/Weekly/2025-W11.md']);
    const third = await importPaths([vault]);
    expect(third.updated).toBe(1);
    expect(third.created).toBe(0);
    const weekly = (await allEntries()).find((e) => e.sourceKey === 'vault/Weekly/2025-W11.md')!;
    expect(weekly.body).toContain('Wrote the import.');
    const revisions = await call('journal:revisions', { id: weekly.id });
    expect(revisions.length).toBeGreaterThanOrEqual(2);
    expect(revisions.some((r) => r.reason === 'import' && r.revision === weekly.revision)).toBe(true);
    // The Folio edit survived the re-import of its unchanged file.
    expect((await call('journal:get', { id: standup.id })).body).toContain('Added in Folio.');
  });

  it('onExisting: skip keeps changed entries as they are; a trashed entry is never brought back', async () => {
    const vault = copyDir(path.join(testdata, 'vault'), path.join(tmp.dir, 'vault'));
    await importPaths([vault]);
    const weeklyFile = path.join(vault, 'Weekly/2025-W11.md');
    fs.writeFileSync(weeklyFile, `${fs.readFileSync(weeklyFile, 'utf8')}\nchanged\n`);
    const kept = await importPaths([vault], 'skip');
    expect(kept.updated).toBe(0);
    expect(kept.entries.find((e) => e.sourceKey === 'vault/Weekly/2025-W11.md')?.action).toBe('skipped');

    const paper = (await allEntries()).find((e) => e.kind === 'paper')!;
    await call('journal:delete', { id: paper.id });
    const plan = await call('io:import-plan', { paths: [vault] });
    expect(plan.entries.find((e) => e.entryId === paper.id)).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/trash/),
    });
    const r = await importPaths([vault]);
    expect(r.created).toBe(0);
    expect((await call('journal:get', { id: paper.id })).deletedAt).not.toBeNull();
  });
});

describe('Hexo diaries and microblogs', () => {
  const hexo = JSON.parse(fs.readFileSync(path.join(testdata, 'hexo/expected.json'), 'utf8')) as Record<
    string,
    { entries: { date: string; title: string }[]; containing申请: string[] }
  >;
  const micro = JSON.parse(fs.readFileSync(path.join(testdata, 'microblog/expected.json'), 'utf8')) as Record<
    string,
    { entries: { date: string; title: string }[] }
  >;

  it('one entry per dated heading with the right dates and titles; a second heading for a day becomes a note', async () => {
    for (const [file, want] of Object.entries(hexo)) {
      const r = await importPaths([path.join(testdata, 'hexo', file)]);
      expect(r.failedFiles).toBe(0);
      const got = r.entries.map((e) => ({ date: e.date, title: e.title }));
      expect(got).toEqual(want.entries);
      const dates = want.entries.map((e) => e.date);
      const dupes = dates.filter((d, i) => dates.indexOf(d) !== i);
      expect(r.entries.filter((e) => e.kind === 'note').map((e) => e.date)).toEqual(dupes);
      expect(r.issues.filter((i) => /already a daily note/.test(i.reason))).toHaveLength(dupes.length);
      for (const d of want.containing申请) {
        const rows = sql<{ body: string }>(`SELECT body FROM entries WHERE date = ? AND source_key LIKE ?`, d, `${file}#%`);
        expect(
          rows.some((x) => x.body.includes('申请')),
          d,
        ).toBe(true);
      }
    }
  });

  it('microblog: one entry per entry line', async () => {
    for (const [file, want] of Object.entries(micro)) {
      const r = await importPaths([path.join(testdata, 'microblog', file)]);
      expect(r.entries.map((e) => ({ date: e.date, title: e.title }))).toEqual(want.entries);
      expect(r.created).toBe(want.entries.length);
    }
  });

  it('imported notes are searchable at once', async () => {
    await importPaths([path.join(testdata, 'hexo'), path.join(testdata, 'vault')]);
    if ('search:query' in core.handlers) {
      const hits = await call('search:query', { q: '申请', kinds: ['entry'], limit: 50, offset: 0 });
      const titles = hits.results.map((h) => h.title);
      expect(titles).toContain('01/15');
      expect(titles).toContain('Damaged quotes');
    } else {
      const rows = sql<{ title: string }>(`SELECT title FROM entries WHERE body LIKE '%申请%'`);
      expect(rows.map((r) => r.title)).toContain('01/15');
    }
  });
});

describe('bad input', () => {
  it('reports each bad file with its reason and imports the rest; a file that fails writes nothing of itself', async () => {
    const dir = path.join(tmp.dir, 'mixed');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'good.md'), '---\ntitle: Good\ndate: 2025-05-01\n---\nFine.\n');
    fs.writeFileSync(path.join(dir, 'broken.md'), '---\ntitle: [unclosed\ndate: 2025-05-02\n---\nx\n');
    fs.writeFileSync(path.join(dir, 'binary.md'), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)));
    fs.writeFileSync(path.join(dir, 'huge.md'), Buffer.alloc(11 * 1024 * 1024, 0x61));
    fs.writeFileSync(path.join(dir, 'movie.mkv'), 'not really a movie');
    // A diary whose second day is too long to store: the whole file is refused, its first day too.
    const long = 'x'.repeat(5_000_100);
    fs.writeFileSync(
      path.join(dir, 'diary.md'),
      `---\ntitle: Diary\ndate: 2025-06-01\n---\n\n## 06/01\n\nfirst day\n\n## 06/02\n\n${long}\n`,
    );

    const r = await importPaths([dir]);
    const reasons = Object.fromEntries(r.issues.filter((i) => i.severity !== 'warning').map((i) => [i.path, i.reason]));
    expect(Object.keys(reasons).sort()).toEqual([
      'mixed/binary.md',
      'mixed/broken.md',
      'mixed/diary.md',
      'mixed/huge.md',
      'mixed/movie.mkv',
    ]);
    expect(reasons['mixed/huge.md']).toMatch(/larger than/);
    expect(reasons['mixed/binary.md']).toMatch(/binary/);
    expect(reasons['mixed/broken.md']).toMatch(/front matter/);
    expect(reasons['mixed/diary.md']).toMatch(/not imported/);
    expect(r.failedFiles).toBe(1);
    expect(r.entries.filter((e) => e.action === 'failed').map((e) => e.title)).toEqual(['06/01', '06/02']);
    expect(sql<{ title: string }>('SELECT title FROM entries ORDER BY title').map((x) => x.title)).toEqual(['Good']);
    expect(sql<{ n: number }>(`SELECT count(*) AS n FROM import_sources WHERE source_path = 'mixed/diary.md'`)[0]!.n).toBe(0);
    // The search index rolled back with the file: its first day is not findable.
    if ('search:query' in core.handlers) {
      expect((await call('search:query', { q: 'first day', limit: 10, offset: 0 })).results).toEqual([]);
      expect((await call('search:query', { q: 'Fine', limit: 10, offset: 0 })).results.map((h) => h.title)).toEqual(['Good']);
    }
  });

  it('refuses a payload with neither paths nor files, with a message on the field', async () => {
    const res = await core.dispatch('io:import-plan', {});
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.details?.issues?.[0]).toMatchObject({ path: 'paths' });
    const missing = await importPaths([path.join(tmp.dir, 'nope')]);
    expect(missing.issues[0]).toMatchObject({ severity: 'error', reason: expect.stringMatching(/cannot open/) });
  });
});

describe('uploaded files (the browser route)', () => {
  function upload(root: string, only?: (rel: string) => boolean): ImportFileInput[] {
    const out: ImportFileInput[] = [];
    const walk = (dir: string) => {
      for (const name of fs.readdirSync(dir).sort()) {
        if (name.startsWith('.')) continue;
        const abs = path.join(dir, name);
        if (fs.statSync(abs).isDirectory()) walk(abs);
        else {
          const rel = `${path.basename(root)}/${path.relative(root, abs).split(path.sep).join('/')}`;
          const bytes = fs.readFileSync(abs);
          const mtimeMs = fs.statSync(abs).mtimeMs;
          if (only && !only(rel)) out.push({ relPath: rel, size: bytes.length, mtimeMs });
          else out.push({ relPath: rel, sha256: core.context.blobs.put(bytes).sha256, mtimeMs });
        }
      }
    };
    walk(root);
    return out;
  }

  it('gives the same entries (same source keys) as importing the folder by path', async () => {
    const vault = path.join(testdata, 'vault');
    // Notes only first: the plan says which attachments to send.
    const notesOnly = upload(vault, (rel) => /\.(md|txt)$/.test(rel));
    const plan = await call('io:import-plan', { files: notesOnly });
    const needed = plan.attachmentsNeeded.filter((a) => !a.uploaded).map((a) => a.path);
    expect(needed.sort()).toEqual([
      'vault/attachments/attention-sketch.png',
      'vault/attachments/loss-curve.png',
      'vault/attachments/talk slides.pdf',
    ]);
    const withAttachments = upload(vault, (rel) => /\.(md|txt)$/.test(rel) || needed.includes(rel));
    const r = await call('io:import', { files: withAttachments });
    expect(r.created).toBe(plan.counts.create);
    expect(r.attachmentsStored).toBe(3);
    expect(r.issues.filter((i) => /attachment not stored/.test(i.reason))).toEqual([]);
    const byPath = await importPaths([vault]);
    expect(byPath.created).toBe(0);
    expect(byPath.unchanged).toBe(r.created);
  });

  it('reports attachments that were not uploaded and keeps their links', async () => {
    const r = await call('io:import', { files: upload(path.join(testdata, 'vault'), (rel) => /\.(md|txt)$/.test(rel)) });
    expect(r.issues.some((i) => i.severity === 'warning' && /attachment not stored/.test(i.reason))).toBe(true);
    const daily = (await allEntries()).find((e) => e.sourceKey === 'vault/Daily/2025-03-14.md')!;
    expect(daily.body).toMatch(/loss-curve\.png/);
  });
});

describe('the browser-safe rules in the contract match the importer', () => {
  it('note extensions, ignored names and the size limit', () => {
    for (const p of [
      'a.md',
      'b.MARKDOWN',
      'c.txt',
      'd.mdx',
      'e.png',
      'f.pdf',
      'g.excalidraw.md',
      'h',
      '.hidden.md',
      'i.docx',
      'j.text',
    ]) {
      const cls = classifyByName(p);
      expect(isImportNotePath(p), p).toBe(cls === 'markdown' || cls === 'text');
    }
    expect([...IMPORT_IGNORED_NAMES]).toEqual([...DEFAULT_IGNORE]);
    expect(IMPORT_MAX_NOTE_BYTES).toBe(DEFAULT_MAX_NOTE_BYTES);
  });
});

describe('visibility and kind of imported entries', () => {
  function write(rel: string, text: string, mtime = new Date(2025, 4, 6, 12)): void {
    const abs = path.join(tmp.dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
    fs.utimesSync(abs, mtime, mtime);
  }
  const byKey = async () => new Map((await allEntries()).map((e) => [e.sourceKey, e]));

  it('a vault is private unless a note says it is public; untyped notes are notes, not posts; publish shows only what was marked', async () => {
    write('vault/no front matter.md', 'A private thought, no front matter at all.');
    write('vault/Hexo style.md', '---\ntitle: Hexo style\ndate: 2025-02-01\ntags: [x]\n---\nTitle, date, tags: still private.');
    write('vault/Marked public.md', '---\ndate: 2025-02-02\npublic: true\n---\nOut in the open.');
    write('vault/Obsidian publish.md', '---\ndate: 2025-02-03\npublish: true\n---\nObsidian Publish flag.');
    write('vault/Jekyll published.md', '---\ndate: 2025-02-04\npublished: true\n---\nJekyll flag.');
    write(
      'vault/_posts/2025-02-05-blog-post.md',
      '---\ntitle: Blog post\nlayout: post\ncategories: [life]\n---\nA Jekyll post with no visibility flag.',
    );
    write(
      'vault/_posts/2025-02-06-not-a-draft.md',
      '---\ntitle: Not a draft\nlayout: post\ndraft: false\n---\nA blog post that says it is not a draft.',
    );
    write(
      'vault/Loose draft flag.md',
      '---\ndate: 2025-02-07\ndraft: false\n---\nNot a blog post: draft: false alone does not publish it.',
    );
    write('vault/Said private.md', '---\ndate: 2025-02-08\nkind: post\npublic: false\n---\nA post the file keeps private.');
    write('vault/2025-02-09 Trip.md', 'Named with a date.');

    const plan = await call('io:import-plan', { paths: [path.join(tmp.dir, 'vault')] });
    expect(plan.counts.unmarkedPosts).toBe(1);
    const r = await importPaths([path.join(tmp.dir, 'vault')]);
    expect(r.failedFiles).toBe(0);
    const got = await byKey();
    const view = (k: string) => {
      const e = got.get(`vault/${k}`)!;
      return { kind: e.kind, isPublic: e.isPublic };
    };
    expect(view('no front matter.md')).toEqual({ kind: 'note', isPublic: false });
    expect(view('Hexo style.md')).toEqual({ kind: 'note', isPublic: false });
    expect(view('Marked public.md')).toEqual({ kind: 'note', isPublic: true });
    expect(view('Obsidian publish.md')).toEqual({ kind: 'note', isPublic: true });
    expect(view('Jekyll published.md')).toEqual({ kind: 'note', isPublic: true });
    expect(view('_posts/2025-02-05-blog-post.md')).toEqual({ kind: 'post', isPublic: false });
    expect(view('_posts/2025-02-06-not-a-draft.md')).toEqual({ kind: 'post', isPublic: true });
    expect(view('Loose draft flag.md')).toEqual({ kind: 'note', isPublic: false });
    expect(view('Said private.md')).toEqual({ kind: 'post', isPublic: false });
    expect(view('2025-02-09 Trip.md')).toEqual({ kind: 'post', isPublic: false });

    const site = path.join(tmp.dir, 'site');
    const pub = await call('io:publish', { dir: site });
    expect(pub.posts).toBe(4);
    const pages = fs.readdirSync(path.join(site, 'posts')).join('\n');
    expect(pages).not.toMatch(/no-front-matter|hexo-style|blog-post|trip|said-private/i);
    expect(fs.readFileSync(path.join(site, 'index.html'), 'utf8')).not.toContain('A private thought');
  });

  it('microblog posts import private; publicPosts (folio import --public) makes them public, also on a later re-import', async () => {
    write(
      'blog.txt',
      '6/21/26, Weekend\nWorked from the usual place.\n6/20/26, Stamps\nLooked at small websites.\n6/19/26: Word\nA long document.\n',
    );
    const plan = await call('io:import-plan', { paths: [path.join(tmp.dir, 'blog.txt')] });
    expect(plan.counts.unmarkedPosts).toBe(3);
    expect(plan.entries.every((e) => e.kind === 'post' && e.unmarkedPost && e.isPublic === undefined)).toBe(true);
    await importPaths([path.join(tmp.dir, 'blog.txt')]);
    expect((await allEntries()).map((e) => [e.kind, e.isPublic])).toEqual([
      ['post', false],
      ['post', false],
      ['post', false],
    ]);
    // Asked for: the same entries become public (an update, not copies).
    const plan2 = await call('io:import-plan', { paths: [path.join(tmp.dir, 'blog.txt')], publicPosts: true });
    expect(plan2.counts.update).toBe(3);
    expect(plan2.entries.every((e) => e.isPublic === true)).toBe(true);
    const r = await call('io:import', { paths: [path.join(tmp.dir, 'blog.txt')], publicPosts: true });
    expect(r.updated).toBe(3);
    expect(r.created).toBe(0);
    const all = await allEntries();
    expect(all).toHaveLength(3);
    expect(all.every((e) => e.isPublic)).toBe(true);
    // Importing again without the flag leaves the visibility the user chose alone.
    const again = await importPaths([path.join(tmp.dir, 'blog.txt')]);
    expect(again.created + again.updated).toBe(0);
    expect((await allEntries()).every((e) => e.isPublic)).toBe(true);
  });

  it('an imported entry without a time keeps no time, on import and when it is edited later', async () => {
    write('blog.txt', '6/21/26, Weekend\nWorked from the usual place.\n');
    write('vault/Timed.md', '---\ndate: 2025-02-02\ntime: "07:45"\nkind: post\n---\nHas a time.');
    await importPaths([path.join(tmp.dir, 'blog.txt'), path.join(tmp.dir, 'vault')]);
    const post = (await allEntries()).find((e) => e.title === 'Weekend')!;
    expect(post.time).toBeNull();
    expect((await allEntries()).find((e) => e.title === 'Timed')!.time).toBe('07:45');
    const saved = await call('journal:save', {
      id: post.id,
      baseRevision: post.revision,
      body: `${post.body}\n\nEdited.`,
      mode: 'save',
    });
    expect(saved.time).toBeNull();
    const kinded = await call('journal:save', { id: post.id, baseRevision: saved.revision, kind: 'note', mode: 'save' });
    expect(kinded.time).toBeNull();
    // A re-import of the changed file does not invent one either.
    fs.appendFileSync(path.join(tmp.dir, 'blog.txt'), 'More text.\n');
    await importPaths([path.join(tmp.dir, 'blog.txt')]);
    expect((await call('journal:get', { id: post.id })).time).toBeNull();
  });
});

describe('Obsidian links by file name', () => {
  function write(rel: string, text: string): void {
    const abs = path.join(tmp.dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
  const linkTargets = (title: string) =>
    sql<{ target: string; target_entry_id: string | null }>(
      `SELECT l.target, l.target_entry_id FROM entry_links l JOIN entries e ON e.id = l.from_entry_id WHERE e.title = ? ORDER BY l.position`,
      title,
    );
  const idOf = (title: string) => sql<{ id: string }>(`SELECT id FROM entries WHERE title = ?`, title)[0]!.id;

  it('[[Project Alpha]] reaches Project Alpha.md whatever its title, front-matter aliases too, also for notes imported later', async () => {
    write('vault/Projects/Project Alpha.md', '---\ntitle: Alpha project plan\ndate: 2025-04-01\naliases: [PA]\n---\nThe plan.');
    write(
      'vault/Daily/2025-04-02.md',
      'Worked on [[Project Alpha]], see [[PA]] and [[Projects/Project Alpha|the plan]]. Later: [[Project Beta]].',
    );
    const r = await importPaths([path.join(tmp.dir, 'vault')]);
    expect(r.failedFiles).toBe(0);
    const alpha = idOf('Alpha project plan');
    expect(linkTargets('2025-04-02')).toEqual([
      { target: 'Project Alpha', target_entry_id: alpha },
      { target: 'PA', target_entry_id: alpha },
      { target: 'Projects/Project Alpha', target_entry_id: alpha },
      { target: 'Project Beta', target_entry_id: null },
    ]);
    expect((await call('journal:get', { id: alpha })).properties.aliases).toEqual(['PA', 'Project Alpha']);
    const back = await call('journal:backlinks', { id: alpha });
    expect(back.linked.map((l) => l.entry.title)).toEqual(['2025-04-02']);

    // A note imported later is found by the links written before it came.
    write('later/Project Beta.md', '---\ntitle: Beta, the second project\ndate: 2025-04-03\n---\nBeta.');
    await importPaths([path.join(tmp.dir, 'later')]);
    expect(linkTargets('2025-04-02').at(-1)).toEqual({
      target: 'Project Beta',
      target_entry_id: idOf('Beta, the second project'),
    });
    // Re-import: nothing changes, nothing is duplicated.
    const again = await importPaths([path.join(tmp.dir, 'vault')]);
    expect(again.created + again.updated).toBe(0);
  });

  it('a vault note linked by its file name in the shipped fixture resolves ([[Reading list]] → “Reading list #2”)', async () => {
    await importPaths([path.join(testdata, 'vault')]);
    const reading = idOf('Reading list #2');
    expect(linkTargets('2025-03-15').find((l) => l.target === 'Reading list')?.target_entry_id).toBe(reading);
  });
});
