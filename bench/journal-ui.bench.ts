/**
 * Today in the real UI: serve mode in Debian's Chromium over the ~6,000-entry notebook of
 * journal.bench.ts, timing the click on the sidebar's "Today" (from the Journal timeline and from
 * Settings) until the entry is editable: ProseMirror's contenteditable is in the page, holds the
 * note's text and has the focus, then until the next frame is painted. Target: under 100 ms.
 *
 *   npm run bench -- journal-ui      (or: npx tsx bench/journal-ui.bench.ts; needs npm run build)
 *   FOLIO_BENCH_TRACE=/tmp/today.json also writes a Chrome performance trace of five clicks, and
 *   FOLIO_BENCH_PROFILE=/tmp/today.cpuprofile a CPU profile (DevTools format) of ten.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, migrationsFolder, type Core } from '@folio/core';
import { resolveResources } from '../apps/desktop/src/backend/resources';
import { startServer } from '../apps/desktop/src/serve/server';
import { fillNotebook } from './journal.bench';
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
const CLICKS = 25;
/** Written into today's note so "has the entry's content" is checked, not just an empty editor. */
const MARKER = 'benchmark-marker-today';

async function call<T>(core: Core, name: string, payload: unknown): Promise<T> {
  const r = await core.dispatch(name, payload);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

function localDay(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export async function run(log: (line: string) => void = console.log): Promise<Figures> {
  const f: Figures = {};
  const renderer = resolveResources().rendererDir;
  if (!fs.existsSync(path.join(renderer, 'index.html')))
    return { browser: `skipped: the renderer is not built (${renderer}); run npm run build` };
  if (!fs.existsSync(CHROMIUM)) return { browser: `skipped: no Chromium at ${CHROMIUM} (set FOLIO_CHROMIUM)` };

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-bench-journal-ui-'));
  const core = await createCore({ dataDir: dir, migrationsFolder: migrationsFolder(), appVersion: 'bench' });
  const { chromium } = await import('playwright-core');
  try {
    const { entries, titles } = fillNotebook(core.context);
    // Today's note with a morning's worth of writing (~600 words, headings, a list, a link, a tag).
    const today = await call<{ id: string; revision: number }>(core, 'journal:today', {
      date: localDay(),
      tzOffsetMinutes: -new Date().getTimezoneOffset(),
    });
    const para = 'the morning was quiet and the coffee was good so I read the draft again and made notes on the argument ';
    const text = [
      `## Plans\n\n${MARKER} ${para.repeat(8)}`,
      `- review the paper\n- answer mail\n- run the experiment`,
      `${para.repeat(12)} See [[${titles[10]}]].`,
      `今天 早上 咖啡 论文 实验 代码 数据 模型 会议 计划。`.repeat(10),
      `${para.repeat(10)}\n\n#life`,
    ].join('\n\n');
    await call(core, 'journal:save', { id: today.id, baseRevision: today.revision, body: text, mode: 'save' });
    f['entries in the notebook'] = entries + 1;
    f['load average (1 min) at start'] = +os.loadavg()[0]!.toFixed(2);
    f['cpus'] = os.cpus().length;

    const server = await startServer({
      dispatch: core.dispatch,
      events: core.events,
      blobs: core.context.blobs,
      staticDir: renderer,
    });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      // tsx names the functions it compiles with a helper the page does not have.
      await context.addInitScript('globalThis.__name = (f) => f;');
      const page = await context.newPage();
      await page.goto(server.url);
      await page.waitForSelector('nav[aria-label="Main"]');
      const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

      const from = {
        Journal: async () => {
          await nav('Journal').click();
          await page.waitForSelector('.journal-timeline .timeline-item');
        },
        Settings: async () => {
          await nav('Settings').click();
          await page.waitForSelector('.settings-page');
        },
      };

      /** One click on "Today" from `origin`: ms to editable, and to the next frame painted after it. */
      const clickToday = async (origin: keyof typeof from): Promise<{ editable: number; painted: number }> => {
        await from[origin]();
        await page.waitForTimeout(250); // let the page settle (panels, idle work) like a person would
        await page.evaluate((marker) => {
          const w = window as unknown as { __today?: Promise<{ editable: number; painted: number }> };
          w.__today = new Promise((resolve, reject) => {
            let t0: number | undefined;
            document.addEventListener('click', (e) => (t0 = e.timeStamp), { capture: true, once: true });
            const ready = () => {
              const ed = document.querySelector<HTMLElement>('.page-today .ProseMirror[contenteditable="true"]');
              return !!ed && ed.contains(document.activeElement) && (ed.textContent ?? '').includes(marker);
            };
            const done = () => {
              if (t0 === undefined || !ready()) return;
              const editable = performance.now() - t0;
              mo.disconnect();
              document.removeEventListener('focusin', done, true);
              clearTimeout(timer);
              requestAnimationFrame(() => {
                // The frame after rAF: setTimeout(0) runs once it has been produced.
                setTimeout(() => resolve({ editable, painted: performance.now() - t0! }), 0);
              });
            };
            const mo = new MutationObserver(done);
            mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
            document.addEventListener('focusin', done, true);
            const timer = setTimeout(() => reject(new Error('Today did not become editable in 10 s')), 10_000);
          });
        }, MARKER);
        await nav('Today').click();
        return page.evaluate(() => (window as unknown as { __today: Promise<{ editable: number; painted: number }> }).__today);
      };

      for (let i = 0; i < 3; i++) await clickToday('Journal'); // warm-up: code, fonts, caches
      for (const origin of ['Journal', 'Settings'] as const) {
        const runs: { editable: number; painted: number }[] = [];
        for (let i = 0; i < CLICKS; i++) runs.push(await clickToday(origin));
        const e = summarize(runs.map((r) => r.editable));
        const p = summarize(runs.map((r) => r.painted));
        f[`browser: click Today (from ${origin}) to editable, ms p50`] = ms(e.p50);
        f[`browser: click Today (from ${origin}) to editable, ms p95`] = ms(e.p95);
        f[`browser: click Today (from ${origin}) to next frame painted, ms p50`] = ms(p.p50);
        f[`browser: click Today (from ${origin}) to next frame painted, ms p95`] = ms(p.p95);
        log(`  from ${origin}, editable ms: ${runs.map((r) => r.editable.toFixed(0)).join(' ')}`);
      }

      const tracePath = process.env.FOLIO_BENCH_TRACE;
      if (tracePath) {
        await browser.startTracing(page, { path: tracePath, screenshots: false });
        for (let i = 0; i < 5; i++) await clickToday('Journal');
        await browser.stopTracing();
        f['trace'] = tracePath;
      }
      const profilePath = process.env.FOLIO_BENCH_PROFILE;
      if (profilePath) {
        const cdp = await context.newCDPSession(page);
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
        await cdp.send('Profiler.start');
        for (let i = 0; i < 10; i++) await clickToday('Journal');
        const { profile } = await cdp.send('Profiler.stop');
        fs.writeFileSync(profilePath, JSON.stringify(profile));
        f['cpu profile'] = profilePath;
      }
      f['load average (1 min) at the end'] = +os.loadavg()[0]!.toFixed(2);
      await context.close();
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return f;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = await run();
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(64)} ${v}`);
}
