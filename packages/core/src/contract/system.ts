import { z } from 'zod';
import { DEFAULT_HIGHLIGHT_COLORS, highlightColorsSchema } from './papers';
import { method } from './rpc';

export interface BackupDto {
  /** File name inside the backups folder, e.g. `folio-20261125-101500-daily.db`. */
  name: string;
  file: string;
  createdAt: string;
  sizeBytes: number;
  reason: 'daily' | 'pre-migration' | 'manual' | 'pre-restore' | string;
}

export interface ModelStatus {
  state: 'ready' | 'unavailable' | 'loading';
  message?: string;
  version?: string;
}

export interface SystemInfoDto {
  appVersion: string;
  dataDir: string;
  dbFile: string;
  schema: { applied: number; shipped: number; latest: string | null };
  sqliteVersion: string;
  vecVersion: string | null;
  node: string;
  platform: string;
  models: { embedder: ModelStatus; spam: ModelStatus };
  demo: boolean;
}

export interface SqlResultDto {
  columns: string[];
  rows: unknown[][];
  /** True when more rows existed than `limit`. */
  truncated: boolean;
}

export const themeSchema = z.enum(['system', 'light', 'dark']);

/**
 * Settings are typed key by key. A domain adds its keys here; values are validated on write.
 */
export const settingsSchemas = {
  theme: themeSchema,
  'backups.keep': z.number().int().min(1).max(365),
  'backups.daily': z.boolean(),
  'editor.focusMode': z.boolean(),
  'editor.spellcheck': z.boolean(),
  /** Highlight colours of the PDF reader and what each means to the user (at least 6). */
  'papers.colors': highlightColorsSchema,
  /** The reader shows pages dark (inverted) in the dark theme. */
  'papers.darkPages': z.boolean(),
  /** 0 = Sunday … 6 = Saturday; weeks of the dashboard, habits, stamps and the weekly review. */
  'tracking.weekStartsOn': z
    .number()
    .int('A weekday is 0 (Sunday) to 6 (Saturday)')
    .min(0, 'A weekday is 0 (Sunday) to 6 (Saturday)')
    .max(6, 'A weekday is 0 (Sunday) to 6 (Saturday)'),
  /** Currency the spend ledger offers first (ISO 4217). */
  'tracking.currency': z.string().regex(/^[A-Z]{3}$/, 'A currency is a 3-letter code such as USD'),
  /** Comments scoring at least this P(spam) are likely spam; null = the spam model's own default. */
  'comments.spamThreshold': z
    .number('A threshold is a number from 0.01 to 0.99')
    .min(0.01, 'A threshold is at least 0.01')
    .max(0.99, 'A threshold is at most 0.99')
    .nullable(),
  /** Undecided comments scoring from this up to the spam threshold need review; null = the model's default. */
  'comments.reviewThreshold': z
    .number('A threshold is a number from 0.01 to 0.99')
    .min(0.01, 'A threshold is at least 0.01')
    .max(0.99, 'A threshold is at most 0.99')
    .nullable(),
  /** Retrain the spam model in the background a few seconds after approve/spam decisions. */
  'comments.autoRetrain': z.boolean(),
} as const;

export type SettingsKey = keyof typeof settingsSchemas;
export type Settings = { [K in SettingsKey]: z.output<(typeof settingsSchemas)[K]> };

export const settingsDefaults: Settings = {
  theme: 'system',
  'backups.keep': 10,
  'backups.daily': true,
  'editor.focusMode': false,
  'editor.spellcheck': true,
  'papers.colors': DEFAULT_HIGHLIGHT_COLORS,
  'papers.darkPages': false,
  'tracking.weekStartsOn': 1,
  'tracking.currency': 'USD',
  'comments.spamThreshold': null,
  'comments.reviewThreshold': null,
  'comments.autoRetrain': true,
};

export const systemContract = {
  'system:ping': method(z.object({ echo: z.string().max(1000).optional() })).returns<{ pong: true; echo?: string; at: string }>(),
  'system:info': method(z.object({})).returns<SystemInfoDto>(),
  'system:backup': method(z.object({ file: z.string().min(1).optional() })).returns<BackupDto>(),
  'system:backups': method(z.object({})).returns<BackupDto[]>(),
  'system:restore': method(z.object({ from: z.string().min(1, 'Choose a backup to restore') })).returns<{
    restoredFrom: string;
    safetyBackup: BackupDto | null;
  }>(),
  'system:sql': method(
    z.object({
      sql: z.string().min(1, 'Write a query'),
      params: z
        .array(z.union([z.string(), z.number(), z.null()]))
        .max(100)
        .optional(),
      limit: z.number().int().min(1).max(100_000).default(1000),
    }),
  ).returns<SqlResultDto>(),
  'settings:get': method(z.object({})).returns<Settings>(),
  'settings:set': method(z.object({ values: z.record(z.string(), z.unknown()) })).returns<Settings>(),
};

export interface SystemEvents {
  'system:backup-created': BackupDto;
  'settings:changed': { values: Partial<Settings> };
  /** Something changed in a domain; pages showing it refetch. */
  'data:changed': { domain: string; ids?: string[]; action?: string };
  /** Progress of a background job (indexing, extraction, training). */
  'jobs:progress': {
    job: string;
    label: string;
    done: number;
    total: number;
    state: 'running' | 'done' | 'failed';
    message?: string;
  };
}
