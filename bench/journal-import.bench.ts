/**
 * Journal import and bilingual search text: parse time of each real journal fixture (not in the
 * repo), a generated 5,000-file vault (walk + read + decode + parse + plan), FTS5 indexing and
 * query time over the imported entries, and the measurement behind the index design (own Porter
 * stemming + raw prefix columns vs FTS5's `porter unicode61` tokenizer, for type-ahead prefixes).
 *
 *   npx tsx bench/journal-import.bench.ts
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { planImport, planImportFromPath, type ImportedEntry } from '../packages/core/src/io/import';
import { markdownToPlainText } from '../packages/core/src/journal/markdown';
import {
  bm25Sql,
  buildFtsQuery,
  buildSearchRow,
  createSearchTableSql,
  propertiesToText,
  SEARCH_COLUMNS,
} from '../packages/core/src/search/text';
import { ms, summarize } from './stats';

type Figures = Record<string, number | string>;

const here = path.dirname(fileURLToPath(import.meta.url));
const journals = path.resolve(here, '..', '..', 'shared', 'fixtures', 'journals');

function timeRepeated(fn: () => void, runs: number): { p50: number; p95: number } {
  fn(); // warm-up (JIT, lazy module state)
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

const WORDS =
  'paper model training data result attention gpu kernel cache review draft meeting plan idea reading notes week'.split(' ');
const ZH = '今天 申请 论文 实验 代码 数据 模型 会议 计划 阅读 笔记 周末 跑步 休息 写作'.split(' ');

/** A vault of `n` notes: daily notes, typed files, posts, some with images and links, 1 in 10 Chinese. */
function generateVault(dir: string, n: number): void {
  let seed = 7;
  const rand = (k: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % k;
  mkdirSync(path.join(dir, 'attachments'), { recursive: true });
  writeFileSync(path.join(dir, 'attachments', 'plot.png'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
  for (let i = 0; i < n; i++) {
    const folder = ['Daily', 'Meetings', 'Papers', 'Notes'][i % 4]!;
    mkdirSync(path.join(dir, folder), { recursive: true });
    const d = new Date(Date.UTC(2020, 0, 1) + i * 86400000).toISOString().slice(0, 10);
    const zh = i % 10 === 0;
    const para = () =>
      Array.from({ length: 40 + rand(80) }, () => (zh ? ZH[rand(ZH.length)] : WORDS[rand(WORDS.length)])).join(zh ? '，' : ' ');
    const body = `${para()} #${WORDS[rand(WORDS.length)]} [[Note ${rand(n)}]]\n\n${para()}${i % 25 === 0 ? '\n\n![[plot.png]]' : ''}\n`;
    let name: string;
    let text: string;
    if (folder === 'Daily') {
      name = `${d}.md`;
      text = body;
    } else {
      const kind = folder === 'Meetings' ? '.meeting' : folder === 'Papers' ? '.paper' : '';
      name = `Note ${i}${kind}.md`;
      text = `---\ntitle: Note ${i}\ndate: ${d} 09:${String(i % 60).padStart(2, '0')}\ntags: [${WORDS[i % WORDS.length]}, gen]\nrating: ${i % 5}\n---\n${body}`;
    }
    writeFileSync(path.join(dir, folder, name), text);
  }
}

function indexEntries(entries: ImportedEntry[]): { db: InstanceType<typeof Database>; ms: number; bytes: number } {
  const db = new Database(':memory:');
  db.exec(createSearchTableSql());
  const ins = db.prepare(
    `INSERT INTO search_fts(rowid, ${SEARCH_COLUMNS.join(', ')}) VALUES (?, ${SEARCH_COLUMNS.map(() => '?').join(', ')})`,
  );
  const t0 = performance.now();
  db.transaction(() => {
    entries.forEach((e, i) => {
      const row = buildSearchRow({
        title: e.title,
        body: markdownToPlainText(e.bodyMarkdown),
        props: propertiesToText(e.properties, e.tags),
      });
      ins.run(i + 1, ...SEARCH_COLUMNS.map((c) => row[c]));
    });
  })();
  const took = performance.now() - t0;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const size = db.pragma('page_size', { simple: true }) as number;
  return { db, ms: took, bytes: pages * size };
}

function queryTimes(db: InstanceType<typeof Database>, queries: string[]): { p50: number; p95: number; hits: number } {
  const samples: number[] = [];
  let hits = 0;
  for (let r = 0; r < 20; r++) {
    for (const q of queries) {
      const m = buildFtsQuery(q);
      if (!m) continue;
      const t0 = performance.now();
      const rows = db.prepare(`SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY ${bm25Sql()} LIMIT 50`).all(m);
      samples.push(performance.now() - t0);
      if (r === 0) hits += rows.length;
    }
  }
  return { ...summarize(samples), hits };
}

/**
 * Type-ahead prefixes (first 3..len-1 letters of a word, as a user types) over the English
 * microblog: how often does `prefix*` find the entry containing the word? Ours (raw columns) vs a
 * plain `porter unicode61` FTS5 table, where the index holds only stems.
 */
function prefixComparison(text: string): { ours: number; porterTable: number; prefixes: number } {
  const words = [...new Set(text.toLowerCase().match(/[a-z]{5,}/g) ?? [])].slice(0, 400);
  const ours = new Database(':memory:');
  ours.exec(createSearchTableSql());
  const row = buildSearchRow({ body: text });
  ours
    .prepare(
      `INSERT INTO search_fts(rowid, ${SEARCH_COLUMNS.join(', ')}) VALUES (1, ${SEARCH_COLUMNS.map(() => '?').join(', ')})`,
    )
    .run(...SEARCH_COLUMNS.map((c) => row[c]));
  const porter = new Database(':memory:');
  porter.exec("CREATE VIRTUAL TABLE p USING fts5(body, tokenize = 'porter unicode61')");
  porter.prepare('INSERT INTO p(rowid, body) VALUES (1, ?)').run(text);
  let a = 0;
  let b = 0;
  let total = 0;
  for (const w of words) {
    for (let len = 3; len < w.length; len++) {
      const prefix = w.slice(0, len);
      total++;
      const m = buildFtsQuery(`${prefix}*`)!;
      if (ours.prepare('SELECT 1 FROM search_fts WHERE search_fts MATCH ?').get(m)) a++;
      if (porter.prepare('SELECT 1 FROM p WHERE p MATCH ?').get(`"${prefix}"*`)) b++;
    }
  }
  ours.close();
  porter.close();
  return { ours: a / total, porterTable: b / total, prefixes: total };
}

export async function run(): Promise<Figures> {
  const figures: Figures = {};
  if (existsSync(journals)) {
    for (const file of readdirSync(journals).sort()) {
      const bytes = readFileSync(path.join(journals, file));
      let entries = 0;
      const t = timeRepeated(() => {
        entries = planImport([{ relPath: file, bytes }]).entries.length;
      }, 30);
      figures[`${file}: entries`] = entries;
      figures[`${file}: plan p50, ms (${(bytes.length / 1024).toFixed(0)} KiB)`] = ms(t.p50);
    }
    const diary = planImportFromPath(path.join(journals, 'hexo-diary-zh.md')).entries;
    const idx = indexEntries(diary);
    const q = queryTimes(idx.db, ['申请', '笔者', 'MLsys', 'MLsys 申请', '申请材料', '论文*', 'paper']);
    figures['real diary: FTS index build, ms'] = ms(idx.ms);
    figures['real diary: query p50, ms'] = ms(q.p50);
    figures['real diary: query p95, ms'] = ms(q.p95);
    idx.db.close();
    const cmp = prefixComparison(readFileSync(path.join(journals, 'microblog-2026-06.txt'), 'utf8'));
    figures['type-ahead prefixes tested'] = cmp.prefixes;
    figures['type-ahead prefix found: ours (raw prefix columns), %'] = +(cmp.ours * 100).toFixed(1);
    figures["type-ahead prefix found: FTS5 'porter unicode61', %"] = +(cmp.porterTable * 100).toFixed(1);
  } else {
    figures['real fixtures'] = `missing (${journals})`;
  }

  const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-import-bench-'));
  try {
    const N = 5000;
    let t0 = performance.now();
    generateVault(dir, N);
    figures[`generated vault: write ${N} files, ms`] = ms(performance.now() - t0);
    let total = 0;
    for (const sub of readdirSync(dir))
      for (const f of readdirSync(path.join(dir, sub))) total += statSync(path.join(dir, sub, f)).size;
    figures['generated vault: size, MiB'] = +(total / 2 ** 20).toFixed(1);
    t0 = performance.now();
    const plan = planImportFromPath(dir);
    const took = performance.now() - t0;
    figures['generated vault: walk + read + parse + plan, ms'] = ms(took);
    figures['generated vault: files per second'] = Math.round(N / (took / 1000));
    figures['generated vault: entries'] = plan.counts.entries;
    figures['generated vault: error issues'] = plan.issues.filter((i) => i.severity === 'error').length;
    figures['generated vault: attachments'] = plan.counts.attachments;
    const idx = indexEntries(plan.entries);
    figures['generated vault: FTS index build, ms'] = ms(idx.ms);
    figures['generated vault: FTS database size, MiB'] = +(idx.bytes / 2 ** 20).toFixed(1);
    const q = queryTimes(idx.db, ['paper', 'attention gpu', '"training data"', 'kern*', '申请', '论文 数据', 'paper -draft']);
    figures['generated vault: query p50, ms'] = ms(q.p50);
    figures['generated vault: query p95, ms'] = ms(q.p95);
    idx.db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await run();
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(width)}  ${v}`);
}
