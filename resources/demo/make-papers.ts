// Generates the demo library's PDFs (resources/demo/papers/*.pdf) and their manifest (papers.json) with
// highlights placed on real lines of text. Run from the repository: `npx tsx resources/demo/make-papers.ts`.
// The papers are made up (titles, names and sentences from the test corpus), never real ones.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPdf } from '../../packages/core/src/papers/pdf';
import { makePaperPdf, type MakePaperOptions } from '../../packages/core/src/papers/testing';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'papers');

interface DemoHighlight {
  page: number;
  rects: [number, number, number, number][];
  text: string;
  color: string;
  comment: string;
  daysAgo: number;
}

interface DemoPaper {
  file: string;
  status: 'queued' | 'reading' | 'skimmed' | 'read' | 'abandoned' | 'rereading';
  tags: string[];
  source?: string;
  via?: string;
  /** Days ago it was added / finished, minutes read. */
  addedDaysAgo: number;
  finishedDaysAgo?: number;
  readingMinutes: number[];
  highlights: DemoHighlight[];
  note?: { page: number; point: [number, number]; text: string };
}

const SPECS: (MakePaperOptions & {
  file: string;
  meta: Omit<DemoPaper, 'file' | 'highlights' | 'note'>;
  marks: { page: number; line: number; color: string; comment: string }[];
  note?: DemoPaper['note'];
})[] = [
  {
    file: 'sparse-retrieval-lab-notebooks.pdf',
    title: 'Sparse Retrieval over Handwritten Lab Notebooks',
    authors: [
      { name: 'Maria Okafor', affiliations: [1] },
      { name: 'Tomás Silva', affiliations: [2] },
    ],
    affiliations: ['Department of Computer Science, University of Northfield', 'Eastbrook Institute of Technology'],
    arxiv: { id: '2403.01234', version: 2, category: 'cs.IR', date: '12 Mar 2024' },
    pages: 6,
    columns: 2,
    outline: true,
    seed: 41,
    meta: {
      status: 'read',
      tags: ['retrieval', 'notebooks'],
      source: 'Reading group',
      addedDaysAgo: 20,
      finishedDaysAgo: 3,
      readingMinutes: [25, 18, 32],
    },
    marks: [
      { page: 1, line: 14, color: 'yellow', comment: 'The core claim: sparse beats dense on noisy OCR.' },
      { page: 2, line: 8, color: 'green', comment: '' },
      { page: 3, line: 11, color: 'red', comment: 'How would this scale to a whole lab archive?' },
    ],
    note: { page: 4, point: [380, 700], text: 'Compare with last week’s dense baseline.' },
  },
  {
    file: 'incremental-indexing.pdf',
    title: 'Incremental Indexing for Personal Knowledge Bases',
    authors: ['Zoë Müller', 'Pieter van der Berg', 'Hana Kobayashi'],
    arxiv: { id: '2311.04567', version: 1, category: 'cs.DB', date: '8 Nov 2023' },
    pages: 5,
    outline: true,
    seed: 42,
    meta: { status: 'reading', tags: ['indexing'], via: 'Priya', addedDaysAgo: 6, readingMinutes: [14, 22] },
    marks: [
      { page: 1, line: 16, color: 'blue', comment: 'Definition of an "edit window".' },
      { page: 2, line: 5, color: 'yellow', comment: '' },
    ],
  },
  {
    file: 'calibrated-reading-queues.pdf',
    title: 'Calibrated Reading Queues: Predicting What You Will Finish',
    authors: ['Amara Nwosu', 'Lukas Becker'],
    banner: 'Published as a workshop paper at FOLIOCONF 2025',
    doi: '10.5555/folio.2025.0007',
    pages: 4,
    seed: 43,
    meta: {
      status: 'queued',
      tags: ['reading', 'productivity'],
      source: 'The Batch newsletter',
      addedDaysAgo: 2,
      readingMinutes: [],
    },
    marks: [],
  },
  {
    file: 'collaborative-annotation.pdf',
    title: 'Field Notes on Collaborative Annotation',
    authors: ['Wei Zhang', 'Sofia Rossi', 'Daniel Kim', 'Aisha Rahman'],
    arxiv: { id: '2209.07890', version: 3, category: 'cs.HC', date: '2 Feb 2023' },
    pages: 4,
    columns: 2,
    seed: 44,
    meta: { status: 'skimmed', tags: ['annotation', 'hci'], addedDaysAgo: 12, readingMinutes: [9] },
    marks: [{ page: 2, line: 6, color: 'purple', comment: 'Related to the Okafor paper.' }],
  },
];

async function lineHighlights(bytes: Uint8Array, marks: (typeof SPECS)[number]['marks']): Promise<DemoHighlight[]> {
  const doc = await openPdf(bytes, { fileName: 'demo.pdf' });
  try {
    const out: DemoHighlight[] = [];
    for (const [i, m] of marks.entries()) {
      const { runs, height } = await doc.pageRuns(m.page - 1);
      // Body lines: horizontal runs of some length, in reading order.
      const lines = runs.filter((r) => Math.abs(r.angle) < 1 && r.text.trim().length > 30 && r.size < 12);
      const run = lines[Math.min(m.line, lines.length - 1)];
      if (!run) continue;
      const base = height - run.y;
      const r = (v: number) => Math.round(v * 100) / 100;
      out.push({
        page: m.page,
        rects: [[r(run.x), r(base - run.size * 0.22), r(run.x + run.width), r(base + run.size * 0.82)]],
        text: run.text.trim(),
        color: m.color,
        comment: m.comment,
        daysAgo: Math.max(0, 5 - i * 2),
      });
    }
    return out;
  } finally {
    await doc.close();
  }
}

fs.mkdirSync(out, { recursive: true });
const manifest: DemoPaper[] = [];
for (const spec of SPECS) {
  const { file, meta, marks, note, ...opts } = spec;
  const paper = await makePaperPdf(opts);
  fs.writeFileSync(path.join(out, file), paper.bytes);
  manifest.push({ file, ...meta, highlights: await lineHighlights(paper.bytes, marks), ...(note ? { note } : {}) });
  console.log(`${file}: ${(paper.bytes.length / 1024).toFixed(1)} KB`);
}
fs.writeFileSync(path.join(out, 'papers.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`wrote ${manifest.length} papers to ${out}`);
