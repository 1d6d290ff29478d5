/**
 * Test support: a small model trained on the train split of the repository's hand-written comment
 * set only (no SpamAssassin), so tests get a real model in about a second.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvColumnIndex, parseCsv } from '../../../core/src/io/csv';
import { trainBaseModel } from './build';
import { COMMENTS_HELDOUT_PERCENT, commentExamples, splitExamples, type CorpusExample } from './data';
import { parseLabel } from './metrics';
import type { SpamWeights } from './weights';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const COMMENTS_CSV = path.join(REPO_ROOT, 'bench', 'data', 'comments', 'comments-labelled.csv');

export function commentSplits(): { train: CorpusExample[]; heldOut: CorpusExample[] } {
  const csv = parseCsv(fs.readFileSync(COMMENTS_CSV, 'utf8'));
  const text = csvColumnIndex(csv.header, 'text');
  const label = csvColumnIndex(csv.header, 'label');
  const rows = csv.rows.map((r, i) => ({ text: r[text]!, label: parseLabel(r[label]!, csv.lines[i]) }));
  return splitExamples(commentExamples(rows), COMMENTS_HELDOUT_PERCENT);
}

let cached: SpamWeights | null = null;

/** A comment-only model (cached per process). */
export function commentOnlyModel(): SpamWeights {
  if (!cached) {
    const { model } = trainBaseModel([], commentSplits().train, { folds: 3 });
    model.bias = Math.fround(model.bias);
    model.platt = { a: Math.fround(model.platt.a), b: Math.fround(model.platt.b) };
    cached = model;
  }
  return cached;
}
