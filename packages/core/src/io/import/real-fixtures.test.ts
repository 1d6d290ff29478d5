// The real journals in ../shared/fixtures/journals (other people's writing, never copied into the
// repo). Expected counts, dates and titles are derived here from the raw text with simple,
// independent scans, so nothing is hard-coded.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planImportFromPath } from './index';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const journals = path.resolve(repoRoot, '../shared/fixtures/journals');
const exists = existsSync(journals);
if (!exists) console.warn(`[real-fixtures.test] ${journals} is missing; skipping the real-journal import tests`);

/** `## MM/DD` lines outside ``` / ~~~ fences, with the front-matter date. Independent of the parser. */
function rawDiaryHeadings(text: string): { fmDate: string; headings: Array<{ month: number; day: number; text: string }> } {
  const lines = text.split('\n');
  let fmDate = '';
  let i = 0;
  if (lines[0]?.trim() === '---') {
    for (i = 1; i < lines.length && lines[i]!.trim() !== '---'; i++) {
      const m = /^date:\s*['"]?(\d{4}-\d{2}-\d{2})/.exec(lines[i]!);
      if (m) fmDate = m[1]!;
    }
    i++;
  }
  const headings: Array<{ month: number; day: number; text: string }> = [];
  let inFence = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const m = /^##\s+(\d{1,2})\/(\d{1,2})\b(.*)$/.exec(line);
    if (m) headings.push({ month: Number(m[1]), day: Number(m[2]), text: line.replace(/^##\s+/, '').trim() });
  }
  return { fmDate, headings };
}

describe.skipIf(!exists)('real journals', () => {
  it('hexo-diary-zh.md: one entry per dated heading, right month/day, titles, monotonic dates, year anchored on the front matter', () => {
    const file = path.join(journals, 'hexo-diary-zh.md');
    const raw = rawDiaryHeadings(readFileSync(file, 'utf8'));
    expect(raw.headings.length).toBeGreaterThan(10);
    const plan = planImportFromPath(file);
    expect(plan.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(plan.counts.byFormat['hexo-diary']).toBe(1);
    expect(plan.entries).toHaveLength(raw.headings.length);
    plan.entries.forEach((e, k) => {
      const h = raw.headings[k]!;
      expect(e.title).toBe(h.text);
      expect(e.date.slice(5)).toBe(`${String(h.month).padStart(2, '0')}-${String(h.day).padStart(2, '0')}`);
      expect(e.kind).toBe('daily');
    });
    // Dates move one way through the file (newest first or oldest first), never jumping back.
    const dates = plan.entries.map((e) => e.date);
    const asc = [...dates].sort();
    expect(dates.join() === asc.join() || dates.join() === [...asc].reverse().join()).toBe(true);
    // The front-matter date lies within the diary's span (or within a month of it).
    const span = [asc[0]!, asc.at(-1)!].map((d) => Date.parse(d));
    const anchor = Date.parse(raw.fmDate);
    const month = 31 * 86400000;
    expect(anchor).toBeGreaterThanOrEqual(span[0]! - month);
    expect(anchor).toBeLessThanOrEqual(span[1]! + month);
    // A front-matter date on the month/day of the first or last heading is that day: the diary's start or end.
    const fmMonthDay = raw.fmDate.slice(5);
    const ends = [asc[0]!, asc.at(-1)!].filter((d) => d.slice(5) === fmMonthDay);
    if (ends.length > 0) expect(ends).toContain(raw.fmDate);
    // Every body line of the file lands in exactly one entry or the preamble (nothing lost).
    const bodies =
      plan.entries.map((e) => e.bodyMarkdown).join('\n') + '\n' + plan.preambles.map((p) => p.bodyMarkdown).join('\n');
    const text = readFileSync(file, 'utf8');
    const contentLines = text
      .split('\n')
      .slice(5)
      .filter((l) => l.trim() && !/^##\s+\d{1,2}\/\d{1,2}/.test(l) && l.trim() !== '---');
    for (const l of contentLines) expect(bodies.includes(l.trim()), l.slice(0, 40)).toBe(true);
  });

  it('microblog-2026-06.txt: one entry per entry line, titles after the separator', () => {
    const file = path.join(journals, 'microblog-2026-06.txt');
    const lines = readFileSync(file, 'utf8').split('\n');
    const expected = lines.flatMap((l) => {
      const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2})(?:[,:]\s*(.*))?\s*$/.exec(l.trim());
      if (!m) return [];
      return [
        {
          date: `20${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`,
          title: m[4]?.trim() || `${m[1]}/${m[2]}/${m[3]}`,
        },
      ];
    });
    expect(expected.length).toBeGreaterThan(5);
    const plan = planImportFromPath(file);
    expect(plan.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(plan.counts.byFormat.microblog).toBe(1);
    expect(plan.entries.map((e) => ({ date: e.date, title: e.title }))).toEqual(expected);
    expect(plan.entries.filter((e) => e.title !== e.date && !/^\d/.test(e.title)).length).toBeGreaterThan(0);
    for (const e of plan.entries) expect(e.bodyMarkdown.length).toBeGreaterThan(0);
  });

  it('sunday-links.md: front matter read, mojibake repaired, nothing else changed', () => {
    const file = path.join(journals, 'sunday-links.md');
    const text = readFileSync(file, 'utf8');
    const title = /^title:\s*['"]?(.*?)['"]?\s*$/m.exec(text)![1]!;
    const plan = planImportFromPath(file);
    expect(plan.entries).toHaveLength(1);
    const e = plan.entries[0]!;
    expect(e.title).toBe(title);
    expect(e.date).toBe('2025-01-19'); // front matter: 'Jan 19, 2025'
    expect(e.tags).toEqual(['journal', 'links', 'AI']);
    expect(e.bodyMarkdown).not.toMatch(/â€|ðŸ|Ã[\u0080-\u00bf]/);
    expect(plan.counts.mojibakeRepaired).toBeGreaterThan(0);
    expect(e.bodyMarkdown).toMatch(/—|–/);
    // ASCII content is untouched.
    const rawBody = text.slice(text.indexOf('---', 3) + 3).trim();
    expect(e.bodyMarkdown.replace(/[^\x00-\x7f]/g, '')).toBe(rawBody.replace(/[^\x00-\x7f]/g, ''));
  });

  it('the whole folder imports in one plan without errors', () => {
    const plan = planImportFromPath(journals);
    expect(plan.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(plan.counts.byFormat).toMatchObject({ 'hexo-diary': 1, microblog: 1, markdown: 1 });
  });
});
