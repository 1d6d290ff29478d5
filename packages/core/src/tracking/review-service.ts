import type { CoreContext } from '../app/context';
import type { CurrencyTotalsDto, TaskDto, WeekReviewDto } from '../contract/tracking';
import { createEntry, getEntry, listEntries, saveEntry } from '../journal';
import { activityRegistry, stampsEarnedBetween, WEEKLY_REVIEW_KIND } from '../stamps';
import { today as todayOf, weekStartsOn } from './db';
import { metricSummaryDto } from './dashboard-service';
import { habitDefs, habitOptions, habitState } from './habits-service';
import {
  addDays,
  computeDashboard,
  dayToNum,
  describeSchedule,
  eachDay,
  formatDuration,
  habitPeriods,
  numToDay,
  spendTotals,
  startOfWeek,
  type Day,
} from './logic';
import { metricDefs, rawValues } from './metrics-service';
import { rawSpend, totalsDto as spendTotalsDto } from './spend-service';
import { taskDtos, tasksDoneBetween, tasksPlannedFor, openTasks } from './tasks-service';
import { rawBlocks, totalsDto as timeTotalsDto } from './time-service';

/** ISO 8601 week label of a day: `2026-W23`. */
export function isoWeekOf(day: Day): string {
  const n = dayToNum(day);
  const dow = (((n + 4) % 7) + 7) % 7; // 0 = Sunday
  const thursday = n - ((dow + 6) % 7) + 3;
  const year = numToDay(thursday).slice(0, 4);
  const jan4 = dayToNum(`${year}-01-04`);
  const jan4dow = (((jan4 + 4) % 7) + 7) % 7;
  const week1Monday = jan4 - ((jan4dow + 6) % 7);
  return `${year}-W${String(Math.floor((thursday - 3 - week1Monday) / 7) + 1).padStart(2, '0')}`;
}

function weekBounds(ctx: CoreContext, weekOf?: string): { from: Day; to: Day; week: string } {
  const from = startOfWeek(weekOf ?? todayOf(ctx), weekStartsOn(ctx));
  const to = addDays(from, 6);
  // The label follows the week's middle, so a Sunday-to-Saturday week still gets its ISO number.
  return { from, to, week: isoWeekOf(addDays(from, 3)) };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function money(t: CurrencyTotalsDto): string {
  const cats = t.byCategory.map((c) => `${c.key} ${c.formatted}`).join(', ');
  return `${t.formatted}${cats ? ` (${cats})` : ''}`;
}

function existingReview(ctx: CoreContext, from: Day, to: Day, week: string): string | null {
  const candidates = listEntries(ctx, { kind: WEEKLY_REVIEW_KIND, from, to: addDays(to, 7), order: 'date-asc', limit: 50 }).items;
  for (const c of candidates) {
    const e = getEntry(ctx, c.id);
    if (e && !e.deletedAt && (e.properties as Record<string, unknown>).week === week) return e.id;
  }
  return null;
}

/** Everything the week held: the page's figures and the markdown a weekly review starts from. */
export function weekReview(ctx: CoreContext, weekOf?: string): WeekReviewDto {
  // Stamps first: refreshing them is a batch of its own.
  const { from, to } = weekBounds(ctx, weekOf);
  const stamps = stampsEarnedBetween(ctx, from, to);
  return activityRegistry(ctx).batch(() => weekReviewIn(ctx, weekOf, stamps));
}

function weekReviewIn(ctx: CoreContext, weekOf: string | undefined, stamps: WeekReviewDto['stamps']): WeekReviewDto {
  const { from, to, week } = weekBounds(ctx, weekOf);
  const today = todayOf(ctx);
  const registry = activityRegistry(ctx);
  const days = eachDay(from, to);

  const entryList = listEntries(ctx, { from, to, writtenOnly: true, order: 'date-asc', limit: 500 }).items;
  const entries = {
    available: true,
    items: entryList.map((e) => ({
      id: e.id,
      title: e.title || e.excerpt.slice(0, 60) || 'Untitled',
      kind: e.kind,
      date: e.date,
      words: e.wordCount,
    })),
    words: entryList.reduce((s, e) => s + e.wordCount, 0),
  };

  const papersAvailable = registry.isAvailable('papers.finished');
  const item = (it: { id: string; title?: string; day?: string }) => ({
    id: it.id,
    title: it.title ?? null,
    day: it.day ?? null,
  });
  const papers = {
    available: papersAvailable,
    finished: papersAvailable ? registry.items('papers.finished', days, 200).map(item) : [],
    highlights: registry.isAvailable('papers.highlight') ? registry.items('papers.highlight', days, 500).map(item) : [],
  };

  const habits = habitDefs(ctx, false).map((h) => {
    const { values, skips } = habitState(ctx, h, today);
    const periods = habitPeriods(h, values, today < to ? today : to, { ...habitOptions(ctx, skips), from: h.startDate }).filter(
      (p) => p.end >= from && p.start <= to,
    );
    return {
      id: h.id,
      name: h.name,
      scheduleText: describeSchedule(h.schedule, h.unit ?? ''),
      met: periods.filter((p) => p.status === 'met').length,
      decided: periods.filter((p) => p.status === 'met' || p.status === 'missed' || p.status === 'pending').length,
      days: periods.flatMap((p) => p.days).filter((d) => d >= from && d <= to),
    };
  });

  const blocks = rawBlocks(ctx, from, to);
  const time = timeTotalsDto(ctx, blocks);

  const open = openTasks(ctx);
  const planned = tasksPlannedFor(ctx, from, to);
  const done = tasksDoneBetween(ctx, from, to);
  const doneIds = new Set(done.map((t) => t.id));
  const tasks = {
    planned: planned.length,
    done: done.length,
    doneItems: taskDtos(ctx, done, open),
    openItems: taskDtos(
      ctx,
      planned.filter((t) => !doneIds.has(t.id) && !t.doneAt),
      open,
    ).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)),
  };

  const defs = metricDefs(ctx, { includeArchived: false });
  const defById = new Map(defs.map((d) => [d.id, d]));
  const metrics = computeDashboard({
    from,
    to,
    today,
    metrics: defs,
    metricValues: rawValues(ctx, from, to),
    heatmaps: false,
  }).metrics.map((m) => metricSummaryDto(defById.get(m.id)!, m));
  const spend = spendTotalsDto(spendTotals(rawSpend(ctx, from, to)));

  const dto: Omit<WeekReviewDto, 'markdown' | 'existingEntryId'> = {
    from,
    to,
    week,
    entries,
    papers,
    habits,
    time,
    tasks,
    metrics,
    stamps,
    spend,
  };
  return { ...dto, markdown: reviewMarkdown(dto).done.join('\n'), existingEntryId: existingReview(ctx, from, to, week) };
}

/** The figures as markdown bullets: what was done, and the planned tasks still open. */
export function reviewMarkdown(r: Omit<WeekReviewDto, 'markdown' | 'existingEntryId'>): { done: string[]; next: string[] } {
  const done: string[] = [];
  done.push(`- Journal: ${plural(r.entries.items.length, 'entry', 'entries')}, ${r.entries.words.toLocaleString('en')} words`);
  if (r.papers.available) {
    const titles = r.papers.finished
      .map((p) => p.title)
      .filter(Boolean)
      .slice(0, 5);
    done.push(
      `- Papers: ${plural(r.papers.finished.length, 'paper')} read${titles.length ? ` (${titles.join('; ')})` : ''}, ${plural(r.papers.highlights.length, 'highlight')}`,
    );
  } else {
    done.push('- Papers: no papers data');
  }
  if (r.habits.length > 0) {
    done.push(`- Habits: ${r.habits.map((h) => `${h.name} ${h.met}/${h.decided} (${h.scheduleText})`).join('; ')}`);
  }
  if (r.time.total > 0) {
    const cats = r.time.byCategory
      .slice(0, 6)
      .map((c) => `${c.name} ${formatDuration(c.minutes)}`)
      .join(', ');
    done.push(`- Time: ${formatDuration(r.time.total)} tracked, ${formatDuration(r.time.productive)} productive (${cats})`);
  }
  done.push(`- Tasks: ${r.tasks.done} done of ${r.tasks.planned} planned`);
  for (const t of r.tasks.doneItems.slice(0, 10)) done.push(`  - [x] ${t.title} (${t.priority})`);
  const stats = r.metrics.filter((m) => m.count > 0).map((m) => `${m.name} ${m.headlineText}`);
  if (stats.length > 0) done.push(`- Stats: ${stats.join('; ')}`);
  if (r.stamps.length > 0) done.push(`- Stamps earned: ${r.stamps.map((s) => `${s.name} (${s.earnedAt})`).join(', ')}`);
  if (r.spend.length > 0) done.push(`- Spend: ${r.spend.map(money).join('; ')}`);
  const next = r.tasks.openItems
    .slice(0, 10)
    .map((t: TaskDto) => `- [ ] ${t.title} (${t.priority}${t.due ? `, due ${t.due}` : ''})`);
  return { done, next };
}

/** Puts lines under the first `##` heading (replacing its empty `- ` placeholder), or on top. */
function fillSection(body: string, headingIndex: number, lines: string[]): string {
  if (lines.length === 0) return body;
  const rows = body.split('\n');
  const headings = rows.map((r, i) => (/^##\s/.test(r) ? i : -1)).filter((i) => i >= 0);
  const at = headings[headingIndex];
  if (at === undefined)
    return headingIndex === 0
      ? `## This week\n\n${lines.join('\n')}\n\n${body}`
      : `${body.replace(/\s+$/, '')}\n\n${lines.join('\n')}\n`;
  const end = headings[headingIndex + 1] ?? rows.length;
  const placeholder = rows.findIndex((r, i) => i > at && i < end && /^\s*-\s*(\[ \]\s*)?$/.test(r));
  if (placeholder >= 0) rows.splice(placeholder, 1, ...lines);
  else rows.splice(at + 1, 0, '', ...lines);
  return rows.join('\n');
}

/**
 * Starts this week's review: a `weekly` journal entry from its template, the figures under the
 * template's first heading and the planned tasks still open under its last one. An existing review
 * of the week is returned instead of a second one.
 */
export function startWeekReview(ctx: CoreContext, weekOf?: string): { entryId: string; created: boolean } {
  const r = weekReview(ctx, weekOf);
  if (r.existingEntryId) return { entryId: r.existingEntryId, created: false };
  const today = todayOf(ctx);
  const date = r.to <= today ? r.to : today;
  const entry = createEntry(ctx, { kind: WEEKLY_REVIEW_KIND, date });
  const { done, next } = reviewMarkdown(r);
  let body = fillSection(entry.body, 0, done);
  const headings = body.split('\n').filter((l) => /^##\s/.test(l)).length;
  if (next.length > 0) body = fillSection(body, Math.max(1, headings - 1), next);
  saveEntry(ctx, {
    id: entry.id,
    baseRevision: entry.revision,
    body,
    properties: { ...entry.properties, week: r.week },
    mode: 'save',
  });
  return { entryId: entry.id, created: true };
}
