import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FolioError, type ImportResultDto } from '@folio/core';
import type { Backend } from './create-backend';

function ymd(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function dayOffset(today: Date, days: number): Date {
  return new Date(today.getFullYear(), today.getMonth(), today.getDate() + days, 12);
}

/** ISO 8601 week (`2026-W47`) and its Monday. */
function isoWeek(d: Date): { label: string; monday: Date } {
  const day = (d.getDay() + 6) % 7; // Monday = 0
  const monday = new Date(d.getFullYear(), d.getMonth(), d.getDate() - day, 12);
  const thursday = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 3, 12);
  // The week's Thursday decides its year; its day of the year decides the number.
  const dayOfYear = Math.round((thursday.getTime() - new Date(thursday.getFullYear(), 0, 1, 12).getTime()) / 86_400_000);
  const week = 1 + Math.floor(dayOfYear / 7);
  return { label: `${thursday.getFullYear()}-W${String(week).padStart(2, '0')}`, monday };
}

/** Fills `{{date:-3}}`, `{{week:-7}}`, `{{monday:-7}}` relative to `today` (see resources/demo/journal/README.md). */
export function fillDemoDates(text: string, today: Date): string {
  return text.replace(/\{\{(date|week|monday):(-?\d+)\}\}/g, (_all, what: string, n: string) => {
    const d = dayOffset(today, Number(n));
    if (what === 'date') return ymd(d);
    const w = isoWeek(d);
    return what === 'week' ? w.label : ymd(w.monday);
  });
}

/**
 * The demo journal: resources/demo/journal/vault (an Obsidian-style folder written for the demo: three
 * weeks of daily notes, posts public and private, weekly reviews, a meeting, a paper note, Chinese
 * entries, tags, wikilinks, an image) with its relative dates filled in for today, imported through
 * `io:import` exactly as a user's vault is.
 */
export async function seedDemoJournal(
  backend: Backend,
  resourcesDir: string,
  today = new Date(),
): Promise<Record<string, number>> {
  const source = path.join(resourcesDir, 'demo', 'journal', 'vault');
  if (!fs.existsSync(source)) return {};
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-demo-journal-'));
  const target = path.join(tmp, 'journal');
  try {
    const copy = (from: string, to: string) => {
      fs.mkdirSync(to, { recursive: true });
      for (const d of fs.readdirSync(from, { withFileTypes: true })) {
        const src = path.join(from, d.name);
        if (d.isDirectory()) {
          copy(src, path.join(to, d.name));
          continue;
        }
        // Daily notes are named by their date, as in an Obsidian vault: Daily/day-03.md -> Daily/<3 days ago>.md
        const daily = /^day-(\d+)\.md$/.exec(d.name);
        const name = daily ? `${ymd(dayOffset(today, -Number(daily[1])))}.md` : d.name;
        if (d.name.endsWith('.md')) fs.writeFileSync(path.join(to, name), fillDemoDates(fs.readFileSync(src, 'utf8'), today));
        else fs.copyFileSync(src, path.join(to, name));
      }
    };
    copy(source, target);
    const r = await backend.dispatch('io:import', { paths: [target] });
    if (!r.ok) throw FolioError.from(r.error);
    const result = r.value as ImportResultDto;
    const problems = result.issues.filter((i) => i.severity === 'error');
    if (problems.length) console.warn(`[folio] demo journal: ${problems.map((p) => `${p.path}: ${p.reason}`).join('; ')}`);
    return { 'journal entries': result.created + result.updated };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
