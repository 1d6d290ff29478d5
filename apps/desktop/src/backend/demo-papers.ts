import fs from 'node:fs';
import path from 'node:path';
import type { MethodName, Payload, Result } from '@folio/core';
import { addPdfFile, whenTextIdle } from '@folio/core/papers';
import type { Backend } from './create-backend';

interface DemoPaper {
  file: string;
  status: Payload<'papers:set-status'>['status'];
  tags: string[];
  source?: string;
  via?: string;
  addedDaysAgo: number;
  finishedDaysAgo?: number;
  readingMinutes: number[];
  highlights: {
    page: number;
    rects: [number, number, number, number][];
    text: string;
    color: string;
    comment: string;
    daysAgo: number;
  }[];
  note?: { page: number; point: [number, number]; text: string };
}

const LINKS: Payload<'papers:add-item'>[] = [
  {
    kind: 'link',
    title: 'A Visual Guide to Attention in Sequence Models',
    authors: ['Jordan Ellis'],
    url: 'https://example.org/visual-attention-guide',
    source: 'The Batch newsletter',
    via: 'Priya',
    tags: ['attention', 'tutorial'],
  },
  {
    kind: 'book',
    title: 'Reading Research Papers Well',
    authors: ['Helena Marsh'],
    year: 2019,
    publisher: 'Northfield Press',
    via: 'Advisor',
    tags: ['reading'],
  },
];

function isoDaysAgo(days: number, hour = 10): { iso: string; day: string } {
  const d = new Date();
  d.setDate(d.getDate() - days);
  d.setHours(hour, 15, 0, 0);
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { iso: d.toISOString(), day };
}

/**
 * The demo library: four generated papers (resources/demo/papers, made by resources/demo/make-papers.ts)
 * with statuses, highlights and a sticky note, a link and a book. Added through the same functions as
 * `folio papers add` and the UI; afterwards the dates are moved into the past so the reading log,
 * the dashboard and stamps have a few weeks of history to show.
 */
export async function seedDemoPapers(backend: Backend, resourcesDir: string): Promise<Record<string, number>> {
  const dir = path.join(resourcesDir, 'demo', 'papers');
  const manifestFile = path.join(dir, 'papers.json');
  if (!fs.existsSync(manifestFile)) return {};
  const call = async <K extends MethodName>(name: K, payload: Payload<K>): Promise<Result<K>> => {
    const r = await backend.dispatch(name, payload);
    if (!r.ok) throw new Error(`demo: ${name} failed: ${r.error.message}`);
    return r.value as Result<K>;
  };
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as DemoPaper[];
  const db = backend.context.store.sqlite;
  const counts = { papers: 0, highlights: 0 };
  const collection = await call('papers:collection-save', { name: 'Thesis: chapter 2' });

  for (const [i, d] of manifest.entries()) {
    const added = await addPdfFile(backend.context, path.join(dir, d.file), {
      tags: d.tags,
      ...(d.source ? { source: d.source } : {}),
      ...(d.via ? { via: d.via } : {}),
    });
    const id = added.paper.id;
    counts.papers++;
    if (i < 2) await call('papers:collection-items', { collectionId: collection.id, paperIds: [id] });
    for (const h of d.highlights) {
      const a = await call('papers:annotation-create', {
        paperId: id,
        annotation: { kind: 'highlight', page: h.page, rects: h.rects, text: h.text, color: h.color, comment: h.comment },
      });
      db.prepare(`UPDATE paper_annotations SET created_at = ?, updated_at = ?, day = ? WHERE id = ?`).run(
        isoDaysAgo(h.daysAgo).iso,
        isoDaysAgo(h.daysAgo).iso,
        isoDaysAgo(h.daysAgo).day,
        a.id,
      );
      counts.highlights++;
    }
    if (d.note)
      await call('papers:annotation-create', {
        paperId: id,
        annotation: { kind: 'note', page: d.note.page, point: d.note.point, text: d.note.text, color: 'orange' },
      });

    // History in the past: added, started, finished; reading sessions on the days between.
    const addedAt = isoDaysAgo(d.addedDaysAgo, 9);
    db.prepare(`UPDATE papers SET added_at = ?, added_day = ?, status_at = ?, updated_at = ? WHERE id = ?`).run(
      addedAt.iso,
      addedAt.day,
      addedAt.iso,
      addedAt.iso,
      id,
    );
    db.prepare(`UPDATE paper_status_changes SET at = ?, day = ? WHERE paper_id = ?`).run(addedAt.iso, addedAt.day, id);
    if (d.status !== 'queued') {
      const startedDaysAgo = Math.max(d.finishedDaysAgo ?? 0, d.addedDaysAgo - 1);
      const started = isoDaysAgo(startedDaysAgo, 20);
      db.prepare(`INSERT INTO paper_status_changes (paper_id, status, at, day) VALUES (?, 'reading', ?, ?)`).run(
        id,
        started.iso,
        started.day,
      );
      let last = started;
      if (d.status !== 'reading') {
        last = isoDaysAgo(d.finishedDaysAgo ?? Math.max(0, startedDaysAgo - 1), 21);
        db.prepare(`INSERT INTO paper_status_changes (paper_id, status, at, day) VALUES (?, ?, ?, ?)`).run(
          id,
          d.status,
          last.iso,
          last.day,
        );
      }
      const pages = added.paper.pageCount ?? 1;
      const seen = d.status === 'read' ? pages : Math.max(1, Math.round(pages * 0.6));
      db.prepare(
        `UPDATE papers SET status = ?, status_at = ?, finished_at = ?, finished_day = ?, max_page_seen = ?, progress = ?, last_opened_at = ?, last_page = ? WHERE id = ?`,
      ).run(
        d.status,
        last.iso,
        d.status === 'read' ? last.iso : null,
        d.status === 'read' ? last.day : null,
        seen,
        d.status === 'read' ? 1 : seen / pages,
        last.iso,
        Math.min(seen, pages),
        id,
      );
      for (let p = 1; p <= seen; p++)
        db.prepare(`INSERT OR IGNORE INTO paper_pages_seen (paper_id, page, first_seen_at) VALUES (?, ?, ?)`).run(
          id,
          p,
          started.iso,
        );
      for (const [k, minutes] of d.readingMinutes.entries()) {
        const at = isoDaysAgo(Math.max(0, startedDaysAgo - k), 20);
        db.prepare(
          `INSERT INTO reading_sessions (session_id, day, paper_id, started_at, ended_at, active_ms) VALUES (?, ?, ?, ?, ?, ?)`,
        ).run(
          `demo-${id}-${k}`,
          at.day,
          id,
          at.iso,
          new Date(Date.parse(at.iso) + minutes * 60_000).toISOString(),
          minutes * 60_000,
        );
      }
    }
  }
  for (const item of LINKS) {
    await call('papers:add-item', item);
    counts.papers++;
  }
  await whenTextIdle(backend.context);
  backend.context.events.emit('data:changed', { domain: 'papers', action: 'demo' });
  return counts;
}
