import { z } from 'zod';
import { method, type MethodMap } from './rpc';

// The comments domain's calls ('comments:verb'), their payload schemas and DTOs: an inbox for the
// anonymous comments of the user's website, with a local spam model that does the first pass and
// learns from the user's decisions.
//
// A comment's `text` is stored verbatim (HTML, scripts and all) and is only ever shown as TEXT.
// `score` is the calibrated probability of spam from the active model (the user's model once they
// have labelled comments, else the shipped base model), null when no model could score it.
// Approve is a `ham` label, spam is a `spam` label; delete is soft and is not a label.

// ---------------------------------------------------------------------------------------------
// Shared shapes
// ---------------------------------------------------------------------------------------------

export const COMMENT_STATUSES = ['new', 'approved', 'spam', 'deleted'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export const COMMENT_LABELS = ['spam', 'ham'] as const;
export type CommentLabel = (typeof COMMENT_LABELS)[number];

/** What the inbox lists: `all` is everything not deleted; `review` the undecided uncertain scores. */
export const COMMENT_VIEWS = ['all', 'new', 'review', 'likely-spam', 'approved', 'spam', 'deleted'] as const;
export type CommentView = (typeof COMMENT_VIEWS)[number];

export const COMMENT_ACTIONS = ['approve', 'spam', 'delete', 'restore', 'reset'] as const;
export type CommentAction = (typeof COMMENT_ACTIONS)[number];

/** Where a score falls against the thresholds: `spam` ≥ spam threshold, `review` in the uncertain band. */
export type ScoreBand = 'spam' | 'review' | 'ok';

/** Largest comments file imported in one go (bigger ones are refused with this limit in the message). */
export const MAX_COMMENTS_IMPORT_BYTES = 256 * 1024 * 1024;
/** Largest text sent inline in a `comments:import` call (bigger files go through `upload` + `blob`). */
export const MAX_COMMENTS_INLINE_CHARS = 24 * 1024 * 1024;

export interface CommentDto {
  id: string;
  /** The id the comment has on the site (the key in a Firebase export), if any. */
  externalId: string | null;
  /** Dedupe namespace: the file name it came from, unless given (`--origin`). */
  origin: string;
  /** The page, thread or post the comment was left on. */
  page: string | null;
  author: string | null;
  /** Verbatim. Render as text only. */
  text: string;
  /** When it was written (ISO, UTC), from the file; null when the file had no usable time. */
  createdAt: string | null;
  importedAt: string;
  status: CommentStatus;
  /** Calibrated P(spam) from the active model; null = not scored (no model). */
  score: number | null;
  /** sha256 of the model that produced `score`. */
  scoreModel: string | null;
  band: ScoreBand | null;
  /** The user's decision (a training label); null when undecided. */
  label: CommentLabel | null;
  labeledAt: string | null;
  /** The comment had no text (kept, flagged). */
  emptyText: boolean;
  /** The watched file it came from, if any. */
  sourceId: string | null;
}

export interface CommentCountsDto {
  all: number;
  new: number;
  review: number;
  'likely-spam': number;
  approved: number;
  spam: number;
  deleted: number;
  /** Comments without a score (the model was unavailable). */
  unscored: number;
}

export interface SpamThresholdsDto {
  /** Scores at or above are likely spam. */
  spam: number;
  /** Scores at or above (and below `spam`) need review. */
  review: number;
  /** `settings` when the user set them, else the model's own defaults. */
  from: 'settings' | 'model' | 'fallback';
}

export interface ConfusionDto {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Figures of one model on some labelled comments (the `folio comments eval` shape). */
export interface SpamEvalFiguresDto {
  precision: number;
  recall: number;
  f1: number;
  /** null when only one class is present (undefined there). */
  rocAuc: number | null;
  confusion: ConfusionDto;
  threshold: number;
  n: number;
}

/**
 * `folio comments eval --json`: the top-level figures are the user's model when the user has
 * labelled comments (it is retrained first when the labels changed), else the base model.
 */
export interface SpamEvalReportDto extends SpamEvalFiguresDto {
  base: SpamEvalFiguresDto;
  user?: SpamEvalFiguresDto;
}

/** Metrics of a model on labels it did not see (retraining's before/after). */
export interface SpamMetricsDto extends SpamEvalFiguresDto {
  positives: number;
  accuracy: number;
  brier: number;
  logLoss: number;
}

export interface ModelRunDto {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  trigger: 'manual' | 'auto' | 'eval' | 'cli';
  state: 'done' | 'failed' | 'cleared';
  error: string | null;
  /** sha256 of the model the run produced (and of the base it started from). */
  modelSha: string | null;
  baseSha: string | null;
  labels: { received: number; used: number; duplicates: number; conflicts: number; spam: number; ham: number };
  /** How the before/after were measured: out of sample (`k-fold`, `holdout`) or, with too few labels, `in-sample`. */
  evaluation: { method: 'k-fold' | 'holdout' | 'in-sample' | 'none'; folds: number; evaluated: number };
  before: SpamMetricsDto | null;
  after: SpamMetricsDto | null;
  elapsedMs: number;
}

export interface SpamModelStatusDto {
  state: 'ready' | 'unavailable' | 'loading' | 'unknown';
  message?: string;
  /** Which model scores comments now. */
  active: 'base' | 'user' | null;
  baseSha: string | null;
  user: { sha256: string; labels: number; trainedAt: string | null } | null;
  thresholds: SpamThresholdsDto;
  labels: { total: number; spam: number; ham: number };
  /** The labels changed since the user model was trained (a retrain is due). */
  stale: boolean;
  retraining: boolean;
  lastRun: ModelRunDto | null;
}

export interface CommentListDto {
  items: CommentDto[];
  /** Comments matching the view and filter (items may be fewer: offset/limit). */
  total: number;
  counts: CommentCountsDto;
  thresholds: SpamThresholdsDto;
  model: SpamModelStatusDto;
}

export interface CommentImportErrorDto {
  /** 0-based position of the record in a JSON file (its order of appearance). */
  index?: number;
  /** Where the record sits in a JSON file, e.g. `comments/-Nx1`. */
  path?: string;
  /** 1-based line in a CSV file. */
  line?: number;
  message: string;
}

export interface CommentImportReportDto {
  /** New comments stored. */
  imported: number;
  /** Records already in the inbox (same id, or same content without an id): skipped. */
  duplicates: number;
  /** Records whose id was known but whose content changed: updated in place. */
  updated: number;
  /** Records that could not be read (at most 100 listed; `errorCount` has them all). */
  errors: CommentImportErrorDto[];
  errorCount: number;
  /** Comments scored by the spam model in this import (0 when it is unavailable: see `note`). */
  scored: number;
  /** Records seen in the file. */
  total: number;
  /** Comments kept with empty text (flagged). */
  emptyText: number;
  /** Comments that came with a label column and were filed as approved/spam. */
  labelled: number;
  format: 'firebase-json' | 'json-array' | 'jsonl' | 'csv';
  origin: string;
  /** e.g. why nothing was scored. */
  note?: string;
}

export interface CommentSourceDto {
  id: string;
  path: string;
  origin: string;
  format: 'auto' | 'json' | 'csv';
  csv: CsvColumnOptions | null;
  active: boolean;
  /** True while this process watches it (the app and serve mode; not the CLI). */
  watching: boolean;
  createdAt: string;
  lastImportAt: string | null;
  lastReport: CommentImportReportDto | null;
  lastError: string | null;
}

export interface CommentExplanationDto {
  id: string;
  score: number | null;
  probability: number;
  logit: number;
  intercept: number;
  model: 'base' | 'user';
  /** The features that weighed most: positive weights push towards spam. */
  features: { key: string; name: string; weight: number }[];
  /** The most similar comments the user has labelled. */
  neighbours: { id: string; text: string; label: CommentLabel; similarity: number; author: string | null; page: string | null }[];
}

export interface CommentDecisionDto {
  changed: number;
  /** The state before the change, for undo (`comments:revert`). */
  previous: CommentStateDto[];
}

export interface CommentStateDto {
  id: string;
  status: CommentStatus;
  label: CommentLabel | null;
  labeledAt: string | null;
}

export interface CommentExportDto {
  count: number;
  /** The file written, when one was given. */
  file: string | null;
  /** The JSON text, when no file was given (the UI downloads it). */
  json: string | null;
}

// ---------------------------------------------------------------------------------------------
// Payloads
// ---------------------------------------------------------------------------------------------

const columnName = z.string().trim().min(1, 'Name a column').max(200, 'A column name is at most 200 characters');

export const csvColumnOptionsSchema = z.object({
  textColumn: columnName.optional(),
  authorColumn: columnName.optional(),
  pageColumn: columnName.optional(),
  timeColumn: columnName.optional(),
  idColumn: columnName.optional(),
  /** spam/ham, 1/0…: rows with a label are filed as spam/approved and count as the user's labels. */
  labelColumn: columnName.optional(),
  delimiter: z.enum([',', '\t', ';', '|', 'auto']).optional(),
  /** The first row names the columns (default true); without it columns are 1-based numbers. */
  header: z.boolean().optional(),
});
export type CsvColumnOptions = z.output<typeof csvColumnOptionsSchema>;

const sourceFields = {
  file: z.string().trim().min(1, 'Choose a file').max(4096).optional(),
  content: z.string().max(MAX_COMMENTS_INLINE_CHARS, 'This file is too big to send inline: upload it instead').optional(),
  /** sha256 of bytes stored with `upload`. */
  blob: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'Not an uploaded file')
    .optional(),
  /** The file's name (format detection, default origin) when sending content or a blob. */
  name: z.string().trim().max(300).optional(),
  format: z.enum(['auto', 'json', 'csv']).default('auto'),
  origin: z.string().trim().min(1).max(200).optional(),
  csv: csvColumnOptionsSchema.optional(),
};

const oneSource = (p: { file?: string | undefined; content?: string | undefined; blob?: string | undefined }) =>
  [p.file, p.content, p.blob].filter((v) => v !== undefined).length === 1;

const idsSchema = z
  .array(z.string().trim().min(1).max(200), { error: 'Which comments?' })
  .min(1, 'Choose at least one comment')
  .max(100_000, 'At most 100,000 comments at once');

const commentId = z.string({ error: 'Which comment?' }).trim().min(1, 'Which comment?').max(200, 'Not a comment id');

const threshold = z
  .number('A threshold is a number from 0 to 1')
  .min(0, 'A threshold is at least 0')
  .max(1, 'A threshold is at most 1');

export const commentsContract = {
  /** Import from a JSON (Firebase export, flat array, JSON lines) or CSV file, its text, or an uploaded blob. */
  'comments:import': method(
    z.object(sourceFields).refine(oneSource, { message: 'Give exactly one of file, content or blob', path: ['file'] }),
  ).returns<CommentImportReportDto>(),

  'comments:list': method(
    z.object({
      view: z.enum(COMMENT_VIEWS).default('all'),
      /** Words to find in the text, author or page. */
      query: z.string().max(500).optional(),
      page: z.string().max(2000).optional(),
      sort: z.enum(['newest', 'oldest', 'score', 'score-asc']).default('newest'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(5000).default(200),
    }),
  ).returns<CommentListDto>(),

  'comments:get': method(z.object({ id: commentId })).returns<CommentDto>(),

  /** Approve (ham label), spam (spam label), delete (soft, keeps the label), restore (undelete), reset (undecided). */
  'comments:decide': method(
    z.object({ ids: idsSchema, action: z.enum(COMMENT_ACTIONS, { error: `An action is one of ${COMMENT_ACTIONS.join(', ')}` }) }),
  ).returns<CommentDecisionDto>(),

  /** Undo: puts comments back in the states `comments:decide` answered as `previous`. */
  'comments:revert': method(
    z.object({
      items: z
        .array(
          z.object({
            id: commentId,
            status: z.enum(COMMENT_STATUSES),
            label: z.enum(COMMENT_LABELS).nullable(),
            labeledAt: z.string().max(40).nullable(),
          }),
        )
        .min(1)
        .max(100_000),
    }),
  ).returns<{ changed: number }>(),

  /** One decision by id or by the comment's id on the site (`folio comments label ID spam|ham`). */
  'comments:label': method(
    z.object({ id: commentId, label: z.enum(COMMENT_LABELS, { error: 'A label is spam or ham' }) }),
  ).returns<CommentDto>(),

  'comments:explain': method(
    z.object({ id: commentId, top: z.number().int().min(1).max(30).default(8) }),
  ).returns<CommentExplanationDto>(),

  /** Learn from every label so far, starting from the base model (in a worker); stores and answers the run. */
  'comments:retrain': method(z.object({ trigger: z.enum(['manual', 'cli']).default('manual') })).returns<ModelRunDto>(),

  'comments:runs': method(z.object({ limit: z.number().int().min(1).max(200).default(20) })).returns<ModelRunDto[]>(),

  /** The spam model's state; `load` starts loading it if nobody has yet. */
  'comments:model': method(z.object({ load: z.boolean().default(true) })).returns<SpamModelStatusDto>(),

  /** Precision, recall, f1, ROC AUC and confusion on a labelled CSV, for the base and the user's model. */
  'comments:eval': method(
    z
      .object({
        file: z.string().trim().min(1).max(4096).optional(),
        content: z.string().max(MAX_COMMENTS_INLINE_CHARS).optional(),
        textColumn: columnName,
        labelColumn: columnName,
        threshold: threshold.optional(),
        header: z.boolean().default(true),
        delimiter: z.enum([',', '\t', ';', '|', 'auto']).default('auto'),
        /** Rows whose label cannot be read are skipped (and counted) instead of failing the run. */
        skipInvalid: z.boolean().default(false),
      })
      .refine((p) => (p.file === undefined) !== (p.content === undefined), {
        message: 'Give a file or its content',
        path: ['file'],
      }),
  ).returns<SpamEvalReportDto & { skipped?: { line: number; message: string }[] }>(),

  /** The approved comments (or another status) as JSON for the site, keyed by the comment's id there. */
  'comments:export': method(
    z.object({
      file: z.string().trim().min(1).max(4096).optional(),
      status: z.enum(['approved', 'spam', 'new', 'all']).default('approved'),
    }),
  ).returns<CommentExportDto>(),

  /** Watch a file: import it now and whenever it changes (while the app or serve mode runs). */
  'comments:watch': method(
    z.object({
      path: z.string().trim().min(1, 'Choose a file to watch').max(4096),
      format: z.enum(['auto', 'json', 'csv']).default('auto'),
      origin: z.string().trim().min(1).max(200).optional(),
      csv: csvColumnOptionsSchema.optional(),
    }),
  ).returns<{ source: CommentSourceDto; report: CommentImportReportDto | null }>(),

  'comments:unwatch': method(z.object({ id: z.string().trim().min(1).max(64) })).returns<{ removed: boolean }>(),

  'comments:sources': method(z.object({})).returns<CommentSourceDto[]>(),
} satisfies MethodMap;

/** What changed: `imported` new or edited comments (and labels that came with them), `decided` a decision or its undo. */
export type CommentChangeAction = 'imported' | 'decided';

export interface CommentsEvents {
  /**
   * Comments were written (emitted synchronously after the write commits; the search index listens).
   * A big import sends several events of at most 1,000 ids each.
   */
  'comments:changed': { ids: string[]; action: CommentChangeAction };
  /** A watched file was imported again (or failed to). */
  'comments:imported': { sourceId: string | null; report: CommentImportReportDto | null; error?: string };
  /** A retraining run finished. */
  'comments:retrained': ModelRunDto;
}
