/**
 * Journal at scale: ten years of daily notes plus five posts a week (~6,000 entries, ~3M words, mixed
 * English and Chinese) created through the journal service, then the backend side of what the writer
 * waits for: opening Today, saving while typing (target < 5 ms), the timeline, calendar, streak, on
 * this day, quick switcher, backlinks and tags.
 *
 *   npm run bench -- journal.bench      (or: npx tsx bench/journal.bench.ts)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCore, migrationsFolder, type Core } from '@folio/core';
import { createEntry } from '../packages/core/src/journal';
import { ms, summarize } from './stats';

type Figures = Record<string, number | string>;

const EN = (
  'the a of to and in that it was for on with as I my we at this had but not from by have they you be one all were ' +
  'walked river morning coffee paper model training data result attention kernel cache review draft meeting plan idea ' +
  'reading notes week garden rain friend dinner city train book chapter argument evidence question experiment ' +
  'code bug test deploy design sketch music quiet tired happy slow early late long short small large light dark'
).split(' ');
const ZH =
  '今天 早上 咖啡 论文 实验 代码 数据 模型 会议 计划 阅读 笔记 周末 跑步 休息 写作 天气 朋友 晚饭 城市 问题 想法 安静 开心'.split(
    ' ',
  );
const TAGS = ['life', 'work', 'reading', 'paper/ml', 'paper/nlp', 'health/run', 'travel', '读书', '写作'];

function rng(seed: number) {
  let s = seed;
  return (k: number) => (s = (s * 1103515245 + 12345) & 0x7fffffff) % k;
}

function day(epochDay: number): string {
  return new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}

/** A body of about `words` words; one paragraph in three is Chinese. */
function body(rand: (k: number) => number, words: number, links: string[]): string {
  const paras: string[] = [];
  let left = words;
  while (left > 0) {
    const n = Math.min(left, 40 + rand(60));
    left -= n;
    if (rand(3) === 0) {
      let p = '';
      // Chinese words are counted per character: 2 characters per item.
      for (let i = 0; i < n / 2; i++) p += ZH[rand(ZH.length)] + (i % 12 === 11 ? '。' : '');
      paras.push(p + '。');
    } else {
      const w: string[] = [];
      for (let i = 0; i < n; i++) w.push(EN[rand(EN.length)]!);
      paras.push(w.join(' ') + '.');
    }
  }
  if (links.length > 0 && rand(4) === 0) paras.push(`See [[${links[rand(links.length)]}]].`);
  paras.push(`#${TAGS[rand(TAGS.length)]}`);
  return paras.join('\n\n');
}

/**
 * Ten years of daily notes from 2016-01-01 plus five posts a week on weekdays (~6,000 entries), written
 * through the journal service. Returns the post titles (wikilink targets) and the last day written.
 */
export function fillNotebook(ctx: Core['context'], rand = rng(42)): { titles: string[]; entries: number; lastDay: string } {
  const start = Math.floor(Date.UTC(2016, 0, 1) / 86_400_000);
  const days = 3653;
  const titles: string[] = [];
  let entries = 0;
  for (let d = 0; d < days; d++) {
    const date = day(start + d);
    createEntry(ctx, { kind: 'daily', date, templateId: null, title: date, body: body(rand, 250 + rand(300), titles) });
    entries++;
    // Five posts a week, on weekdays.
    const dow = (start + d + 4) % 7;
    if (dow >= 1 && dow <= 5) {
      const title = `${EN[rand(EN.length)]} ${EN[rand(EN.length)]} ${ZH[rand(ZH.length)]} ${d}`;
      createEntry(ctx, {
        kind: 'post',
        date,
        title,
        body: body(rand, 400 + rand(500), titles),
        time: `${String(8 + rand(12)).padStart(2, '0')}:00`,
      });
      titles.push(title);
      entries++;
    }
  }
  return { titles, entries, lastDay: day(start + days - 1) };
}

function timeCalls(n: number, fn: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number; mean: number }> {
  return (async () => {
    for (let i = 0; i < Math.min(5, n); i++) await fn(i); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await fn(i);
      samples.push(performance.now() - t0);
    }
    return summarize(samples);
  })();
}

async function call<T>(core: Core, name: string, payload: unknown): Promise<T> {
  const r = await core.dispatch(name, payload);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

export async function run(): Promise<Figures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-bench-journal-'));
  const core = await createCore({ dataDir: dir, migrationsFolder: migrationsFolder(), appVersion: 'bench' });
  try {
    const rand = rng(42);
    const ctx = core.context;
    const start = Math.floor(Date.UTC(2016, 0, 1) / 86_400_000);
    const days = 3653;
    const t0 = performance.now();
    const { titles, entries } = fillNotebook(ctx, rand);
    const genMs = performance.now() - t0;
    const stats = ctx.store.sqlite.prepare(`SELECT count(*) AS n, sum(word_count) AS words FROM entries`).get() as {
      n: number;
      words: number;
    };
    ctx.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const dbBytes = fs.statSync(path.join(dir, 'folio.db')).size;

    // Open Today: the daily note exists (a normal morning), or is created from the template (first open of the day).
    const lastDay = day(start + days - 1);
    const todayExisting = await timeCalls(200, () => call(core, 'journal:today', { date: lastDay }));
    const todayCreate = await timeCalls(60, (i) =>
      call(core, 'journal:today', { date: day(start + days + 10 + i), tzOffsetMinutes: 480 }),
    );

    // Saving while typing: a post of ~700 words growing one word per save (autosave, coalesced revisions).
    const newest = await call<{ items: { id: string }[] }>(core, 'journal:list', { kind: 'post', limit: 1 });
    const post = await call<{ id: string; revision: number; body: string }>(core, 'journal:get', { id: newest.items[0]!.id });
    let rev = post.revision;
    let text = post.body;
    const save = await timeCalls(500, async (i) => {
      text += i % 7 === 0 ? ` 今天写了${i}字` : ` word${i}`;
      const e = await call<{ revision: number }>(core, 'journal:save', { id: post.id, baseRevision: rev, body: text });
      rev = e.revision;
    });
    const revisionsKept = (
      ctx.store.sqlite.prepare(`SELECT count(*) AS n FROM entry_revisions WHERE entry_id = ?`).get(post.id) as { n: number }
    ).n;
    // A save that changes a field (explicit revision) on a long entry.
    const big = body(rand, 5000, []);
    let bigEntry = await call<{ id: string; revision: number }>(core, 'journal:create', {
      kind: 'note',
      title: 'Long essay',
      body: big,
    });
    const saveBig = await timeCalls(100, async (i) => {
      bigEntry = await call(core, 'journal:save', {
        id: bigEntry.id,
        baseRevision: bigEntry.revision,
        body: `${big} ${i}`,
        mode: 'save',
      });
    });

    const listFirst = await timeCalls(100, () => call(core, 'journal:list', { limit: 50 }));
    const listDeep = await timeCalls(50, (i) => call(core, 'journal:list', { limit: 50, offset: 3000 + i }));
    const listTag = await timeCalls(50, () => call(core, 'journal:list', { tag: 'paper', limit: 50 }));
    const calendar = await timeCalls(100, (i) =>
      call(core, 'journal:calendar', { month: day(start + ((i * 37) % days)).slice(0, 7) }),
    );
    const streak = await timeCalls(50, () => call(core, 'journal:streak', { today: lastDay }));
    const otd = await timeCalls(50, (i) => call(core, 'journal:on-this-day', { date: day(start + days - 1 - i) }));
    const switcher = await timeCalls(100, (i) =>
      call(core, 'journal:titles', { query: ['walk', 'coffee 论', 'river ri', 'paper'][i % 4], limit: 20 }),
    );
    const linked = titles[Math.floor(titles.length / 2)]!;
    const target = ctx.store.sqlite.prepare(`SELECT id FROM entries WHERE title = ?`).get(linked) as { id: string };
    const backlinks = await timeCalls(30, () => call(core, 'journal:backlinks', { id: target.id }));
    const tags = await timeCalls(20, () => call(core, 'journal:tags', {}));

    return {
      entries: stats.n,
      'words (CJK characters count one each)': stats.words,
      'database size, MB': +(dbBytes / 2 ** 20).toFixed(1),
      'create through the service, entries/s': Math.round(entries / (genMs / 1000)),
      'open Today (existing note) p50, ms': ms(todayExisting.p50),
      'open Today (existing note) p95, ms': ms(todayExisting.p95),
      'open Today (create from template) p50, ms': ms(todayCreate.p50),
      'open Today (create from template) p95, ms': ms(todayCreate.p95),
      'save while typing (700-word post) p50, ms': ms(save.p50),
      'save while typing (700-word post) p95, ms': ms(save.p95),
      'revisions kept for 500 autosaves': revisionsKept,
      'explicit save of a 5,000-word entry p50, ms': ms(saveBig.p50),
      'explicit save of a 5,000-word entry p95, ms': ms(saveBig.p95),
      'timeline first page (50) p50, ms': ms(listFirst.p50),
      'timeline page at offset 3000 p50, ms': ms(listDeep.p50),
      'timeline by tag series p50, ms': ms(listTag.p50),
      'calendar month p50, ms': ms(calendar.p50),
      'streak p50, ms': ms(streak.p50),
      'on this day p50, ms': ms(otd.p50),
      'quick switcher (titles) p50, ms': ms(switcher.p50),
      'quick switcher (titles) p95, ms': ms(switcher.p95),
      'backlinks (linked + unlinked) p50, ms': ms(backlinks.p50),
      'tags with series tree p50, ms': ms(tags.p50),
    };
  } finally {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await run();
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(width)}  ${v}`);
}
