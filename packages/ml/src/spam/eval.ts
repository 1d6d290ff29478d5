/**
 * The engine behind `folio comments eval FILE.csv --text-column C --label-column L --json`: score a
 * labelled file with the base model and, when there is one, the model that learned from the user's
 * labels, and report precision, recall, f1, rocAuc and the confusion matrix for each.
 *
 * The CLI parses the CSV (packages/core/src/io/csv.ts) and passes the cells here with their line
 * numbers, so label errors name the line of the file.
 */
import { evaluate, parseLabel, precisionAtRecall, type Confusion, type Label } from './metrics';
import type { SpamModel } from './model';

export interface CommentEvalInput {
  text: string;
  /** Raw label cell: spam/ham, 1/0, true/false, yes/no (any case). */
  label: string;
  /** 1-based line in the file, for error messages. */
  line?: number;
}

export interface ModelEvalFigures {
  /** sha256 of the model that produced these figures. */
  model: string;
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  rocAuc: number | null;
  confusion: Confusion;
  /** Best precision at recall >= 0.85, and the threshold that gives it (null if unreachable). */
  precisionAtRecall85: number | null;
  thresholdAtRecall85: number | null;
  brier: number;
  msPerComment: number;
}

export interface CommentEvalReport extends ModelEvalFigures {
  /** Which model the top-level figures describe: the user's model when given, else the base. */
  scoredWith: 'user' | 'base';
  n: number;
  spam: number;
  ham: number;
  base: ModelEvalFigures;
  user: ModelEvalFigures | null;
}

async function figures(model: SpamModel, texts: string[], labels: Label[], threshold: number): Promise<ModelEvalFigures> {
  const t0 = performance.now();
  const scores = await model.score(texts);
  const ms = performance.now() - t0;
  const m = evaluate(labels, scores, threshold);
  const at = precisionAtRecall(labels, scores, 0.85);
  return {
    model: model.info.sha256,
    threshold,
    precision: m.precision,
    recall: m.recall,
    f1: m.f1,
    accuracy: m.accuracy,
    rocAuc: m.rocAuc,
    confusion: m.confusion,
    precisionAtRecall85: at ? at.precision : null,
    thresholdAtRecall85: at ? at.threshold : null,
    brier: m.brier,
    msPerComment: texts.length > 0 ? ms / texts.length : 0,
  };
}

/**
 * Evaluate labelled comments. Throws LabelParseError (with the line) on an unknown label and a
 * RangeError on an empty file. The threshold defaults to each model's own spam threshold.
 */
export async function evaluateLabelledComments(
  rows: readonly CommentEvalInput[],
  models: { base: SpamModel; user?: SpamModel | null },
  options: { threshold?: number } = {},
): Promise<CommentEvalReport> {
  if (rows.length === 0) throw new RangeError('the file has no labelled rows');
  const texts = rows.map((r) => (typeof r.text === 'string' ? r.text : String(r.text ?? '')));
  const labels = rows.map((r, i) => parseLabel(String(r.label ?? ''), r.line ?? i + 2));
  const spam = labels.filter((y) => y === 1).length;
  const base = await figures(models.base, texts, labels, options.threshold ?? models.base.info.thresholds.spam);
  const user = models.user
    ? await figures(models.user, texts, labels, options.threshold ?? models.user.info.thresholds.spam)
    : null;
  return { scoredWith: user ? 'user' : 'base', ...(user ?? base), n: rows.length, spam, ham: rows.length - spam, base, user };
}
