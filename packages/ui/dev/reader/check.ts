/// <reference types="node" />
// Drives the reader harness in Chromium and prints what it measured. Not a test suite (the e2e suite
// lives in e2e/); run it when changing the reader:
//
//   npx tsx packages/ui/dev/reader/check.ts [--skip-big] [--out=/tmp/dir]
//
// It generates its PDFs into a temp folder (nothing is committed), copies two real papers from
// ../shared/fixtures when present, serves everything with the harness's Vite config and checks:
// highlight -> reload -> same place (1 px) and proportional at another zoom; find counts and
// next/previous; zoom keys; go to page; position memory; area highlight and sticky note; sidebar
// jumps; dark pages; scanned-PDF notice; first-paint time (15 pages); JS heap and canvas memory while
// scrolling 300 pages; a 200 MB PDF (long tasks, first paint, last page). Screenshots go to --out.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, createServer, preview } from 'vite';
import { FIND_WORD, generateLarge, generatePaper, generateScanned, TARGET_SENTENCE } from './generate-pdf';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../../..');
const fixtures = path.resolve(repoRoot, '../shared/fixtures/papers');
const argv = process.argv.slice(2);
const skipBig = argv.includes('--skip-big');
const outArg = argv.find((a) => a.startsWith('--out='))?.slice(6);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'folio-reader-check-'));
const pub = path.join(tmp, 'public');
const out = outArg ?? path.join(tmp, 'screens');
mkdirSync(pub, { recursive: true });
mkdirSync(out, { recursive: true });

const failures: string[] = [];
const figures: Record<string, string> = {};
function check(ok: boolean, what: string): void {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}
function figure(name: string, value: string): void {
  figures[name] = value;
  console.log(`  ---- ${name}: ${value}`);
}
const ms = (n: number) => `${Math.round(n)} ms`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

type Box = { left: number; top: number; width: number; height: number };

async function main(): Promise<void> {
  console.log(`generating PDFs in ${pub}`);
  const paper = await generatePaper({ pages: 15 });
  writeFileSync(path.join(pub, 'paper-15.pdf'), paper.bytes);
  const long = await generatePaper({ pages: 300, seed: 3 });
  writeFileSync(path.join(pub, 'long-300.pdf'), long.bytes);
  writeFileSync(path.join(pub, 'scanned.pdf'), await generateScanned(3));
  if (!skipBig) writeFileSync(path.join(pub, 'big.pdf'), await generateLarge(200));
  const realPapers = ['cnn-audio-classification.pdf', 'pixel-recurrent-neural-networks.pdf'].filter((f) =>
    existsSync(path.join(fixtures, f)),
  );
  if (realPapers.length === 0) console.warn(`  (no real papers: ${fixtures} is missing, skipping those checks)`);
  for (const f of realPapers) copyFileSync(path.join(fixtures, f), path.join(pub, f));

  process.env.FOLIO_READER_PUBLIC = pub;
  process.env.FOLIO_READER_QUIET = '1';
  process.env.FOLIO_READER_CACHE_DIR = path.join(tmp, 'vite-cache');
  const server = await createServer({ configFile: path.join(here, 'vite.config.ts'), server: { port: 0 } });
  await server.listen();
  const base = server.resolvedUrls!.local[0]!.replace(/\/$/, '');
  // A production build of the harness too: first paint there is what a bundled app sees.
  process.env.FOLIO_READER_OUT_DIR = path.join(tmp, 'dist');
  await build({ configFile: path.join(here, 'vite.config.ts'), logLevel: 'warn' });
  const previewServer = await preview({ configFile: path.join(here, 'vite.config.ts'), preview: { port: 0 } });
  const previewBase = previewServer.resolvedUrls!.local[0]!.replace(/\/$/, '');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--enable-precise-memory-info',
    ],
  });
  try {
    await measureFirstPaint(browser, previewBase, 'production build');
    await measureFirstPaint(browser, base, 'dev server');
    await run(browser, base, paper, long.pageCount, realPapers);
  } finally {
    await browser.close();
    await server.close();
    await new Promise((r) => previewServer.httpServer.close(r));
  }
  console.log('\nfigures:');
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k}: ${v}`);
  console.log(`screenshots: ${out}`);
  if (failures.length) {
    console.log(`\n${failures.length} check(s) failed:\n  - ${failures.join('\n  - ')}`);
    process.exitCode = 1;
  } else console.log('\nall checks passed');
  if (!outArg) console.log(`(temp folder ${tmp} kept for the screenshots; PDFs are in public/)`);
  else rmSync(pub, { recursive: true, force: true });
}

async function newPage(browser: Browser, opts: { width?: number; height?: number; dpr?: number } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
    deviceScaleFactor: opts.dpr ?? 1,
  });
  // tsx compiles with keepNames, so functions passed to page.evaluate reference an `__name` helper.
  await context.addInitScript('globalThis.__name = (f) => f;');
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`  [pageerror] ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('favicon') && !m.text().includes('404'))
      console.log(`  [console.error] ${m.text().slice(0, 300)}`);
  });
  return page;
}

async function open(page: Page, base: string, query: string): Promise<void> {
  await page.goto(`${base}/?${query}`);
  await page.waitForSelector('.folio-reader[data-status="ready"]', { timeout: 30_000 });
}

const readerAttr = (page: Page, name: string) => page.$eval('.folio-reader', (el, n) => el.getAttribute(n), name);
const storage = <T>(page: Page, key: string, name: string) =>
  page.evaluate(([k, n]) => JSON.parse(localStorage.getItem(`folio-reader:${k}:${n}`) ?? 'null'), [
    key,
    name,
  ] as const) as Promise<T>;

/** Client boxes of a highlight's rectangles, relative to its page's box. */
async function highlightBoxes(page: Page, id: string): Promise<{ page: Box; rects: Box[] }> {
  return page.evaluate((annotationId) => {
    const hl = document.querySelector(`.folio-hl[data-annotation-id="${annotationId}"]`)!;
    const pageEl = hl.closest('.page')!;
    const p = pageEl.getBoundingClientRect();
    return {
      page: { left: p.left, top: p.top, width: p.width, height: p.height },
      rects: [...hl.querySelectorAll('.folio-hl__rect')].map((r) => {
        const b = r.getBoundingClientRect();
        return { left: b.left - p.left, top: b.top - p.top, width: b.width, height: b.height };
      }),
    };
  }, id);
}

/** Client rects of the characters of `sentence` in page `n`'s text layer (start and end character boxes + all line boxes). */
async function sentenceGeometry(page: Page, n: number, sentence: string) {
  return page.evaluate(
    ([pageNumber, text]) => {
      const layer = document.querySelector(`.page[data-page-number="${pageNumber}"] .textLayer`)!;
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) nodes.push(t as Text);
      // Find the sentence across consecutive text nodes (pdf.js writes one node per line here).
      let joined = '';
      const starts: number[] = [];
      for (const t of nodes) {
        starts.push(joined.length);
        joined += t.data + ' ';
      }
      const at = joined.indexOf(text.split(' ').slice(0, 6).join(' '));
      if (at < 0) return null;
      const locate = (offset: number) => {
        let i = starts.length - 1;
        while (starts[i]! > offset) i--;
        return { node: nodes[i]!, offset: offset - starts[i]! };
      };
      const first = locate(at);
      // Words wrap with a single space per line break in `joined`, matching the sentence's own spaces.
      const last = locate(at + text.length - 1);
      const charBox = (node: Text, offset: number) => {
        const r = document.createRange();
        r.setStart(node, offset);
        r.setEnd(node, offset + 1);
        const b = r.getBoundingClientRect();
        return { left: b.left, top: b.top, width: b.width, height: b.height };
      };
      const whole = document.createRange();
      whole.setStart(first.node, first.offset);
      whole.setEnd(last.node, last.offset + 1);
      const p = layer.closest('.page')!.getBoundingClientRect();
      const lines = [...whole.getClientRects()]
        .filter((b) => b.width > 1)
        .map((b) => ({ left: b.left - p.left, top: b.top - p.top, width: b.width, height: b.height }));
      return { start: charBox(first.node, first.offset), end: charBox(last.node, last.offset), lines, text: whole.toString() };
    },
    [n, sentence] as const,
  );
}

const near = (a: Box, b: Box, tol: number) =>
  Math.abs(a.left - b.left) <= tol &&
  Math.abs(a.top - b.top) <= tol &&
  Math.abs(a.width - b.width) <= tol &&
  Math.abs(a.height - b.height) <= tol;
const union = (boxes: Box[]): Box => {
  const l = Math.min(...boxes.map((b) => b.left));
  const t = Math.min(...boxes.map((b) => b.top));
  const r = Math.max(...boxes.map((b) => b.left + b.width));
  const btm = Math.max(...boxes.map((b) => b.top + b.height));
  return { left: l, top: t, width: r - l, height: btm - t };
};

async function scrollToPage(page: Page, n: number): Promise<void> {
  await page.fill('.folio-toolbar__page-input', String(n));
  await page.press('.folio-toolbar__page-input', 'Enter');
  await page.waitForFunction((p) => document.querySelector('.folio-reader')?.getAttribute('data-page') === String(p), n);
  await page.waitForFunction((p) => !!document.querySelector(`.page[data-page-number="${p}"] .textLayer span`), n);
}

async function dragSelect(page: Page, from: Box, to: Box): Promise<void> {
  await page.mouse.move(from.left + 1, from.top + from.height / 2);
  await page.mouse.down();
  await page.mouse.move((from.left + to.left) / 2, (from.top + to.top) / 2 + 2, { steps: 5 });
  await page.mouse.move(to.left + to.width - 0.5, to.top + to.height / 2, { steps: 5 });
  await page.mouse.up();
}

async function measureFirstPaint(browser: Browser, base: string, label: string): Promise<void> {
  console.log(`\nfirst page painted (15-page generated paper, 1280x900, DPR 1, ${label})`);
  const page = await newPage(browser);
  await open(page, base, 'pdf=/files/paper-15.pdf&key=warmup&strict=0'); // fills the HTTP cache (and Vite's transforms)
  const cold: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(`${base}/?pdf=/files/paper-15.pdf&key=fp${i}&strict=0`);
    await page.waitForSelector('.folio-reader[data-status="ready"]');
    cold.push(Number(await readerAttr(page, 'data-first-paint-ms')));
  }
  figure(
    `first paint, ${label}, fresh page (pdf.js import + worker start + parse + render)`,
    `median ${ms(median(cold))} [${cold.join(', ')}]`,
  );
  const warm: number[] = [];
  const measures = () =>
    page.evaluate(() => performance.getEntriesByName('folio-reader:first-page').map((e) => Math.round(e.duration)));
  for (let i = 0; i < 5; i++) {
    const seen = (await measures()).length;
    await page.evaluate(() => window.__reader.openPdf(`/files/paper-15.pdf?again=${Math.random()}`));
    await page.waitForFunction((n) => performance.getEntriesByName('folio-reader:first-page').length > n, seen);
    warm.push((await measures()).at(-1)!);
  }
  figure(
    `first paint, ${label}, opening another paper in the running app (pdf.js and worker loaded)`,
    `median ${ms(median(warm))} [${warm.join(', ')}]`,
  );
  check(median(warm) < 300, `${label}: first page painted under 300 ms once the reader is loaded`);
  await page.context().close();
}

async function run(
  browser: Browser,
  base: string,
  paper: Awaited<ReturnType<typeof generatePaper>>,
  longPages: number,
  realPapers: string[],
): Promise<void> {
  // ---------------------------------------------------------------- highlight persists
  console.log('\nhighlight: select a sentence, highlight, reload, same place');
  {
    const page = await newPage(browser);
    const key = 'hl';
    await open(page, base, `pdf=/files/paper-15.pdf&key=${key}`);
    await page.evaluate(() => localStorage.clear());
    await open(page, base, `pdf=/files/paper-15.pdf&key=${key}`);
    await scrollToPage(page, paper.targetPage);
    const geo = await sentenceGeometry(page, paper.targetPage, TARGET_SENTENCE);
    check(geo !== null, `target sentence found in the text layer of page ${paper.targetPage}`);
    if (!geo) return;
    await page.$eval('.folio-reader__container', (c, top) => (c.scrollTop += top - 200), geo.start.top);
    const geo2 = (await sentenceGeometry(page, paper.targetPage, TARGET_SENTENCE))!;
    await dragSelect(page, geo2.start, geo2.end);
    await page.waitForSelector('.folio-popover--selection', { timeout: 5000 }).catch(async () => {
      console.log(
        '     no popover; geometry',
        JSON.stringify(geo2),
        'selection',
        JSON.stringify(await page.evaluate(() => getSelection()?.toString())),
      );
      await page.screenshot({ path: path.join(out, '00-no-popover.png') });
      throw new Error('no selection popover');
    });
    await page.screenshot({ path: path.join(out, '01-selection-popover.png') });
    const selected = await page.evaluate(() => window.getSelection()?.toString() ?? '');
    check(
      selected.replace(/\s+/g, ' ').trim() === TARGET_SENTENCE,
      `mouse selection is exactly the sentence (got "${selected.replace(/\s+/g, ' ').trim().slice(0, 60)}…")`,
    );
    await page.click('.folio-popover--selection [data-color="yellow"]');
    await page.waitForSelector('.folio-hl .folio-hl__rect');
    const stored = await storage<{ id: string; kind: string; text: string; rects: number[][]; page: number }[]>(
      page,
      key,
      'annotations',
    );
    check(stored.length === 1 && stored[0]!.kind === 'highlight', 'one highlight stored');
    const hl = stored[0]!;
    check(hl.text === TARGET_SENTENCE, `stored quote is the sentence ("${hl.text.slice(0, 50)}…")`);
    check(
      hl.page === paper.targetPage && hl.rects.length === geo2.lines.length,
      `one PDF rect per line (${hl.rects.length} rects, ${geo2.lines.length} lines)`,
    );
    console.log(`     stored rects (PDF units): ${JSON.stringify(hl.rects)}`);
    const before = await highlightBoxes(page, hl.id);
    const coverage = union(before.rects);
    const text = union(geo2.lines);
    check(
      near(coverage, text, 2),
      `highlight covers the selected text within 2 px (hl ${JSON.stringify(coverage)} vs text ${JSON.stringify(text)})`,
    );
    await page.screenshot({ path: path.join(out, '02-highlight.png') });

    await page.waitForTimeout(700); // let the throttled position save land
    await page.reload();
    await page.waitForSelector('.folio-reader[data-status="ready"]');
    await page.waitForSelector(`.folio-hl[data-annotation-id="${hl.id}"] .folio-hl__rect`);
    const after = await highlightBoxes(page, hl.id);
    const same = before.rects.length === after.rects.length && before.rects.every((r, i) => near(r, after.rects[i]!, 1));
    check(
      same,
      `after reload the highlight is at the same place within 1 px (max diff ${maxDiff(before.rects, after.rects).toFixed(3)} px)`,
    );
    check(Math.abs(before.page.width - after.page.width) < 0.5, 'same zoom after reload');
    await page.screenshot({ path: path.join(out, '03-highlight-after-reload.png') });

    await page.selectOption('.folio-toolbar__zoom', '2');
    await page.waitForFunction(() => document.querySelector('.folio-reader')?.getAttribute('data-scale') === '2');
    await page.waitForTimeout(300);
    const zoomed = await highlightBoxes(page, hl.id);
    const k = zoomed.page.width / after.page.width;
    const scaled = after.rects.map((r) => ({ left: r.left * k, top: r.top * k, width: r.width * k, height: r.height * k }));
    check(
      zoomed.rects.every((r, i) => near(r, scaled[i]!, 1)),
      `at 200 % the highlight scales proportionally (x${k.toFixed(3)}, max diff ${maxDiff(scaled, zoomed.rects).toFixed(3)} px)`,
    );
    await page.$eval('.folio-reader__container', (c) => c.scrollBy(0, 0));
    await page.waitForFunction(
      (p) => !!document.querySelector(`.page[data-page-number="${p}"] .textLayer span`),
      paper.targetPage,
    );
    const geoZoom = await sentenceGeometry(page, paper.targetPage, TARGET_SENTENCE);
    if (geoZoom) check(near(union(zoomed.rects), union(geoZoom.lines), 3), 'at 200 % it still covers the text (3 px)');
    await page.evaluate(() => document.querySelector('.folio-hl')?.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(out, '04-highlight-200pct.png') });

    // Click the highlight: the editor opens; add a comment.
    await page.selectOption('.folio-toolbar__zoom', 'page-width');
    await page.waitForTimeout(400);
    await page.evaluate(() => document.querySelector('.folio-hl')?.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(300);
    const r = await page.$eval('.folio-hl .folio-hl__rect', (e) => e.getBoundingClientRect().toJSON() as Box);
    await page.mouse.click(r.left + 20, r.top + r.height / 2);
    await page.waitForSelector('.folio-popover--editor', { timeout: 3000 }).catch(() => {});
    check(!!(await page.$('.folio-popover--editor')), 'clicking a highlight opens its editor');
    if (await page.$('.folio-popover--editor')) {
      await page.fill('.folio-popover--editor textarea', 'Key claim of the paper.');
      await page.click('.folio-popover--editor button:has-text("Done")');
      const withComment = await storage<{ comment: string }[]>(page, key, 'annotations');
      check(withComment[0]?.comment === 'Key claim of the paper.', 'comment saved');
    }

    // Multi-page selection: from the last line of page 3 into page 4 -> two highlights.
    await scrollToPage(page, 3);
    const span = await page.evaluate(() => {
      const last = [...document.querySelectorAll('.page[data-page-number="3"] .textLayer span')]
        .filter((s) => (s.textContent ?? '').length > 20)
        .at(-1)!;
      const first = [...document.querySelectorAll('.page[data-page-number="4"] .textLayer span')].find(
        (s) => (s.textContent ?? '').length > 20,
      )!;
      const a = last.getBoundingClientRect();
      const b = first.getBoundingClientRect();
      return { a: a.toJSON() as Box, b: b.toJSON() as Box };
    });
    await page.$eval('.folio-reader__container', (c, y) => (c.scrollTop += y - 300), span.a.top);
    const span2 = await page.evaluate(() => {
      const last = [...document.querySelectorAll('.page[data-page-number="3"] .textLayer span')]
        .filter((s) => (s.textContent ?? '').length > 20)
        .at(-1)!;
      const first = [...document.querySelectorAll('.page[data-page-number="4"] .textLayer span')].find(
        (s) => (s.textContent ?? '').length > 20,
      )!;
      return { a: last.getBoundingClientRect().toJSON() as Box, b: first.getBoundingClientRect().toJSON() as Box };
    });
    void span;
    if (span2.b.top + span2.b.height < 900) {
      await dragSelect(page, { ...span2.a, width: 4 }, { ...span2.b, left: span2.b.left + span2.b.width / 2, width: 4 });
      await page.waitForSelector('.folio-popover--selection', { timeout: 3000 }).catch(() => {});
      if (await page.$('.folio-popover--selection')) {
        await page.keyboard.press('2');
        await page.waitForTimeout(300);
        const all = await storage<{ page: number; color: string }[]>(page, key, 'annotations');
        const red = all.filter((a) => a.color === 'red');
        check(
          red.length === 2 && red[0]!.page === 3 && red[1]!.page === 4,
          `a selection across pages 3-4 makes one highlight per page (${red.map((a) => a.page).join(', ')}), colour picked with key 2`,
        );
      } else check(false, 'popover after a cross-page selection');
    }
    await page.context().close();
  }

  // ---------------------------------------------------------------- find
  console.log('\nfind in document');
  {
    const page = await newPage(browser);
    await open(page, base, 'pdf=/files/paper-15.pdf&key=find&idle=2000');
    await page.click('.folio-reader__container');
    await page.keyboard.press('Control+f');
    await page.waitForSelector('.folio-findbar__input');
    await page.keyboard.type(FIND_WORD);
    const count = page.locator('[data-testid="find-count"]');
    await page
      .waitForFunction(
        (n) => document.querySelector('[data-testid="find-count"]')?.textContent === `1 of ${n}`,
        paper.findCount,
        { timeout: 15_000 },
      )
      .catch(() => {});
    check(
      (await count.textContent()) === `1 of ${paper.findCount}`,
      `match count "1 of ${paper.findCount}" (got "${await count.textContent()}")`,
    );
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="find-count"]')?.textContent?.startsWith('2 of'));
    check((await count.textContent())?.startsWith('2 of') ?? false, 'Enter goes to match 2');
    await page.keyboard.press('Shift+Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="find-count"]')?.textContent?.startsWith('1 of'));
    await page.keyboard.press('Shift+Enter');
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="find-count"]')?.textContent?.startsWith(`${n} of`),
      paper.findCount,
    );
    check(true, 'Shift+Enter goes back, and wraps to the last match');
    const page15 = await readerAttr(page, 'data-page');
    check(Number(page15) >= 10, `the last match is near the end (page ${page15})`);
    const highlighted = await page.$$eval('.textLayer .highlight', (els) => els.length);
    check(highlighted > 0, `matches highlighted in the text layer (${highlighted} visible)`);
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(out, '05-find.png') });
    await page.keyboard.type('qqqxyz');
    await page
      .waitForFunction(() => document.querySelector('[data-testid="find-count"]')?.textContent === 'No matches', undefined, {
        timeout: 10_000,
      })
      .catch(() => {});
    check((await count.textContent()) === 'No matches', 'a missing phrase says "No matches"');
    await page.keyboard.press('Escape');
    check(!(await page.$('.folio-findbar')), 'Escape closes the find bar');

    // ------------------------------------------------------------ zoom, go to page
    console.log('\nzoom and navigation');
    const scale0 = Number(await readerAttr(page, 'data-scale'));
    await page.keyboard.press('Control+=');
    await page.waitForFunction((s) => Number(document.querySelector('.folio-reader')?.getAttribute('data-scale')) > s, scale0);
    const scale1 = Number(await readerAttr(page, 'data-scale'));
    await page.keyboard.press('Control+-');
    await page.keyboard.press('Control+-');
    await page.waitForFunction((s) => Number(document.querySelector('.folio-reader')?.getAttribute('data-scale')) < s, scale0);
    const scale2 = Number(await readerAttr(page, 'data-scale'));
    check(scale1 > scale0 && scale2 < scale0, `Ctrl+= / Ctrl+- step the zoom (${scale0.toFixed(3)} -> ${scale1} -> ${scale2})`);
    await page.keyboard.press('Control+0');
    await page.waitForFunction(
      (s) => Math.abs(Number(document.querySelector('.folio-reader')?.getAttribute('data-scale')) - s) < 1e-6,
      scale0,
    );
    check(true, 'Ctrl+0 returns to fit width');
    await page.selectOption('.folio-toolbar__zoom', 'page-fit');
    await page.waitForTimeout(300);
    const fit = await page.evaluate(() => {
      const c = document.querySelector('.folio-reader__container')!.getBoundingClientRect();
      const p = document.querySelector('.page[data-page-number="1"]')!.getBoundingClientRect();
      return { c: c.height, p: p.height };
    });
    check(fit.p <= fit.c && fit.p > fit.c * 0.85, `fit page: page height ${fit.p.toFixed(0)} fits the view ${fit.c.toFixed(0)}`);
    await page.screenshot({ path: path.join(out, '06-fit-page.png') });
    await page.selectOption('.folio-toolbar__zoom', 'page-width');
    await scrollToPage(page, 12);
    check((await readerAttr(page, 'data-page')) === '12', 'go to page 12');

    console.log('\nreading log (idle after 2 s in this run)');
    await page.mouse.move(700, 500);
    await page.waitForTimeout(2600);
    const activity = await page.evaluate(() => window.__reader.activity);
    const seen = new Set(activity.flatMap((e) => e.visiblePages));
    check(activity[0]?.type === 'active', `reading starts with an "active" event (${activity.length} events)`);
    check(activity.at(-1)?.type === 'idle', 'after 2 s without input the last event is "idle"');
    check(seen.has(12) && seen.has(15), `pages seen include the visited ones (${[...seen].sort((a, b) => a - b).join(',')})`);
    await page.mouse.move(720, 520);
    await page.waitForTimeout(100);
    check(
      (await page.evaluate(() => window.__reader.activity.at(-1)?.type)) === 'active',
      'input after idle starts a new active period',
    );
    await page.context().close();
  }

  // ---------------------------------------------------------------- position memory, area, note, sidebar, dark
  console.log('\nposition memory, region highlight, sticky note, sidebar, dark pages');
  {
    const page = await newPage(browser);
    const key = 'tools';
    await open(page, base, `pdf=/files/paper-15.pdf&key=${key}&sidebar=annotations`);
    await page.evaluate(() => localStorage.clear());
    await open(page, base, `pdf=/files/paper-15.pdf&key=${key}&sidebar=annotations`);
    await scrollToPage(page, 6);
    await page.$eval('.folio-reader__container', (c) => (c.scrollTop += 150));
    await page.waitForTimeout(800);
    const pos = await storage<{ page: number; top: number; scale: unknown }>(page, key, 'position');
    await page.reload();
    await page.waitForSelector('.folio-reader[data-status="ready"]');
    await page.waitForTimeout(300);
    const reopened = await readerAttr(page, 'data-page');
    check(
      reopened === String(pos.page),
      `reopens at the remembered position (page ${pos.page}, top ${pos.top}, scale ${JSON.stringify(pos.scale)}) -> page ${reopened}`,
    );

    // Region highlight over the figure at the top of page 6.
    await page.click('[data-tool="area"]');
    const p6 = await page.$eval('.page[data-page-number="6"]', (e) => e.getBoundingClientRect().toJSON() as Box);
    await page.evaluate(() => document.querySelector('.page[data-page-number="6"]')!.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(300);
    const p6b = await page.$eval('.page[data-page-number="6"]', (e) => e.getBoundingClientRect().toJSON() as Box);
    void p6;
    const k = p6b.width / 612;
    await page.mouse.move(p6b.left + 50 * k, p6b.top + 50 * k);
    await page.mouse.down();
    await page.mouse.move(p6b.left + 300 * k, p6b.top + 120 * k, { steps: 4 });
    await page.mouse.move(p6b.left + 562 * k, p6b.top + 230 * k, { steps: 4 });
    await page.mouse.up();
    await page.waitForSelector('.folio-popover--editor', { timeout: 3000 }).catch(() => {});
    const areas = await storage<{ kind: string; rect: number[]; image?: string; page: number }[]>(page, key, 'annotations');
    const area = areas.find((a) => a.kind === 'area');
    check(!!area && area.page === 6, `region highlight stored on page 6 (rect ${JSON.stringify(area?.rect)})`);
    check(
      !!area?.image?.startsWith('data:image/png;base64,'),
      `region snapshot stored (${area?.image ? Math.round(area.image.length / 1024) : 0} KB data URL)`,
    );
    if (area)
      check(
        Math.abs(area.rect[0]! - 50) < 1 && Math.abs(area.rect[3]! - (792 - 50)) < 1,
        'region rect in PDF units matches the dragged page coordinates (1 pt)',
      );
    await page.fill('.folio-popover--editor textarea', 'Reading-time figure.');
    await page.click('.folio-popover--editor button:has-text("Done")');
    await page.screenshot({ path: path.join(out, '07-region.png') });

    // Sticky note.
    await page.click('[data-tool="note"]');
    await page.mouse.click(p6b.left + 500 * k, p6b.top + 400 * k);
    await page.waitForSelector('.folio-popover--note textarea', { timeout: 3000 }).catch(() => {});
    await page.keyboard.type('Check the second plate against the appendix.');
    await page.click('.folio-popover--editor button:has-text("Done")');
    const notes = (await storage<{ kind: string; text: string; point: number[] }[]>(page, key, 'annotations')).filter(
      (a) => a.kind === 'note',
    );
    check(
      notes.length === 1 && notes[0]!.text === 'Check the second plate against the appendix.',
      `sticky note stored with its text at ${JSON.stringify(notes[0]?.point)}`,
    );
    check(!!(await page.$('.folio-note')), 'note icon drawn on the page');

    // Sidebar: jump from the list.
    await scrollToPage(page, 1);
    const items = await page.$$eval('.folio-annot', (els) => els.length);
    check(items === 2, `annotation sidebar lists both (${items})`);
    await page.click('.folio-annot--area .folio-annot__main');
    await page.waitForFunction(() => document.querySelector('.folio-reader')?.getAttribute('data-page') === '6');
    check(true, 'clicking an annotation in the sidebar jumps to page 6');
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, '08-sidebar-annotations.png') });

    // Markdown export and paper note.
    await page.click('button:has-text("Create paper note")');
    const md = await page.evaluate(() => window.__reader.paperNote);
    check(
      !!md &&
        md.includes('## Page 6') &&
        md.includes('[p. 6](folio://paper/harness?page=6)') &&
        md.includes('Reading-time figure.'),
      'paper note Markdown has page sections, links and comments',
    );
    await page.screenshot({ path: path.join(out, '09-paper-note.png') });
    await page.click('.harness__note button');

    // Outline and thumbnails.
    await page.click('.folio-sidebar__tab:has-text("Outline")');
    const target = paper.sections.find((s) => s.page >= 9)!;
    await page.click(`.folio-outline__link:has-text("${target.title}")`);
    await page
      .waitForFunction((p) => document.querySelector('.folio-reader')?.getAttribute('data-page') === String(p), target.page, {
        timeout: 5000,
      })
      .catch(() => {});
    check(
      (await readerAttr(page, 'data-page')) === String(target.page),
      `outline "${target.title}" jumps to page ${target.page}`,
    );
    await page.click('.folio-sidebar__tab:has-text("Pages")');
    await page.waitForTimeout(1200);
    const thumbs = await page.$$eval('.folio-thumb__canvas', (cs) => ({
      total: cs.length,
      drawn: (cs as HTMLCanvasElement[]).filter((c) => c.width > 0).length,
    }));
    check(
      thumbs.total === 15 && thumbs.drawn > 0,
      `thumbnails: ${thumbs.drawn} of ${thumbs.total} drawn (only those near the view)`,
    );
    await page.click('.folio-thumb[data-page="3"]');
    await page.waitForFunction(() => document.querySelector('.folio-reader')?.getAttribute('data-page') === '3');
    check(true, 'clicking thumbnail 3 goes to page 3');
    await page.screenshot({ path: path.join(out, '10-thumbnails.png') });

    // Dark pages.
    await page.click('.folio-toolbar button[aria-label="Dark pages"]');
    const filter = await page.$eval('.page[data-page-number="3"]', (e) => getComputedStyle(e).filter);
    check(filter.includes('invert'), `dark pages filter applied (${filter})`);
    await page.click('.folio-sidebar__tab:has-text("Annotations")');
    await page.evaluate(() => document.querySelector('.page[data-page-number="6"]')!.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(out, '11-dark-pages.png') });
    await page.context().close();
  }

  // ---------------------------------------------------------------- dark app theme + HiDPI
  {
    const page = await newPage(browser, { dpr: 2 });
    await open(page, base, 'pdf=/files/paper-15.pdf&key=tools&theme=dark&sidebar=annotations');
    await page.evaluate(() => document.querySelector('.page[data-page-number="6"]')!.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(800);
    const canvas = await page.$eval('.page[data-page-number="6"] canvas', (c) => ({
      w: (c as HTMLCanvasElement).width,
      css: c.getBoundingClientRect().width,
    }));
    check(
      canvas.w / canvas.css > 1.9,
      `HiDPI: canvas has ${(canvas.w / canvas.css).toFixed(2)} device pixels per CSS pixel at DPR 2`,
    );
    await page.screenshot({ path: path.join(out, '12-dark-theme-dpr2.png') });
    await page.context().close();
  }

  // ---------------------------------------------------------------- scanned PDF
  console.log('\nscanned PDF (no text layer)');
  {
    const page = await newPage(browser);
    await open(page, base, 'pdf=/files/scanned.pdf&key=scan');
    await page.waitForSelector('[data-testid="no-text-layer"]', { timeout: 10_000 }).catch(() => {});
    check(!!(await page.$('[data-testid="no-text-layer"]')), 'says it has no text layer');
    check((await readerAttr(page, 'data-has-text-layer')) === 'false', 'hasTextLayer = false reported');
    check(
      await page.$eval('.folio-toolbar button[aria-label="Find"]', (b) => (b as HTMLButtonElement).disabled),
      'find is disabled',
    );
    await page.screenshot({ path: path.join(out, '13-scanned.png') });
    await page.context().close();
  }

  // ---------------------------------------------------------------- memory while scrolling 300 pages
  console.log(`\nmemory while scrolling a ${longPages}-page PDF`);
  {
    const page = await newPage(browser);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await open(page, base, 'pdf=/files/long-300.pdf&key=long');
    await page.evaluate(() => localStorage.clear());
    await open(page, base, 'pdf=/files/long-300.pdf&key=long');
    const sample = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
      const dom = await page.evaluate(() => {
        const canvases = [...document.querySelectorAll('canvas')] as HTMLCanvasElement[];
        return {
          canvases: canvases.filter((c) => c.width > 0).length,
          pixels: canvases.reduce((n, c) => n + c.width * c.height, 0),
          textLayers: document.querySelectorAll('.textLayer').length,
          page: Number(document.querySelector('.folio-reader')?.getAttribute('data-page')),
        };
      });
      return { heap: m.JSHeapUsedSize ?? 0, nodes: m.Nodes ?? 0, ...dom };
    };
    const samples = [await sample()];
    const t0 = Date.now();
    let last = 0;
    for (;;) {
      const { top, max } = await page.$eval('.folio-reader__container', (c) => {
        c.scrollTop += c.clientHeight * 0.9;
        return { top: c.scrollTop, max: c.scrollHeight - c.clientHeight };
      });
      await page.waitForTimeout(60);
      const current = Number(await readerAttr(page, 'data-page'));
      if (current - last >= 30 || top >= max - 1) {
        last = current;
        await page.waitForTimeout(400);
        samples.push(await sample());
      }
      if (top >= max - 1) break;
    }
    const elapsed = Date.now() - t0;
    await page.waitForTimeout(500);
    const lastPage = await page.$eval('.page[data-page-number="300"]', (e) => !!e.querySelector('canvas'));
    check(lastPage, 'page 300 rendered at the end of the scroll');
    for (const s of samples)
      console.log(
        `     page ${String(s.page).padStart(3)}: heap ${mb(s.heap)}, ${s.canvases} live canvases (${(s.pixels / 1e6).toFixed(1)} Mpx), ${s.textLayers} text layers, ${s.nodes} DOM nodes`,
      );
    const heaps = samples.slice(1).map((s) => s.heap);
    const maxCanvases = Math.max(...samples.map((s) => s.canvases));
    figure(
      '300-page scroll: JS heap after GC',
      `start ${mb(samples[0]!.heap)}, min ${mb(Math.min(...heaps))}, max ${mb(Math.max(...heaps))}, end ${mb(heaps.at(-1)!)} (${samples.length} samples, ${Math.round(elapsed / 1000)} s of scrolling)`,
    );
    figure(
      '300-page scroll: rendered canvases',
      `at most ${maxCanvases} live page canvases, ≤ ${(Math.max(...samples.map((s) => s.pixels)) / 1e6).toFixed(1)} Mpx (≈ ${mb(Math.max(...samples.map((s) => s.pixels)) * 4)} of pixels)`,
    );
    const growth = heaps.at(-1)! - heaps[0]!;
    check(growth < 15 * 1024 * 1024, `heap flat while scrolling: ${mb(growth)} growth from the first to the last sample`);
    check(maxCanvases <= 8, `canvases bounded (${maxCanvases} ≤ 8)`);
    await page.context().close();
  }

  // ---------------------------------------------------------------- 200 MB
  if (!skipBig) {
    for (const withSize of [false, true]) {
      const label = withSize ? '200 MB PDF, size hint (ranges only)' : '200 MB PDF, no size hint (streamed)';
      console.log(`\n${label}`);
      const page = await newPage(browser);
      await page.addInitScript(() => {
        const w = window as unknown as { __longTasks: number[] };
        w.__longTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__longTasks.push(e.duration);
        }).observe({ type: 'longtask', buffered: true });
      });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.enable');
      let received = 0;
      cdp.on('Network.dataReceived', (e) => (received += e.dataLength));
      const size = statSync(path.join(pub, 'big.pdf')).size;
      const t0 = Date.now();
      await page.goto(`${base}/?pdf=/files/big.pdf&key=big${withSize ? `&size=${size}` : ''}`);
      const sawProgress = await page.waitForSelector('.folio-reader__progress', { timeout: 5000 }).then(
        () => true,
        () => false,
      );
      await page.waitForSelector('.folio-reader[data-status="ready"]', { timeout: 60_000 });
      const firstPaint = Number(await readerAttr(page, 'data-first-paint-ms'));
      const sinceNav = Date.now() - t0;
      const rtts: number[] = [];
      for (let i = 0; i < 5; i++) {
        const s0 = Date.now();
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
        rtts.push(Date.now() - s0);
      }
      const pageCount = Number(await readerAttr(page, 'data-page-count'));
      await scrollToPageFast(page, pageCount);
      const lastOk = await page
        .waitForFunction((n) => !!document.querySelector(`.page[data-page-number="${n}"] canvas`), pageCount, { timeout: 60_000 })
        .then(
          () => true,
          () => false,
        );
      await page.waitForTimeout(1000);
      const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
      figure(
        label,
        `first page painted ${ms(firstPaint)} after open (${ms(sinceNav)} after navigation), progress bar: ${sawProgress}, frame round-trips ${rtts.join('/')} ms, long tasks ${longTasks.length} (max ${ms(Math.max(0, ...longTasks))}), ${mb(received)} transferred by the time page ${pageCount} was shown`,
      );
      check(firstPaint < 5000, `${label}: first page within 5 s`);
      check(Math.max(0, ...longTasks) < 400, `${label}: no main-thread task over 400 ms while opening and jumping to the end`);
      check(lastOk, `${label}: the last page renders after jumping there`);
      await page.screenshot({ path: path.join(out, `14-big${withSize ? '-ranges' : ''}.png`) });
      await page.context().close();
    }
  }

  // ---------------------------------------------------------------- real papers
  for (const file of realPapers) {
    console.log(`\nreal paper: ${file}`);
    const page = await newPage(browser);
    const key = `real-${file}`;
    await open(page, base, `pdf=/files/${file}&key=${key}&sidebar=outline`);
    await page.evaluate(() => localStorage.clear());
    await open(page, base, `pdf=/files/${file}&key=${key}&sidebar=outline`);
    await page.waitForTimeout(1200);
    const info = await page.evaluate(() => window.__reader.info);
    const pdfAnnots = await page.$$eval('.page[data-page-number="1"] .annotationLayer section', (els) =>
      els.map((e) => e.getAttribute('data-annotation-type') ?? e.className),
    );
    console.log(
      `     ${info?.pageCount} pages, text layer ${info?.hasTextLayer}, outline ${info?.outline.length} items, first paint ${await readerAttr(page, 'data-first-paint-ms')} ms, page-1 PDF annotations: ${pdfAnnots.length ? pdfAnnots.join(',') : 'none'}`,
    );
    await page.screenshot({ path: path.join(out, `15-real-${file.replace('.pdf', '')}.png`) });
    // Highlight the longest line in the second column of page 1, reload, compare.
    const line = await page.evaluate(() => {
      const p = document.querySelector('.page[data-page-number="1"]')!.getBoundingClientRect();
      const spans = [...document.querySelectorAll('.page[data-page-number="1"] .textLayer span')]
        .map((s) => ({ s, b: s.getBoundingClientRect() }))
        .filter(
          ({ b, s }) =>
            b.left > p.left + p.width / 2 &&
            b.top > p.top + 100 &&
            b.bottom < innerHeight - 20 &&
            (s.textContent ?? '').length > 30,
        );
      const best = spans.sort((a, b) => b.b.width - a.b.width)[0];
      return best ? { box: best.b.toJSON() as Box, text: best.s.textContent } : null;
    });
    if (!line) {
      check(false, 'found a text line in the right column of page 1');
      continue;
    }
    await dragSelect(page, { ...line.box, width: 4 }, { ...line.box, left: line.box.left + line.box.width - 4, width: 4 });
    await page.waitForSelector('.folio-popover--selection', { timeout: 3000 }).catch(() => {});
    await page.click('.folio-popover--selection [data-color="green"]').catch(() => {});
    const saved = await storage<{ id: string; text: string; rects: number[][] }[]>(page, key, 'annotations');
    check(saved.length === 1, `highlighted a line in the right column ("${saved[0]?.text.slice(0, 50)}…")`);
    if (!saved[0]) continue;
    const before = await highlightBoxes(page, saved[0].id);
    await page.waitForTimeout(700);
    await page.reload();
    await page.waitForSelector('.folio-reader[data-status="ready"]');
    await page.waitForSelector(`.folio-hl[data-annotation-id="${saved[0].id}"] .folio-hl__rect`);
    const after = await highlightBoxes(page, saved[0].id);
    check(
      before.rects.length === after.rects.length && before.rects.every((r, i) => near(r, after.rects[i]!, 1)),
      `same place after reload (max diff ${maxDiff(before.rects, after.rects).toFixed(3)} px)`,
    );
    await page.screenshot({ path: path.join(out, `16-real-${file.replace('.pdf', '')}-highlight.png`) });
    await page.context().close();
  }
}

async function scrollToPageFast(page: Page, n: number): Promise<void> {
  await page.fill('.folio-toolbar__page-input', String(n));
  await page.press('.folio-toolbar__page-input', 'Enter');
}

function maxDiff(a: Box[], b: Box[]): number {
  let m = 0;
  a.forEach((r, i) => {
    const s = b[i];
    if (!s) return;
    m = Math.max(
      m,
      Math.abs(r.left - s.left),
      Math.abs(r.top - s.top),
      Math.abs(r.width - s.width),
      Math.abs(r.height - s.height),
    );
  });
  return m;
}

await main();
