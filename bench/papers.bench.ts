/// <reference lib="dom" />
/**
 * The papers library end to end: import 200 generated PDFs through the service (metadata on a worker
 * thread, full text extracted in the background), filter a 2,000-item library (the UI's client-side
 * filter and `papers:list`), save annotations, and — in Debian's Chromium against the served app —
 * open papers until the first page is painted and scroll a 300-page PDF watching the JS heap.
 *
 *   npx tsx bench/papers.bench.ts        (or npm run bench -- papers)
 * Targets (issue 4): first page < 300 ms for a typical 15-page paper, library filter < 16 ms, memory
 * flat while scrolling 300 pages. Figures only: nothing here asserts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { contract, PaperSummaryDto } from '@folio/core';
import { addPdfBlob, addPdfFile, whenTextIdle } from '@folio/core/papers';
import { makePaperPdf, randomPaperSpec, seededRandom } from '@folio/core/testing';
import { buildLibraryIndex, filterLibrary, type LibraryFilter } from '../packages/ui/src/papers/library-index';
import { createBackend, type Backend } from '../apps/desktop/src/backend/create-backend';
import { resolveResources } from '../apps/desktop/src/backend/resources';
import { startServer } from '../apps/desktop/src/serve/server';
import { ms, summarize } from './stats';

type Figures = Record<string, number | string>;

const CHROMIUM = process.env.FOLIO_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-dev-shm-usage',
];

async function call<K extends keyof typeof contract & string>(b: Backend, name: K, payload: unknown): Promise<unknown> {
  const r = await b.dispatch(name, payload);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

async function importPapers(b: Backend, dir: string, count: number, log: (s: string) => void, f: Figures): Promise<void> {
  const files: string[] = [];
  let genMs = 0;
  for (let i = 0; i < count; i++) {
    const rand = seededRandom(5000 + i);
    const t0 = performance.now();
    const paper = await makePaperPdf({
      ...randomPaperSpec(5000 + i),
      seed: 5000 + i,
      pages: 4 + Math.floor(rand() * 12),
      columns: rand() < 0.5 ? 1 : 2,
      arxiv:
        rand() < 0.6
          ? {
              id: `${17 + Math.floor(rand() * 8)}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}.${String(10000 + i).padStart(5, '0')}`,
              version: 1,
            }
          : undefined,
    });
    genMs += performance.now() - t0;
    const file = path.join(dir, `paper-${i}.pdf`);
    fs.writeFileSync(file, paper.bytes);
    files.push(file);
  }
  log(`  generated ${count} PDFs (${(genMs / 1000).toFixed(1)} s)`);
  const per: number[] = [];
  const t0 = performance.now();
  for (const file of files) {
    const t = performance.now();
    await addPdfFile(b.context, file);
    per.push(performance.now() - t);
  }
  const added = performance.now() - t0;
  await whenTextIdle(b.context);
  const withText = performance.now() - t0;
  const pages = (b.context.store.sqlite.prepare(`SELECT count(*) AS n FROM paper_pages`).get() as { n: number }).n;
  const s = summarize(per);
  f['import 200 PDFs: added (metadata checked on a worker), s'] = ms(added / 1000);
  f['import: ms per PDF p50'] = ms(s.p50);
  f['import: ms per PDF p95'] = ms(s.p95);
  f['import: all full text stored, s'] = ms(withText / 1000);
  f['import: pages of text stored'] = pages;
}

/** A 200 MB PDF through `folio papers add`'s path: how long, and the longest stall of the backend's event loop. */
async function bigPdf(b: Backend, dir: string, f: Figures): Promise<void> {
  const paper = await makePaperPdf({ pages: 30, paddingMegabytes: 200, seed: 3 });
  const file = path.join(dir, 'big.pdf');
  fs.writeFileSync(file, paper.bytes);
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last - 10);
    last = now;
  }, 10);
  try {
    const t0 = performance.now();
    await addPdfFile(b.context, file);
    f['200 MB PDF: added (hash, copy, check on a worker), s'] = ms((performance.now() - t0) / 1000);
    f['200 MB PDF: longest backend event-loop stall while adding, ms'] = ms(stall);
    stall = 0;
    const t1 = performance.now();
    await whenTextIdle(b.context);
    f['200 MB PDF: full text stored, s'] = ms((performance.now() - t1) / 1000);
    f['200 MB PDF: longest backend event-loop stall during extraction, ms'] = ms(stall);
  } finally {
    clearInterval(timer);
    fs.rmSync(file, { force: true });
  }
}

async function fillLibrary(b: Backend, target: number): Promise<void> {
  const have = (b.context.store.sqlite.prepare(`SELECT count(*) AS n FROM papers`).get() as { n: number }).n;
  // The rest as BibTeX-imported references (links), like a migrated Zotero library.
  const entries: string[] = [];
  for (let i = have; i < target; i++) {
    const spec = randomPaperSpec(90_000 + i);
    const authors = spec.authors.map((a) => (typeof a === 'string' ? a : a.name)).join(' and ');
    entries.push(
      `@article{ref${i}, title = {${spec.title} ${i}}, author = {${authors}}, year = {${1995 + (i % 30)}}, journal = {Journal of Things ${i % 40}}, keywords = {topic${i % 25}, area${i % 7}}}`,
    );
  }
  await call(b, 'papers:import-bibtex', { text: entries.join('\n') });
}

function measureFilter(items: PaperSummaryDto[], f: Figures): void {
  const t0 = performance.now();
  const index = buildLibraryIndex(items);
  f['UI filter: build index over 2,000 items, ms'] = ms(performance.now() - t0);
  const base: LibraryFilter = {
    q: '',
    status: 'all',
    collectionId: null,
    tag: null,
    kind: null,
    sort: 'added',
    order: undefined,
  };
  // A query typed letter by letter, plus the other filters.
  const typed = 'transformer 20';
  const samples: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (let i = 1; i <= typed.length; i++) {
      const t = performance.now();
      filterLibrary(index, { ...base, q: typed.slice(0, i) });
      samples.push(performance.now() - t);
    }
    for (const extra of [
      { status: 'queued' as const },
      { tag: 'topic3' },
      { sort: 'title' as const },
      { q: 'journal things 12', sort: 'year' as const },
    ]) {
      const t = performance.now();
      filterLibrary(index, { ...base, ...extra });
      samples.push(performance.now() - t);
    }
  }
  const s = summarize(samples);
  f['UI filter 2,000 items per keystroke, ms p50'] = ms(s.p50);
  f['UI filter 2,000 items per keystroke, ms p95'] = ms(s.p95);
}

async function measureList(b: Backend, f: Figures): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    await call(b, 'papers:list', i % 3 === 0 ? {} : { q: ['deep', 'journal 7', 'graph'][i % 3] });
    samples.push(performance.now() - t);
  }
  const s = summarize(samples);
  f['papers:list 2,000 items (in-process), ms p50'] = ms(s.p50);
  f['papers:list 2,000 items (in-process), ms p95'] = ms(s.p95);
}

async function measureAnnotations(b: Backend, paperId: string, f: Figures): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < 200; i++) {
    const y = 700 - (i % 40) * 14;
    const t = performance.now();
    await call(b, 'papers:annotation-create', {
      paperId,
      annotation: {
        kind: 'highlight',
        page: 1 + (i % 3),
        rects: [[72, y, 300, y + 11]],
        text: `Highlighted sentence number ${i}.`,
        color: 'yellow',
        comment: i % 4 === 0 ? 'A comment' : '',
      },
    });
    samples.push(performance.now() - t);
  }
  const s = summarize(samples);
  f['save an annotation, ms p50'] = ms(s.p50);
  f['save an annotation, ms p95'] = ms(s.p95);
}

// ---------------------------------------------------------------------------------------------
// Browser part
// ---------------------------------------------------------------------------------------------

async function browserPart(
  b: Backend,
  ids: { p15: string; p100: string; p300: string },
  f: Figures,
  log: (s: string) => void,
): Promise<void> {
  const renderer = resolveResources().rendererDir;
  if (!fs.existsSync(path.join(renderer, 'index.html'))) {
    f['browser'] = `skipped: the renderer is not built (${renderer}); run npm run build`;
    return;
  }
  if (!fs.existsSync(CHROMIUM)) {
    f['browser'] = `skipped: no Chromium at ${CHROMIUM} (set FOLIO_CHROMIUM)`;
    return;
  }
  const { chromium } = await import('playwright-core');
  const server = await startServer({ dispatch: b.dispatch, events: b.events, blobs: b.context.blobs, staticDir: renderer });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // tsx names the functions it compiles with a helper the page does not have.
    await context.addInitScript('globalThis.__name = (f) => f;');
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('nav[aria-label="Main"]');

    // Library: keystroke -> filtered rows on screen, over 2,000+ items.
    await page.evaluate(() => (location.hash = '#/papers'));
    await page.waitForSelector('.papers-body [role="row"]');
    const typing = await page.evaluate(async () => {
      const input = document.querySelector<HTMLInputElement>('input[aria-label="Filter the library"]')!;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
      const out: { handled: number; toFrame: number; filter: number }[] = [];
      for (const q of ['t', 'tr', 'tra', 'tran', 'trans', 'transf', 'journal', 'journal 1', 'journal 12', '', 'deep', '']) {
        await frame();
        const t0 = performance.now();
        setter.call(input, q);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        // When React has put this query's rows in the DOM (seen by a MutationObserver), then the frame that paints them.
        const shows = () => document.querySelector('.papers-main [data-query]')?.getAttribute('data-query') === q;
        const handled = await new Promise<number>((resolve) => {
          if (shows()) return resolve(performance.now() - t0);
          const mo = new MutationObserver(() => {
            if (!shows()) return;
            mo.disconnect();
            resolve(performance.now() - t0);
          });
          mo.observe(document.querySelector('.papers-main')!, { subtree: true, attributes: true, childList: true });
          setTimeout(() => {
            mo.disconnect();
            resolve(NaN);
          }, 2000);
        });
        await frame();
        const t1 = performance.now();
        out.push({
          handled,
          toFrame: t1 - t0,
          filter: Number(document.querySelector('.papers-table')?.getAttribute('data-filter-ms') ?? NaN),
        });
      }
      return out;
    });
    const kh = summarize(typing.map((t) => t.handled).filter((n) => Number.isFinite(n)));
    f['browser: keystroke handled (filter + table rendered in the DOM), ms p50'] = ms(kh.p50);
    f['browser: keystroke handled (filter + table rendered in the DOM), ms p95'] = ms(kh.p95);
    const kf = summarize(typing.map((t) => t.toFrame));
    const kc = summarize(typing.map((t) => t.filter).filter((n) => Number.isFinite(n)));
    f['browser: keystroke to the next frame (rows painted), ms p50'] = ms(kf.p50);
    f['browser: keystroke to the next frame (rows painted), ms p95'] = ms(kf.p95);
    f['browser: filter + sort of 2,000 items in the page, ms p50'] = ms(kc.p50);

    // First page painted: from the click (hash change) in the running app, pdf.js already loaded.
    const openFromLibrary = async (id: string): Promise<{ wall: number; reader: number }> => {
      await page.evaluate(() => (location.hash = '#/papers'));
      await page.waitForSelector('.papers-body [role="row"]');
      const t0 = await page.evaluate(() => {
        performance.clearMeasures('folio-reader:first-page');
        return performance.now();
      });
      await page.evaluate((pid) => (location.hash = `#/papers/${pid}`), id);
      await page.waitForSelector('.folio-reader[data-first-paint-ms]', { timeout: 60_000 });
      return page.evaluate((start) => {
        const m = performance.getEntriesByName('folio-reader:first-page').at(-1)!;
        return {
          wall: m.startTime + m.duration - start,
          reader: Number(document.querySelector('.folio-reader')!.getAttribute('data-first-paint-ms')),
        };
      }, t0);
    };
    await openFromLibrary(ids.p15); // warm-up: worker started, fonts and CMaps cached
    const p15: { wall: number; reader: number }[] = [];
    for (let i = 0; i < 5; i++) p15.push(await openFromLibrary(ids.p15));
    f['browser: 15-page paper, click to first page painted, ms median'] = ms(summarize(p15.map((x) => x.wall)).p50);
    f['browser: 15-page paper, reader open to first page painted, ms median'] = ms(summarize(p15.map((x) => x.reader)).p50);
    const p100: { wall: number; reader: number }[] = [];
    for (let i = 0; i < 3; i++) p100.push(await openFromLibrary(ids.p100));
    f['browser: 100-page paper, click to first page painted, ms median'] = ms(summarize(p100.map((x) => x.wall)).p50);

    // Cold: a fresh page straight onto the paper (app + pdf.js + worker start).
    const cold: number[] = [];
    for (let i = 0; i < 3; i++) {
      const fresh = await context.newPage();
      await fresh.goto(`${server.url.replace(/\?token=.*$/, '')}#/papers/${ids.p15}`);
      await fresh.waitForSelector('.folio-reader[data-first-paint-ms]', { timeout: 60_000 });
      cold.push(
        await fresh.evaluate(() => {
          const m = performance.getEntriesByName('folio-reader:first-page').at(-1)!;
          return m.startTime + m.duration;
        }),
      );
      await fresh.close();
    }
    f['browser: 15-page paper, fresh page load to first page painted, ms median'] = ms(summarize(cold).p50);

    // Memory while scrolling 300 pages.
    await page.evaluate((pid) => (location.hash = `#/papers/${pid}`), ids.p300);
    await page.waitForSelector('.folio-reader[data-first-paint-ms]', { timeout: 60_000 });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const sample = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const m = Object.fromEntries(metrics.map((x: { name: string; value: number }) => [x.name, x.value]));
      const canvases = await page.evaluate(
        () => Array.from(document.querySelectorAll('canvas')).filter((c) => (c as HTMLCanvasElement).width > 0).length,
      );
      return { heap: m.JSHeapUsedSize ?? 0, nodes: m.Nodes ?? 0, canvases };
    };
    await page.waitForTimeout(500);
    const samples = [await sample()];
    const t0 = Date.now();
    let last = 0;
    for (;;) {
      const {
        top,
        max,
        page: current,
      } = await page.$eval('.folio-reader__container', (c) => {
        c.scrollTop += c.clientHeight * 0.9;
        return {
          top: c.scrollTop,
          max: c.scrollHeight - c.clientHeight,
          page: Number(document.querySelector('.folio-reader')?.getAttribute('data-page')),
        };
      });
      await page.waitForTimeout(50);
      if (current - last >= 30 || top >= max - 1) {
        last = current;
        await page.waitForTimeout(300);
        samples.push(await sample());
      }
      if (top >= max - 1) break;
    }
    const mb = (n: number) => ms(n / 2 ** 20);
    const heaps = samples.map((s) => s.heap);
    f['browser: 300-page scroll, JS heap after GC at start, MB'] = mb(heaps[0]!);
    f['browser: 300-page scroll, JS heap max, MB'] = mb(Math.max(...heaps));
    f['browser: 300-page scroll, JS heap at the end, MB'] = mb(heaps.at(-1)!);
    f['browser: 300-page scroll, live page canvases at most'] = Math.max(...samples.map((s) => s.canvases));
    f['browser: 300-page scroll, DOM nodes at start / end'] = `${samples[0]!.nodes} / ${samples.at(-1)!.nodes}`;
    f['browser: 300-page scroll, seconds'] = ms((Date.now() - t0) / 1000);
    log(`  heap samples (MB): ${heaps.map((h) => (h / 2 ** 20).toFixed(1)).join(' ')}`);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

export async function run(log: (line: string) => void = console.log): Promise<Figures> {
  const f: Figures = {};
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-bench-papers-'));
  const backend = await createBackend({ dataDir: path.join(dir, 'data') });
  try {
    const incoming = path.join(dir, 'incoming');
    fs.mkdirSync(incoming);
    await importPapers(backend, incoming, 200, log, f);
    await bigPdf(backend, incoming, f);

    await fillLibrary(backend, 2000);
    const list = (await call(backend, 'papers:list', {})) as { items: PaperSummaryDto[] };
    f['library items'] = list.items.length;
    measureFilter(list.items, f);
    await measureList(backend, f);
    const first = list.items.find((p) => p.hasPdf)!;
    await measureAnnotations(backend, first.id, f);

    // Papers for the reader: a typical 15-page paper, a 100-page one and a 300-page one.
    const add = async (pages: number, seed: number) => {
      const p = await makePaperPdf({ ...randomPaperSpec(seed), seed, pages, columns: 2, outline: true });
      const blob = backend.context.blobs.put(p.bytes);
      return (await addPdfBlob(backend.context, { sha256: blob.sha256, fileName: `long-${pages}.pdf` })).paper.id;
    };
    const ids = { p15: await add(15, 71), p100: await add(100, 72), p300: await add(300, 73) };
    await whenTextIdle(backend.context);
    try {
      await browserPart(backend, ids, f, log);
    } catch (err) {
      f['browser'] = `failed: ${(err as Error).message.split('\n')[0]}`;
    }
  } finally {
    await backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return f;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = await run();
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(72)} ${v}`);
}
