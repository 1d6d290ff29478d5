import { eq } from 'drizzle-orm';
import { FolioError, type FieldIssue } from '../contract/errors';
import { settingsDefaults, settingsSchemas, type Settings, type SettingsKey } from '../contract/system';
import type { Db } from '../db/client';
import { settings } from './schema';

export function readSettings(db: Db): Settings {
  const out: Record<string, unknown> = { ...settingsDefaults };
  for (const row of db.select().from(settings).all()) {
    if (!(row.key in settingsSchemas)) continue;
    const parsed = settingsSchemas[row.key as SettingsKey].safeParse(row.value);
    if (parsed.success) out[row.key] = parsed.data;
  }
  return out as Settings;
}

export function readSetting<K extends SettingsKey>(db: Db, key: K): Settings[K] {
  const row = db.select().from(settings).where(eq(settings.key, key)).get();
  if (!row) return settingsDefaults[key];
  const parsed = settingsSchemas[key].safeParse(row.value);
  return (parsed.success ? parsed.data : settingsDefaults[key]) as Settings[K];
}

/** Validates every key first; writes all or nothing. */
export function writeSettings(db: Db, values: Record<string, unknown>): Partial<Settings> {
  const issues: FieldIssue[] = [];
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (!(key in settingsSchemas)) {
      issues.push({ path: key, message: `Unknown setting "${key}"` });
      continue;
    }
    const parsed = settingsSchemas[key as SettingsKey].safeParse(value);
    if (!parsed.success) issues.push({ path: key, message: parsed.error.issues[0]?.message ?? 'Invalid value' });
    else clean[key] = parsed.data;
  }
  if (issues.length > 0) {
    throw new FolioError('bad_request', `Invalid setting: ${issues[0]!.path}: ${issues[0]!.message}`, { issues });
  }
  db.transaction((tx) => {
    for (const [key, value] of Object.entries(clean)) {
      tx.insert(settings)
        .values({ key, value })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date().toISOString() } })
        .run();
    }
  });
  return clean as Partial<Settings>;
}
