import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnnotationDto, PaperDto } from '../contract/papers';
import { getEntry, titles } from '../journal';
import { activityRegistry } from '../stamps';
import { makeTestCore } from '../testing/core';
import { corruptPdf, makeEncryptedPdf, makePaperPdf, makeScannedPdf, notAPdf, truncatePdf } from './testing';
import { addPdfFile, getAnnotation, iteratePapers, listAnnotations, paperPages, papersDailyTotals, whenTextIdle } from './index';

type TestCore = Awaited<ReturnType<typeof makeTestCore>>;
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function core(now?: () => Date): Promise<TestCore> {
  const c = await makeTestCore(now ? { now } : {});
  cleanup = c.cleanup;
  return c;
}

async function call<T>(c: TestCore, name: string, payload: unknown): Promise<T> {
  const r = await c.dispatch(name, payload);
  if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
  return r.value as T;
}

async function callError(c: TestCore, name: string, payload: unknown) {
  const r = await c.dispatch(name, payload);
  expect(r.ok, `${name} should fail`).toBe(false);
  return (r as { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } }).error;
}

/** Uploads bytes the way the UI does (content-addressed blob) and adds them. */
async function addBytes(c: TestCore, bytes: Uint8Array, fileName: string) {
  const blob = c.context.blobs.put(bytes);
  return c.dispatch('papers:add-blob', { sha256: blob.sha256, fileName });
}

/** A file outside the data folder, as the CLI gets it. */
function writeTemp(c: TestCore, name: string, bytes: Uint8Array): string {
  const dir = path.join(c.dataDir, 'incoming');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

const ATTENTION = {
  title: 'Attention Is All You Need',
  authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit'],
  arxiv: { id: '1706.03762', version: 5, category: 'cs.CL', date: '6 Dec 2017' },
  pages: 5,
  seed: 3,
};

describe('papers: adding PDFs', () => {
  it('adds a PDF with metadata from its title page, and catches the same file twice', async () => {
    const c = await core();
    const paper = await makePaperPdf(ATTENTION);
    const r = await addBytes(c, paper.bytes, 'attention.pdf');
    expect(r.ok).toBe(true);
    const added = (r as { value: { paper: PaperDto; duplicate: boolean; message: string } }).value;
    expect(added.duplicate).toBe(false);
    expect(added.paper).toMatchObject({
      kind: 'pdf',
      title: 'Attention Is All You Need',
      authors: ATTENTION.authors,
      arxivId: '1706.03762',
      arxivVersion: 'v5',
      year: 2017,
      pageCount: 5,
      hasPdf: true,
      hasTextLayer: true,
      status: 'queued',
      fileName: 'attention.pdf',
    });
    expect(added.paper.statusHistory).toEqual([expect.objectContaining({ status: 'queued' })]);
    expect(added.message).toMatch(/Added “Attention Is All You Need” \(5 pages\)/);

    const again = await addBytes(c, paper.bytes, 'copy of attention.pdf');
    expect(again).toMatchObject({ ok: true, value: { duplicate: true, paper: { id: added.paper.id } } });
    expect((again as { value: { message: string } }).value.message).toBe(
      '“copy of attention.pdf” is already in your library as “Attention Is All You Need”.',
    );
    const list = await call<{ items: unknown[]; total: number }>(c, 'papers:list', {});
    expect(list.total).toBe(1);
  });

  it.each([
    ['not a PDF (a zip)', () => notAPdf('zip'), 'notes.docx', /“?"notes\.docx" is not a PDF/],
    ['an HTML page', () => notAPdf('html'), 'paper.pdf', /"paper\.pdf" is not a PDF .*web page/],
    ['truncated', async () => truncatePdf((await makePaperPdf({ pages: 3 })).bytes), 'cut.pdf', /"cut\.pdf" is truncated/],
    ['corrupt', () => corruptPdf(), 'broken.pdf', /"broken\.pdf" is damaged/],
    ['encrypted', () => makeEncryptedPdf({ userPassword: 'hunter2' }), 'locked.pdf', /"locked\.pdf" is password-protected/],
    ['empty', () => new Uint8Array(0), 'empty.pdf', /"empty\.pdf" is empty/],
  ])(
    'refuses %s with a message naming the file, leaving the library and blobs unchanged',
    async (_label, make, name, message) => {
      const c = await core();
      const good = await makePaperPdf({ pages: 2, seed: 11 });
      await addBytes(c, good.bytes, 'good.pdf');
      const before = await call<{ total: number }>(c, 'papers:list', {});
      const bytes = await make();
      const blob = c.context.blobs.put(bytes);
      const err = await callError(c, 'papers:add-blob', { sha256: blob.sha256, fileName: name });
      expect(err.code).toBe('invalid_file');
      expect(err.message).toMatch(message);
      expect(err.details).toMatchObject({ file: name });
      expect(c.context.blobs.has(blob.sha256)).toBe(false);
      expect((await call<{ total: number }>(c, 'papers:list', {})).total).toBe(before.total);
      const rows = c.context.store.sqlite.prepare(`SELECT count(*) AS n FROM paper_status_changes`).get() as { n: number };
      expect(rows.n).toBe(1);
    },
  );

  it('keeps a blob that was already stored when the file turns out bad (CLI path)', async () => {
    const c = await core();
    const bytes = notAPdf('png');
    const file = writeTemp(c, 'image.pdf', bytes);
    const pre = c.context.blobs.put(bytes);
    await expect(addPdfFile(c.context, file)).rejects.toMatchObject({
      code: 'invalid_file',
      message: expect.stringContaining('"image.pdf" is not a PDF'),
    });
    expect(c.context.blobs.has(pre.sha256)).toBe(true);
    fs.rmSync(file);
  });

  it('opens a scanned PDF and says it has no text layer', async () => {
    const c = await core();
    const r = await addBytes(c, await makeScannedPdf({ pages: 2 }), 'scan.pdf');
    expect(r).toMatchObject({
      ok: true,
      value: { duplicate: false, paper: { hasTextLayer: false, pageCount: 2, title: 'scan', text: { state: 'none' } } },
    });
    expect((r as { value: { message: string } }).value.message).toMatch(/no text layer/);
  });

  it('extracts the full text page by page in the background, resumably, and announces it', async () => {
    const c = await core();
    const paper = await makePaperPdf({ pages: 14, seed: 5 });
    const changes: string[] = [];
    c.events.on('papers:changed', (e) => changes.push(e.action));
    const progress: number[] = [];
    c.events.on('jobs:progress', (e) => progress.push(e.done));
    const r = (await addBytes(c, paper.bytes, 'long.pdf')) as { value: { paper: PaperDto } };
    await whenTextIdle(c.context);
    const id = r.value.paper.id;
    const pages = paperPages(c.context, id);
    expect(pages.map((p) => p.page)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    const words = paper.pageTexts[6]!.join(' ').split(' ').slice(0, 6).join(' ');
    expect(pages[6]!.text.replace(/\s+/g, ' ')).toContain(words);
    expect(changes.filter((a) => a === 'text').length).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1)).toBe(14);
    const got = await call<PaperDto>(c, 'papers:get', { id });
    expect(got.text).toEqual({ state: 'done', pagesDone: 14, error: null });

    // Interrupted after page 12: only the rest is read again; the stored pages stay.
    const db = c.context.store.sqlite;
    db.prepare(`DELETE FROM paper_pages WHERE paper_id = ? AND page > 12`).run(id);
    db.prepare(`UPDATE paper_pages SET text = 'kept' WHERE paper_id = ? AND page = 1`).run(id);
    db.prepare(`UPDATE papers SET text_state = 'running', text_pages_done = 12 WHERE id = ?`).run(id);
    expect(await call(c, 'papers:extract-text', { id })).toEqual({ queued: true });
    await whenTextIdle(c.context);
    const resumed = paperPages(c.context, id);
    expect(resumed).toHaveLength(14);
    expect(resumed[0]!.text).toBe('kept');
    // Done with the same file: nothing is read again.
    await call(c, 'papers:extract-text', { id });
    await whenTextIdle(c.context);
    expect(paperPages(c.context, id)[0]!.text).toBe('kept');
  });

  it('adds files from disk (CLI) and reports duplicates per file', async () => {
    const c = await core();
    const a = await makePaperPdf({ title: 'Sparse Retrieval for Lab Notebooks', authors: ['Maria Okafor'], pages: 2, seed: 21 });
    const file = writeTemp(c, 'a.pdf', a.bytes);
    const first = await addPdfFile(c.context, file);
    const second = await addPdfFile(c.context, file);
    expect(first.duplicate).toBe(false);
    expect(second).toMatchObject({ duplicate: true, paper: { id: first.paper.id } });
    await expect(addPdfFile(c.context, `${file}.missing`)).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('does not exist'),
    });
    fs.rmSync(file);
    await whenTextIdle(c.context);
  });
});

describe('papers: items, metadata, queue and collections', () => {
  it('adds a link and a book without a PDF, with source and via', async () => {
    const c = await core();
    const link = await call<PaperDto>(c, 'papers:add-item', {
      kind: 'link',
      title: '  The Illustrated   Transformer ',
      url: 'https://jalammar.github.io/illustrated-transformer/',
      authors: ['Jay Alammar'],
      source: 'The Batch newsletter',
      via: 'Priya',
      tags: ['#transformers', 'to-read'],
    });
    expect(link).toMatchObject({
      kind: 'link',
      title: 'The Illustrated Transformer',
      hasPdf: false,
      source: 'The Batch newsletter',
      via: 'Priya',
      tags: ['to-read', 'transformers'],
    });
    const book = await call<PaperDto>(c, 'papers:add-item', {
      kind: 'book',
      title: 'Deep Learning',
      authors: ['Ian Goodfellow', 'Yoshua Bengio', 'Aaron Courville'],
      year: 2016,
      publisher: 'MIT Press',
    });
    expect(book).toMatchObject({ kind: 'book', year: 2016, publisher: 'MIT Press' });
    const bad = await callError(c, 'papers:add-item', { kind: 'link', title: '', url: 'not a url', year: 17 });
    expect(bad.code).toBe('bad_request');
    const issues = (bad.details as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(issues).toEqual(expect.arrayContaining(['title', 'url', 'year']));
    expect((await call<{ items: { id: string }[] }>(c, 'papers:list', { q: 'batch priya' })).items.map((p) => p.id)).toEqual([
      link.id,
    ]);
    expect((await call<{ items: { id: string }[] }>(c, 'papers:list', { kind: 'book' })).items.map((p) => p.id)).toEqual([
      book.id,
    ]);
  });

  it('edits metadata (validated), records the source as the user, and refuses a DOI another item has', async () => {
    const c = await core();
    const a = await call<PaperDto>(c, 'papers:add-item', { title: 'A', doi: 'https://doi.org/10.1000/ABC.1' });
    expect(a.doi).toBe('10.1000/abc.1');
    const b = await call<PaperDto>(c, 'papers:add-item', { title: 'B' });
    const edited = await call<PaperDto>(c, 'papers:update', {
      id: b.id,
      title: 'B revised',
      year: 2020,
      arxivId: 'arXiv:2001.00001v2',
      venue: 'ICML',
    });
    expect(edited).toMatchObject({ title: 'B revised', year: 2020, arxivId: '2001.00001', arxivVersion: 'v2', venue: 'ICML' });
    expect(edited.metadataSources).toMatchObject({ title: 'user', year: 'user', arxivId: 'user' });
    const clash = await callError(c, 'papers:update', { id: b.id, doi: '10.1000/abc.1' });
    expect(clash).toMatchObject({ code: 'conflict', details: { issues: [{ path: 'doi' }] } });
    const invalid = await callError(c, 'papers:update', { id: b.id, doi: 'abc', arxivId: 'nope' });
    expect((invalid.details as { issues: { path: string }[] }).issues.map((i) => i.path).sort()).toEqual(['arxivId', 'doi']);
    const cleared = await call<PaperDto>(c, 'papers:update', { id: b.id, venue: '', year: null });
    expect(cleared).toMatchObject({ venue: null, year: null });
  });

  it('moves papers through the reading queue with dated history; read sets the finished date', async () => {
    let t = Date.parse('2026-03-01T10:00:00Z');
    const c = await core(() => new Date(t));
    const p = await call<PaperDto>(c, 'papers:add-item', { title: 'Queued paper' });
    t += 3600_000;
    await call(c, 'papers:set-status', { id: p.id, status: 'reading', tzOffsetMinutes: 0 });
    t += 86_400_000;
    const read = await call<PaperDto>(c, 'papers:set-status', { id: p.id, status: 'read', tzOffsetMinutes: 0 });
    expect(read).toMatchObject({ status: 'read', finishedAt: '2026-03-02T11:00:00.000Z', progress: 1 });
    expect(read.statusHistory.map((h) => [h.status, h.day])).toEqual([
      ['queued', expect.any(String)],
      ['reading', '2026-03-01'],
      ['read', '2026-03-02'],
    ]);
    // A slip corrected within minutes replaces the last change instead of adding two.
    t += 60_000;
    const slip = await call<PaperDto>(c, 'papers:set-status', { id: p.id, status: 'abandoned' });
    expect(slip.statusHistory.map((h) => h.status)).toEqual(['queued', 'reading', 'abandoned']);
    expect(slip.finishedAt).toBeNull();
    t += 60_000;
    const back = await call<PaperDto>(c, 'papers:set-status', { id: p.id, status: 'reading' });
    expect(back.statusHistory.map((h) => h.status)).toEqual(['queued', 'reading']);
    t += 3600_000;
    const reread = await call<PaperDto>(c, 'papers:set-status', { id: p.id, status: 'rereading' });
    expect(reread.statusHistory.map((h) => h.status)).toEqual(['queued', 'reading', 'rereading']);
    expect((await call<{ items: unknown[] }>(c, 'papers:list', { status: 'rereading' })).items).toHaveLength(1);
  });

  it('keeps collections and tags, and filters and sorts the library', async () => {
    const c = await core();
    const x = await call<PaperDto>(c, 'papers:add-item', { title: 'Zebra learning', year: 2019, tags: ['ml/vision'] });
    const y = await call<PaperDto>(c, 'papers:add-item', { title: 'Apple models', year: 2021, authors: ['Zoë Müller'] });
    const col = await call<{ id: string; count: number }>(c, 'papers:collection-save', { name: 'Thesis' });
    expect((await callError(c, 'papers:collection-save', { name: 'thesis' })).code).toBe('conflict');
    await call(c, 'papers:collection-items', { collectionId: col.id, paperIds: [x.id] });
    expect(await call(c, 'papers:collections', {})).toEqual([expect.objectContaining({ name: 'Thesis', count: 1 })]);
    const byCol = await call<{ items: { id: string; collectionIds: string[] }[] }>(c, 'papers:list', { collectionId: col.id });
    expect(byCol.items.map((p) => p.id)).toEqual([x.id]);
    expect(byCol.items[0]!.collectionIds).toEqual([col.id]);
    expect((await call<{ items: { id: string }[] }>(c, 'papers:list', { tag: 'ml' })).items.map((p) => p.id)).toEqual([x.id]);
    expect((await call<{ items: { id: string }[] }>(c, 'papers:list', { q: 'muller' })).items.map((p) => p.id)).toEqual([y.id]);
    expect((await call<{ items: { id: string }[] }>(c, 'papers:list', { sort: 'title' })).items.map((p) => p.id)).toEqual([
      y.id,
      x.id,
    ]);
    expect((await call<{ items: { id: string }[] }>(c, 'papers:list', { sort: 'year' })).items.map((p) => p.id)).toEqual([
      y.id,
      x.id,
    ]);
    await call(c, 'papers:collection-delete', { id: col.id });
    expect((await call<PaperDto>(c, 'papers:get', { id: x.id })).collectionIds).toEqual([]);
    await call(c, 'papers:delete', { id: x.id });
    expect((await callError(c, 'papers:get', { id: x.id })).code).toBe('not_found');
  });
});

describe('papers: reading log', () => {
  it('adds up active time per day and session, marks pages seen, starts a queued paper, and feeds stamps', async () => {
    let t = Date.parse('2026-05-10T08:00:00Z');
    const c = await core(() => new Date(t));
    const r = (await addBytes(c, (await makePaperPdf({ pages: 10, seed: 8 })).bytes, 'r.pdf')) as { value: { paper: PaperDto } };
    const id = r.value.paper.id;
    const report = (sessionId: string, activeMs: number, pages: number[]) =>
      call<{ activeMinutesToday: number; progress: number }>(c, 'papers:reading-activity', {
        id,
        sessionId,
        activeMs,
        pages,
        tzOffsetMinutes: 0,
      });
    t += 1000;
    await report('session-aaaa', 120_000, [1, 2]);
    t += 300_000;
    const second = await report('session-aaaa', 180_000, [2, 3, 4]);
    expect(second).toEqual({ activeMinutesToday: 5, progress: 0.4 });
    // A report cannot claim more time than passed since the previous one (idle or clock tricks).
    t += 10_000;
    await report('session-aaaa', 600_000, [5]);
    t += 86_400_000;
    await report('session-bbbb', 60_000, [10]);
    const paper = await call<PaperDto>(c, 'papers:get', { id });
    expect(paper.status).toBe('reading');
    expect(paper.progress).toBe(1);
    expect(paper.reading).toMatchObject({ sessions: 2, pagesSeen: 6 });
    expect(paper.reading.activeMinutes).toBe(6);
    const totals = papersDailyTotals(c.context, 'reading.minutes', '2026-05-01', '2026-05-31');
    expect(totals).toEqual([
      { day: '2026-05-10', count: 1, sum: 5 },
      { day: '2026-05-11', count: 1, sum: 1 },
    ]);
    expect(activityRegistry(c.context).dailyTotals('reading.minutes', '2026-05-10', '2026-05-10')).toEqual([
      { day: '2026-05-10', count: 1, sum: 5 },
    ]);
    expect(activityRegistry(c.context).items('reading.minutes', ['2026-05-11'], 5)).toEqual([
      { type: 'paper', id, title: paper.title, day: '2026-05-11' },
    ]);
    const stats = await call<{ days: { day: string; minutes: number }[]; totals: { today: { minutes: number } } }>(
      c,
      'papers:stats',
      { tzOffsetMinutes: 0 },
    );
    expect(stats.totals.today.minutes).toBe(1);
    expect(stats.days.map((d) => [d.day, d.minutes])).toEqual([
      ['2026-05-10', 5],
      ['2026-05-11', 1],
    ]);
  });

  it('remembers the last position and when the paper was last opened', async () => {
    const c = await core();
    const r = (await addBytes(c, (await makePaperPdf({ pages: 4, seed: 9 })).bytes, 'p.pdf')) as { value: { paper: PaperDto } };
    const id = r.value.paper.id;
    await call(c, 'papers:position', { id, page: 3, top: 512.5, scale: 'page-width' });
    const opened = await call<PaperDto>(c, 'papers:opened', { id });
    expect(opened.position).toEqual({ page: 3, top: 512.5, scale: 'page-width' });
    expect(opened.lastOpenedAt).not.toBeNull();
    await call(c, 'papers:position', { id, page: 2, scale: 1.5 });
    expect((await call<PaperDto>(c, 'papers:get', { id })).position).toEqual({ page: 2, top: null, scale: 1.5 });
  });

  it('counts papers finished per day for goals and stamps (distinct papers)', async () => {
    let t = Date.parse('2026-06-01T09:00:00Z');
    const c = await core(() => new Date(t));
    const a = await call<PaperDto>(c, 'papers:add-item', { title: 'One', tzOffsetMinutes: 0 });
    const b = await call<PaperDto>(c, 'papers:add-item', { title: 'Two' });
    await call(c, 'papers:set-status', { id: a.id, status: 'read', tzOffsetMinutes: 0 });
    await call(c, 'papers:set-status', { id: b.id, status: 'read', tzOffsetMinutes: 0 });
    t += 86_400_000;
    await call(c, 'papers:set-status', { id: a.id, status: 'rereading', tzOffsetMinutes: 0 });
    t += 600_000;
    await call(c, 'papers:set-status', { id: a.id, status: 'read', tzOffsetMinutes: 0 });
    expect(papersDailyTotals(c.context, 'papers.finished', '2026-06-01', '2026-06-30')).toEqual([
      { day: '2026-06-01', count: 2, sum: 0 },
      { day: '2026-06-02', count: 1, sum: 0 },
    ]);
    expect(activityRegistry(c.context).isAvailable('papers.finished')).toBe(true);
  });
});

describe('papers: annotations, markdown and paper notes', () => {
  async function withPaper(c: TestCore) {
    const r = (await addBytes(c, (await makePaperPdf({ ...ATTENTION, pages: 6 })).bytes, 'attention.pdf')) as {
      value: { paper: PaperDto };
    };
    return r.value.paper;
  }

  it('stores highlights, regions and notes in PDF coordinates, edits and deletes them', async () => {
    const c = await core();
    const paper = await withPaper(c);
    const events: string[] = [];
    c.events.on('papers:changed', (e) => e.annotationId && events.push(`${e.action}:${e.annotationId}`));
    const hl = await call<AnnotationDto>(c, 'papers:annotation-create', {
      paperId: paper.id,
      annotation: {
        kind: 'highlight',
        page: 2,
        rects: [
          [72.5, 600.25, 300, 612],
          [540, 590, 72, 580],
        ],
        text: 'The domi-\nnant sequence   models',
        color: 'yellow',
        comment: 'Key claim',
      },
    });
    expect(hl).toMatchObject({
      kind: 'highlight',
      page: 2,
      text: 'The dominant sequence models',
      color: 'yellow',
      comment: 'Key claim',
    });
    // Rectangles are normalised (x1 <= x2, y1 <= y2) and stored exactly.
    expect(hl.kind === 'highlight' && hl.rects).toEqual([
      [72.5, 600.25, 300, 612],
      [72, 580, 540, 590],
    ]);
    const png = Buffer.from((await import('./testing')).encodeGrayPng(4, 4, new Uint8Array(16).fill(128))).toString('base64');
    const area = await call<AnnotationDto>(c, 'papers:annotation-create', {
      paperId: paper.id,
      annotation: { kind: 'area', page: 3, rect: [100, 200, 300, 400], color: 'blue', image: `data:image/png;base64,${png}` },
    });
    expect(area).toMatchObject({ kind: 'area', rect: [100, 200, 300, 400], comment: '' });
    const areaSha = area.kind === 'area' ? area.imageSha256! : '';
    expect(c.context.blobs.has(areaSha)).toBe(true);
    const note = await call<AnnotationDto>(c, 'papers:annotation-create', {
      paperId: paper.id,
      annotation: { kind: 'note', page: 1, point: [50, 700], text: 'Read the appendix', color: 'red' },
    });
    expect(note).toMatchObject({ kind: 'note', point: [50, 700], text: 'Read the appendix' });
    expect(
      (
        await callError(c, 'papers:annotation-create', {
          paperId: paper.id,
          annotation: { kind: 'note', page: 9, point: [1, 1], color: 'red' },
        })
      ).message,
    ).toMatch(/has 6 pages/);

    const edited = await call<AnnotationDto>(c, 'papers:annotation-update', {
      id: hl.id,
      color: 'red',
      comment: 'A question now',
    });
    expect(edited).toMatchObject({ color: 'red', comment: 'A question now' });
    expect(getAnnotation(c.context, hl.id)).toMatchObject({ color: 'red' });
    expect(listAnnotations(c.context, paper.id).map((a) => a.page)).toEqual([1, 2, 3]);
    expect((await call<PaperDto>(c, 'papers:get', { id: paper.id })).annotationCount).toBe(3);
    await call(c, 'papers:annotation-delete', { id: area.id });
    expect(c.context.blobs.has(areaSha)).toBe(false);
    expect(events).toEqual([
      `annotation-added:${hl.id}`,
      `annotation-added:${area.id}`,
      `annotation-added:${note.id}`,
      `annotation-updated:${hl.id}`,
      `annotation-deleted:${area.id}`,
    ]);
    expect(papersDailyTotals(c.context, 'papers.highlight', '2000-01-01', '2100-01-01')[0]?.count).toBe(1);
    expect(papersDailyTotals(c.context, 'papers.note', '2000-01-01', '2100-01-01')[0]?.count).toBe(1);
  });

  it('exports annotations to Markdown by page with links back, using the colour meanings', async () => {
    const c = await core();
    const paper = await withPaper(c);
    await call(c, 'settings:set', {
      values: {
        'papers.colors': [
          { id: 'yellow', label: 'Big idea' },
          { id: 'red', label: 'Question' },
          { id: 'green', label: 'Method' },
          { id: 'blue', label: 'Definition' },
          { id: 'purple', label: 'Related work' },
          { id: 'orange', label: 'To check' },
        ],
      },
    });
    await call(c, 'papers:annotation-create', {
      paperId: paper.id,
      annotation: {
        kind: 'highlight',
        page: 4,
        rects: [[1, 1, 2, 2]],
        text: 'Self-attention [is] *cheap*',
        color: 'yellow',
        comment: 'Why?',
      },
    });
    await call(c, 'papers:annotation-create', {
      paperId: paper.id,
      annotation: { kind: 'note', page: 2, point: [1, 1], text: 'Compare with RNNs', color: 'red' },
    });
    const { markdown, fileName } = await call<{ markdown: string; fileName: string }>(c, 'papers:annotations-markdown', {
      id: paper.id,
    });
    expect(fileName).toBe('Attention Is All You Need - annotations.md');
    expect(markdown).toContain('# Attention Is All You Need');
    expect(markdown.indexOf('## Page 2')).toBeLessThan(markdown.indexOf('## Page 4'));
    expect(markdown).toContain('> Self-attention \\[is\\] \\*cheap\\*');
    expect(markdown).toContain(`> — Big idea · [p. 4](folio://paper/${paper.id}?page=4)`);
    expect(markdown).toContain('Why?');
    expect(markdown).toContain(`**Note** · [p. 2](folio://paper/${paper.id}?page=2)`);
  });

  it('creates a paper note in the journal with highlights by colour meaning, page links and a [[link]] to the paper', async () => {
    const c = await core();
    const paper = await withPaper(c);
    await call(c, 'papers:annotation-create', {
      paperId: paper.id,
      annotation: {
        kind: 'highlight',
        page: 3,
        rects: [[1, 500, 2, 510]],
        text: 'Multi-head attention',
        color: 'green',
        comment: '',
      },
    });
    await call(c, 'papers:annotation-create', {
      paperId: paper.id,
      annotation: {
        kind: 'highlight',
        page: 1,
        rects: [[1, 500, 2, 510]],
        text: 'dispensing with recurrence',
        color: 'yellow',
        comment: 'The main claim',
      },
    });
    await call(c, 'papers:annotation-create', {
      paperId: paper.id,
      annotation: {
        kind: 'highlight',
        page: 5,
        rects: [[1, 500, 2, 510]],
        text: 'Why does this work?',
        color: 'red',
        comment: '',
      },
    });
    const made = await call<{ entryId: string; created: boolean; title: string }>(c, 'papers:create-note', { id: paper.id });
    expect(made).toMatchObject({ created: true, title: 'Notes: Attention Is All You Need' });
    const entry = getEntry(c.context, made.entryId)!;
    expect(entry.kind).toBe('paper');
    expect(entry.properties).toMatchObject({
      paper: '[[Attention Is All You Need]]',
      paperId: paper.id,
      year: 2017,
      arxiv: '1706.03762',
    });
    const body = entry.body;
    expect(body.startsWith('[[Attention Is All You Need]]')).toBe(true);
    expect(body).toContain('## Key claims');
    const order = ['### Key idea', '### Question', '### Method'].map((h) => body.indexOf(h));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(body).toContain(`> dispensing with recurrence\n> — [p. 1](folio://paper/${paper.id}?page=1)\n\nThe main claim`);
    // The [[link]] resolves to the paper, not to the note.
    const link = c.context.store.sqlite
      .prepare(`SELECT target_paper_id AS p, target_entry_id AS e FROM entry_links WHERE from_entry_id = ?`)
      .get(made.entryId) as { p: string; e: string | null };
    expect(link).toEqual({ p: paper.id, e: null });
    // Asking again opens the same note; `fresh` makes another.
    expect(await call(c, 'papers:create-note', { id: paper.id })).toMatchObject({ entryId: made.entryId, created: false });
    expect((await call<PaperDto>(c, 'papers:get', { id: paper.id })).noteEntryId).toBe(made.entryId);
    expect(await call(c, 'papers:create-note', { id: paper.id, fresh: true })).toMatchObject({ created: true });
  });

  it('puts papers in the quick switcher and resolves [[Paper title]] links written before the paper was added', async () => {
    const c = await core();
    const early = await call<{ id: string }>(c, 'journal:create', {
      kind: 'note',
      title: 'Reading list',
      body: 'Next: [[Attention Is All You Need]]',
    });
    const paper = await withPaper(c);
    const hits = titles(c.context, 'attention all', 10);
    expect(hits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'paper',
          id: paper.id,
          title: 'Attention Is All You Need',
          detail: 'Vaswani et al. · 2017',
        }),
      ]),
    );
    const link = c.context.store.sqlite
      .prepare(`SELECT target_paper_id AS p FROM entry_links WHERE from_entry_id = ?`)
      .get(early.id) as { p: string | null };
    expect(link.p).toBe(paper.id);
    await whenTextIdle(c.context);
  });
});

describe('papers: BibTeX', () => {
  it('exports Scholar-style keys and round-trips through import into another library', async () => {
    const c = await core();
    const paper = (await addBytes(c, (await makePaperPdf(ATTENTION)).bytes, 'a.pdf')) as { value: { paper: PaperDto } };
    await call(c, 'papers:update', {
      id: paper.value.paper.id,
      venue: 'Advances in Neural Information Processing Systems',
      doi: '10.5555/3295222.3295349',
      tags: ['transformers'],
    });
    await call(c, 'papers:add-item', {
      kind: 'book',
      title: 'Deep Learning',
      authors: ['Ian Goodfellow', 'Yoshua Bengio', 'Aaron Courville'],
      year: 2016,
      publisher: 'MIT Press',
    });
    const bib = await call<{ text: string; count: number }>(c, 'papers:bibtex', {});
    expect(bib.count).toBe(2);
    expect(bib.text).toContain('@inproceedings{vaswani2017attention,');
    expect(bib.text).toContain('@book{goodfellow2016deep,');
    const one = await call<{ text: string; count: number }>(c, 'papers:bibtex', { ids: [paper.value.paper.id] });
    expect(one.count).toBe(1);
    await whenTextIdle(c.context);

    const other = await makeTestCore();
    try {
      const r = await other.dispatch('papers:import-bibtex', { text: `${bib.text}\n@article{broken, title = {Missing brace}\n` });
      expect(r.ok).toBe(true);
      const imported = (
        r as { value: { created: number; merged: number; errors: { line: number }[]; items: { key: string; action: string }[] } }
      ).value;
      expect(imported.created).toBe(2);
      expect(imported.errors.length).toBeGreaterThan(0);
      const list = [...iteratePapers(other.context)];
      const att = list.find((p) => p.citationKey === 'vaswani2017attention')!;
      expect(att).toMatchObject({
        kind: 'link',
        title: 'Attention Is All You Need',
        authors: ATTENTION.authors,
        year: 2017,
        arxivId: '1706.03762',
        doi: '10.5555/3295222.3295349',
        tags: ['transformers'],
      });
      expect(list.find((p) => p.citationKey === 'goodfellow2016deep')).toMatchObject({ kind: 'book', publisher: 'MIT Press' });
      // The same BibTeX again finds the same items (by DOI / arXiv id, and the book, which has neither,
      // by title, first author and year) instead of duplicating them.
      const again = await other.dispatch('papers:import-bibtex', { text: bib.text });
      expect(again).toMatchObject({ ok: true, value: { created: 0, merged: 0 } });
      expect((again as { value: { items: { action: string }[] } }).value.items.map((i) => i.action)).toEqual([
        'unchanged',
        'unchanged',
      ]);
      expect([...iteratePapers(other.context)]).toHaveLength(2);
      const round = await other.dispatch('papers:bibtex', { ids: [att.id] });
      expect((round as { value: { text: string } }).value.text).toContain('@inproceedings{vaswani2017attention,');
    } finally {
      await other.cleanup();
    }
  });

  const BIB = `
@article{lovelace1843notes,
  title = {Notes on the {A}nalytical {E}ngine},
  author = {Lovelace, Ada and Babbage, Charles},
  year = {1843},
  journal = {Scientific Memoirs}
}
@book{knuth1968art,
  title = {The Art of Computer Programming},
  author = {Knuth, Donald E.},
  year = {1968},
  publisher = {Addison-Wesley}
}
@misc{schrodinger1935,
  title = {Die gegenw{\\"a}rtige {S}ituation in der {Q}uantenmechanik},
  author = {Schr{\\"o}dinger, Erwin},
  year = {1935}
}`;

  it('re-importing the same .bib (no DOIs, no arXiv ids) reports everything unchanged and never makes copies', async () => {
    const c = await core();
    const first = await call<{ created: number; merged: number; items: { action: string }[] }>(c, 'papers:import-bibtex', {
      text: BIB,
    });
    expect(first.created).toBe(3);
    const again = await call<{ created: number; merged: number; items: { action: string }[] }>(c, 'papers:import-bibtex', {
      text: BIB,
    });
    expect(again).toMatchObject({ created: 0, merged: 0 });
    expect(again.items.map((i) => i.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    // Spelled differently (case, punctuation, accents, LaTeX, hyphens, name order), it is still the same work.
    const variant = `
@article{x, title = {NOTES ON THE ANALYTICAL ENGINE.}, author = {Ada Lovelace}, year = 1843, volume = {3}}
@book{y, title = {The art of computer-programming}, author = {Donald Knuth}, year = {1969}}
@misc{z, title = {Die gegenwärtige Situation in der Quanten-mechanik}, author = {Erwin Schrodinger}}`;
    const v = await call<{ created: number; merged: number; items: { action: string; id: string }[] }>(
      c,
      'papers:import-bibtex',
      { text: variant },
    );
    expect(v.created).toBe(0);
    expect(v.items.map((i) => i.action)).toEqual(['merged', 'unchanged', 'unchanged']);
    expect((await call<{ total: number }>(c, 'papers:list', {})).total).toBe(3);
    // A work listed twice in one file is added once.
    const twice = await call<{ created: number; items: { action: string }[] }>(c, 'papers:import-bibtex', {
      text: '@misc{a, title = {One Work Listed Twice}, author = {Mei Tanaka}, year = 2020}\n@misc{b, title = {One work, listed twice}, author = {Tanaka, Mei}, year = 2020}',
    });
    expect(twice.created).toBe(1);
    expect(twice.items.map((i) => i.action)).toEqual(['created', 'unchanged']);
  });

  it('keeps works apart that share a title but not the first author or the year', async () => {
    const c = await core();
    await call(c, 'papers:import-bibtex', { text: BIB });
    const r = await call<{ created: number; items: { action: string }[] }>(c, 'papers:import-bibtex', {
      text: `
@book{other, title = {The Art of Computer Programming}, author = {Someone Else}, year = {1968}}
@book{later, title = {The Art of Computer Programming}, author = {Knuth, Donald}, year = {2011}}
@misc{short, title = {Introduction}, author = {Ada Lovelace}}
@misc{short2, title = {Introduction}, author = {Alan Turing}}`,
    });
    expect(r.items.map((i) => i.action)).toEqual(['created', 'created', 'created', 'created']);
  });

  it('merges a .bib entry into the PDF already in the library: fills what is missing, replaces guesses, keeps what the user edited', async () => {
    const c = await core();
    const pdf = await makePaperPdf({
      title: 'Sparse Coding of Handwritten Lab Notebooks',
      authors: ['Mei Tanaka', 'Jonas Weber'],
      pages: 2,
      seed: 5,
    });
    const added = ((await addBytes(c, pdf.bytes, 'tanaka.pdf')) as { value: { paper: PaperDto } }).value.paper;
    expect(added).toMatchObject({
      title: 'Sparse Coding of Handwritten Lab Notebooks',
      authors: ['Mei Tanaka', 'Jonas Weber'],
      doi: null,
      arxivId: null,
      venue: null,
    });
    // The user corrected the year by hand.
    await call(c, 'papers:update', { id: added.id, year: 2019 });
    const bib = `@inproceedings{tanaka2020sparse,
  title = {Sparse coding of handwritten lab-notebooks},
  author = {Tanaka, Mei and Weber, Jonas and Okafor, Chidi},
  booktitle = {Proceedings of FolioConf},
  year = {2020},
  doi = {10.5555/folio.2020.17},
  pages = {17--29}
}`;
    const r = await call<{ created: number; merged: number; items: { id: string; action: string }[] }>(
      c,
      'papers:import-bibtex',
      { text: bib },
    );
    expect(r).toMatchObject({ created: 0, merged: 1, items: [{ id: added.id, action: 'merged' }] });
    const list = await call<{ total: number }>(c, 'papers:list', {});
    expect(list.total).toBe(1);
    const merged = await call<PaperDto>(c, 'papers:get', { id: added.id });
    expect(merged).toMatchObject({
      kind: 'pdf',
      hasPdf: true,
      // The PDF's own title stays; the guessed byline gives way to the BibTeX authors.
      title: 'Sparse Coding of Handwritten Lab Notebooks',
      authors: ['Mei Tanaka', 'Jonas Weber', 'Chidi Okafor'],
      year: 2019,
      venue: 'Proceedings of FolioConf',
      doi: '10.5555/folio.2020.17',
      citationKey: 'tanaka2020sparse',
    });
    expect(merged.metadataSources).toMatchObject({ year: 'user', authors: 'bibtex' });
    const again = await call<{ created: number; merged: number }>(c, 'papers:import-bibtex', { text: bib });
    expect(again).toMatchObject({ created: 0, merged: 0 });
  });
});
