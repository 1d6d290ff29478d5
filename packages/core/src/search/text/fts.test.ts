// Real FTS5 tests: an in-memory better-sqlite3 database with the exact table createSearchTableSql()
// describes, documents indexed with buildSearchRow, queries from buildFtsQuery.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markdownToPlainText } from '../../journal/markdown';
import { parseHexoDiary } from '../../io/import';
import {
  bm25Sql,
  buildFtsQuery,
  buildSearchRow,
  createSearchTableSql,
  porterStem,
  SEARCH_COLUMNS,
  type SearchDocument,
} from './index';

type Db = InstanceType<typeof Database>;

function openIndex(): Db {
  const db = new Database(':memory:');
  db.exec(createSearchTableSql());
  return db;
}

function add(db: Db, rowid: number, doc: SearchDocument): void {
  const row = buildSearchRow(doc);
  db.prepare(
    `INSERT INTO search_fts(rowid, ${SEARCH_COLUMNS.join(', ')}) VALUES (?, ${SEARCH_COLUMNS.map(() => '?').join(', ')})`,
  ).run(rowid, ...SEARCH_COLUMNS.map((c) => row[c]));
}

function search(db: Db, q: string): number[] {
  const match = buildFtsQuery(q);
  if (match === null) return [];
  const rows = db
    .prepare(`SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY ${bm25Sql()}, rowid`)
    .all(match) as Array<{ rowid: number }>;
  return rows.map((r) => r.rowid);
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

const DOCS: Record<number, SearchDocument> = {
  1: { title: 'Reading list', body: 'I read three papers today about mixture-of-experts models.' },
  2: { title: '11/09', body: '马上就要申请了，但是笔者却似乎在逃避。申请材料还没准备。' },
  3: { title: '10/21', body: 'MLsys 告一段落了，第一个自己做的项目结束了。' },
  4: { title: 'MLsys deadline', body: 'Finished the MLsys submission. 申请 season starts now.' },
  5: { title: 'Piano', body: 'Played piano at a church. 申 is one character; 请 is another.' },
  6: { title: 'Machine learning notes', body: 'Learning rate schedules for machine learning; the paper was good.' },
  7: { title: 'Separate runs', body: '申。请材料分开' },
  8: { title: 'Café résumé', body: 'Ｆｕｌｌｗｉｄｔｈ ＭＬ text and naïve coöperation, cafe.' },
};

describe('bilingual FTS5 index', () => {
  let db: Db;
  beforeEach(() => {
    db = openIndex();
    for (const [id, doc] of Object.entries(DOCS)) add(db, Number(id), doc);
  });
  afterEach(() => db.close());

  it('finds every document containing a two-character Chinese query, and only those', () => {
    const expected = Object.entries(DOCS)
      .filter(([, d]) => `${d.title}\n${d.body}`.includes('申请'))
      .map(([id]) => Number(id));
    expect(sorted(search(db, '申请'))).toEqual(sorted(expected));
    expect(expected).toEqual([2, 4]);
  });

  it('matches single characters, 3+ character strings, and never across a punctuation break', () => {
    expect(sorted(search(db, '申'))).toEqual([2, 4, 5, 7]);
    expect(sorted(search(db, '申请材料'))).toEqual([2]);
    expect(sorted(search(db, '告一段落'))).toEqual([3]);
    expect(search(db, '请材料')).toEqual(expect.arrayContaining([2, 7]));
    expect(search(db, '申请材料分开')).toEqual([]); // 申。请 is split by 。
    expect(sorted(search(db, '料'))).toEqual([2, 7]);
  });

  it('stems English words and handles phrases and prefixes', () => {
    expect(search(db, 'paper')).toEqual(expect.arrayContaining([1, 6]));
    expect(sorted(search(db, 'papers'))).toEqual([1, 6]);
    expect(sorted(search(db, 'learn'))).toEqual([6]);
    expect(sorted(search(db, '"machine learning"'))).toEqual([6]);
    expect(search(db, '"learning machine"')).toEqual([]);
    expect(sorted(search(db, 'mixtur*'))).toEqual([1]);
    expect(sorted(search(db, 'learni*'))).toEqual([6]); // partially typed word, unstemmed prefix
    expect(sorted(search(db, 'mixture-of-experts'))).toEqual([1]);
  });

  it('handles mixed English and Chinese queries', () => {
    expect(sorted(search(db, 'MLsys 申请'))).toEqual([4]);
    expect(sorted(search(db, 'MLsys'))).toEqual([3, 4]);
    expect(sorted(search(db, 'mlsys申请'))).toEqual([4]);
  });

  it('folds case, diacritics and full-width forms', () => {
    expect(sorted(search(db, 'cafe'))).toEqual([8]);
    expect(sorted(search(db, 'RÉSUMÉ'))).toEqual([8]);
    expect(sorted(search(db, 'fullwidth ml'))).toEqual([8]);
    expect(sorted(search(db, 'cooperation'))).toEqual([8]);
  });

  it('supports OR and exclusion', () => {
    expect(sorted(search(db, 'piano OR 告一段落'))).toEqual([3, 5]);
    expect(sorted(search(db, '申 -申请'))).toEqual([5, 7]);
    expect(buildFtsQuery('-only -excluded')).toBeNull();
  });

  it('never throws on hostile input', () => {
    const nasty = [
      '"',
      '""',
      '"unclosed phrase',
      '*',
      '**',
      'a*b*',
      'AND',
      'OR',
      'NOT',
      'a AND',
      'OR b',
      'NEAR(a b)',
      'a:b',
      '{title}: x',
      '^start',
      '(',
      ')',
      '()',
      '(a OR',
      "it's",
      'C++ && C#',
      '-',
      '--',
      '- -',
      'title:paper',
      '\\',
      "'; DROP TABLE x; --",
      '申请"',
      '“申请”',
      '「申请」',
      '🙂',
      '\u0000',
      'a\u200bb',
      'x'.repeat(5000),
      '申'.repeat(300),
    ];
    // Random strings over the FTS5 syntax alphabet.
    const alphabet = [
      '"',
      '*',
      '(',
      ')',
      '{',
      '}',
      ':',
      '^',
      '-',
      '+',
      ' ',
      'AND',
      'OR',
      'NOT',
      'NEAR',
      'a',
      '申',
      '请',
      ',',
      '.',
      "'",
    ];
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 500; i++) {
      let q = '';
      const len = 1 + Math.floor(rand() * 12);
      for (let k = 0; k < len; k++) q += alphabet[Math.floor(rand() * alphabet.length)];
      nasty.push(q);
    }
    for (const q of nasty) {
      expect(() => search(db, q), q).not.toThrow();
    }
  });

  it('ranks title matches and repeated matches higher (bm25)', () => {
    const d = openIndex();
    add(d, 1, { title: 'Weekly notes', body: 'A passing mention of transformers.' });
    add(d, 2, { title: 'Transformers', body: 'All about attention.' });
    add(d, 3, { title: 'Notes', body: 'Transformers, transformers and more transformers in this long note on transformers.' });
    expect(search(d, 'transformer')[0]).toBe(2);
    expect(search(d, 'transformer').at(-1)).toBe(1);
    add(d, 4, { title: '申请', body: '无关内容' });
    add(d, 5, { title: '日记', body: '今天提到申请一次' });
    expect(search(d, '申请')).toEqual([4, 5]);
    d.close();
  });

  it('supports delete and replace by rowid (contentless_delete)', () => {
    db.exec('DELETE FROM search_fts WHERE rowid = 1');
    expect(search(db, 'papers')).toEqual([6]);
    const row = buildSearchRow({ title: 'Replaced', body: 'new text about papers' });
    db.prepare(
      `INSERT OR REPLACE INTO search_fts(rowid, ${SEARCH_COLUMNS.join(', ')}) VALUES (?, ${SEARCH_COLUMNS.map(() => '?').join(', ')})`,
    ).run(6, ...SEARCH_COLUMNS.map((c) => row[c]));
    expect(search(db, 'replaced')).toEqual([6]);
    expect(search(db, 'learning')).toEqual([]);
  });

  it('supports field prefixes', () => {
    expect(sorted(search(db, 'title:mlsys'))).toEqual([4]);
    expect(sorted(search(db, 'body:mlsys'))).toEqual([3, 4]);
    expect(sorted(search(db, 'title:"machine learning" -body:paper'))).toEqual([]);
    expect(sorted(search(db, 'title:申请'))).toEqual([]);
    expect(sorted(search(db, 'unknownfield:mlsys'))).toEqual([]);
  });

  it('can restrict a query to titles', () => {
    const m = buildFtsQuery('mlsys', { fields: ['title'] })!;
    const rows = db.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ?').all(m) as Array<{ rowid: number }>;
    expect(rows.map((r) => r.rowid)).toEqual([4]);
  });
});

describe('porterStem agrees with SQLite FTS5 porter', () => {
  function sqliteStems(words: string[]): string[] {
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE p USING fts5(w, tokenize = 'porter ascii')");
    db.exec("CREATE VIRTUAL TABLE pv USING fts5vocab(p, 'instance')");
    const ins = db.prepare('INSERT INTO p(rowid, w) VALUES (?, ?)');
    db.transaction(() => words.forEach((w, i) => ins.run(i + 1, w)))();
    const rows = db.prepare('SELECT doc, term FROM pv ORDER BY doc').all() as Array<{ doc: number; term: string }>;
    db.close();
    const out = new Array<string>(words.length).fill('');
    for (const r of rows) out[r.doc - 1] = r.term;
    return out;
  }

  const SAMPLE =
    'caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated troubled sized hopping tanned falling hissing fizzed failing filing happy sky relational conditional rational valenci hesitanci digitizer conformabli radicalli differentli vileli analogousli vietnamization predication operator feudalism decisiveness hopefulness callousness formaliti sensitiviti sensibiliti triplicate formative formalize electriciti electrical hopeful goodness revival allowance inference airliner gyroscopic adjustable defensible irritant replacement adjustment dependent adoption homologou communism activate angulariti homologous effective bowdlerize probate rate cease controll roll generalizations oscillators papers paper papering running runs ran learning learned learner studies studying study agreement yes eyes dying lying ties';

  it('on a classic word list', () => {
    const words = SAMPLE.split(' ');
    expect(words.map(porterStem)).toEqual(sqliteStems(words));
  });

  const microblog = path.resolve(repoRootOf(), '../shared/fixtures/journals/microblog-2026-06.txt');
  it.skipIf(!existsSync(microblog))('on every word of the real English microblog', () => {
    const words = [
      ...new Set(
        readFileSync(microblog, 'utf8')
          .toLowerCase()
          .match(/[a-z]+/g) ?? [],
      ),
    ];
    expect(words.length).toBeGreaterThan(500);
    expect(words.map(porterStem)).toEqual(sqliteStems(words));
  });
});

function repoRootOf(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
}

const diaryPath = path.resolve(repoRootOf(), '../shared/fixtures/journals/hexo-diary-zh.md');
const hasDiary = existsSync(diaryPath);
if (!hasDiary) console.warn(`[fts.test] real fixture missing (${diaryPath}); skipping the real Chinese diary search test`);

describe.skipIf(!hasDiary)('real Chinese diary', () => {
  it('申请 finds exactly the dated entries whose text contains it; other queries agree with a substring scan', () => {
    const parsed = parseHexoDiary(readFileSync(diaryPath, 'utf8'), { relPath: 'hexo-diary-zh.md' });
    const db = openIndex();
    const texts = parsed.entries.map((e) => `${e.title}\n${markdownToPlainText(e.bodyMarkdown)}`);
    parsed.entries.forEach((e, i) => add(db, i + 1, { title: e.title, body: markdownToPlainText(e.bodyMarkdown) }));
    for (const q of ['申请', '笔者', '日记', '论文', '实习', '不想', '告一段落']) {
      const expected = texts.flatMap((t, i) => (t.includes(q) ? [i + 1] : []));
      expect(sorted(search(db, q)), q).toEqual(expected);
    }
    const withApply = texts.filter((t) => t.includes('申请')).length;
    expect(withApply).toBeGreaterThan(0);
    // English words inside the Chinese text.
    const mlsys = texts.flatMap((t, i) => (/\bmlsys\b/i.test(t) ? [i + 1] : []));
    expect(sorted(search(db, 'MLsys'))).toEqual(mlsys);
    db.close();
  });
});
