// Years of Hexo diary headings that carry none, when the front-matter date is the day the diary
// was started. Fixtures in ../testdata/hexo-years were written for these tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assignYears } from './hexo-diary';
import { detectFormat, planImportFromPath } from './index';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../testdata/hexo-years');
const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Record<
  string,
  { entries: Array<{ date: string; title: string }> }
>;

const md = (list: string) => list.split(' ').map((s) => ({ month: Number(s.split('/')[0]), day: Number(s.split('/')[1]) }));

describe('Hexo diaries started on the front-matter date', () => {
  for (const [file, want] of Object.entries(expected)) {
    it(`${file}: every heading gets the right year`, () => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      expect(detectFormat(file, text)).toBe('hexo-diary');
      const plan = planImportFromPath(path.join(dir, file));
      expect(plan.issues.filter((i) => i.severity !== 'skipped')).toEqual([]);
      expect(plan.entries.map((e) => ({ date: e.date, title: e.title }))).toEqual(want.entries);
    });
  }

  it('keeps a fenced heading inside its day', () => {
    const plan = planImportFromPath(path.join(dir, 'started-zh.md'));
    expect(plan.entries.find((e) => e.date === '2024-01-01')!.bodyMarkdown).toContain('## 1月2日');
    expect(plan.preambles[0]).toMatchObject({ title: '阳台种菜记', date: '2023-12-18' });
  });

  it('places a diary longer than a year by its first day, not by where the anchor falls inside it', () => {
    // Started 2023-12-18, first entry two days later, running into 2025.
    expect(assignYears(md('12/20 12/31 01/01 05/02 12/24 01/06'), { date: '2023-12-18' })).toEqual([
      2023, 2023, 2024, 2024, 2024, 2025,
    ]);
    expect(assignYears(md('01/06 12/24 05/02 01/01 12/31 12/20'), { date: '2023-12-18' })).toEqual([
      2025, 2024, 2024, 2024, 2023, 2023,
    ]);
    // Started in March, a few days before the first entry; fifteen months long.
    expect(assignYears(md('03/12 08/01 01/15 06/01'), { date: '2024-03-10' })).toEqual([2024, 2024, 2025, 2025]);
    // The same diary when the front-matter date is its last day still works.
    expect(assignYears(md('03/12 08/01 01/15 06/01'), { date: '2025-06-01' })).toEqual([2024, 2024, 2025, 2025]);
  });

  it('reads a short run across New Year in either order', () => {
    expect(assignYears(md('12/28 01/02'), { date: '2023-12-28' })).toEqual([2023, 2024]);
    expect(assignYears(md('01/02 12/28'), { date: '2023-12-28' })).toEqual([2024, 2023]);
    expect(assignYears(md('01/02 12/28'), { date: '2024-01-05' })).toEqual([2024, 2023]);
  });

  it('lets headings with their own year win, and the anchor place the days before them', () => {
    const headings = [...md('11/28 12/30 01/02 06/01'), { month: 7, day: 4, year: 2024 }, ...md('07/09 12/31 01/01')];
    expect(assignYears(headings, { date: '2022-11-27' })).toEqual([2022, 2022, 2023, 2023, 2024, 2024, 2024, 2025]);
    // Without an anchor the rollovers alone count back from the dated heading.
    expect(assignYears(headings, null)).toEqual([2023, 2023, 2024, 2024, 2024, 2024, 2024, 2025]);
    // An anchor that would put earlier days after the dated heading is not followed.
    expect(assignYears(headings, { date: '2026-01-01' })).toEqual([2023, 2023, 2024, 2024, 2024, 2024, 2024, 2025]);
  });
});
