import type BetterSqlite3 from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { FolioError } from '../contract/errors';

/** The table drizzle's migrator uses; we keep its shape so drizzle-kit tooling still understands the file. */
export const MIGRATIONS_TABLE = '__drizzle_migrations';

export interface ShippedMigration {
  tag: string;
  hash: string;
  createdAt: number;
  statements: string[];
}

export interface MigrationPlan {
  shipped: ShippedMigration[];
  applied: { hash: string; createdAt: number }[];
  pending: ShippedMigration[];
}

export function readShippedMigrations(folder: string): ShippedMigration[] {
  let files;
  try {
    files = readMigrationFiles({ migrationsFolder: folder });
  } catch (err) {
    throw new FolioError('internal', `Folio's migrations are missing from ${folder}: ${(err as Error).message}`);
  }
  return files.map((m, i) => ({
    tag: String(i),
    hash: m.hash,
    createdAt: m.folderMillis,
    statements: m.sql.map((s) => s.trim()).filter((s) => s.length > 0),
  }));
}

function readApplied(sqlite: BetterSqlite3.Database): { hash: string; createdAt: number }[] {
  const exists = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(MIGRATIONS_TABLE);
  if (!exists) return [];
  return (
    sqlite.prepare(`SELECT hash, created_at AS createdAt FROM "${MIGRATIONS_TABLE}" ORDER BY created_at`).all() as {
      hash: string;
      createdAt: number | string;
    }[]
  ).map((r) => ({ hash: r.hash, createdAt: Number(r.createdAt) }));
}

/**
 * Compares what the database has applied with what this build ships. A database written by a newer
 * Folio, or whose history differs from ours, is refused before anything touches it.
 */
export function planMigrations(sqlite: BetterSqlite3.Database, folder: string, file: string): MigrationPlan {
  const shipped = readShippedMigrations(folder);
  const applied = readApplied(sqlite);
  const byTime = new Map(shipped.map((m) => [m.createdAt, m]));
  const lastShipped = shipped.at(-1)?.createdAt ?? 0;
  for (const a of applied) {
    const ours = byTime.get(a.createdAt);
    if (!ours) {
      if (a.createdAt > lastShipped) {
        throw new FolioError(
          'db_newer_schema',
          `${file} was written by a newer version of Folio (its schema has migrations this version does not know). ` +
            `Update Folio to open it; the file was not modified.`,
          { file, applied: applied.length, shipped: shipped.length },
        );
      }
      throw new FolioError(
        'db_drift',
        `${file} has a migration this version of Folio never shipped; refusing to open it so nothing is damaged.`,
        { file },
      );
    }
    if (ours.hash !== a.hash) {
      throw new FolioError(
        'db_drift',
        `${file} was migrated with a different version of migration ${ours.tag}; refusing to open it so nothing is damaged.`,
        { file },
      );
    }
  }
  const appliedTimes = new Set(applied.map((a) => a.createdAt));
  const lastApplied = applied.at(-1)?.createdAt ?? -1;
  const pending = shipped.filter((m) => !appliedTimes.has(m.createdAt));
  const outOfOrder = pending.find((m) => m.createdAt < lastApplied);
  if (outOfOrder) {
    throw new FolioError('db_drift', `${file} skipped migration ${outOfOrder.tag}; refusing to open it.`, { file });
  }
  return { shipped, applied, pending };
}

/** Applies pending migrations in one transaction: all or nothing. */
export function applyMigrations(sqlite: BetterSqlite3.Database, pending: ShippedMigration[]): void {
  if (pending.length === 0) return;
  sqlite.exec(`CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
  const record = sqlite.prepare(`INSERT INTO "${MIGRATIONS_TABLE}" ("hash", "created_at") VALUES (?, ?)`);
  sqlite.transaction(() => {
    for (const m of pending) {
      for (const stmt of m.statements) sqlite.exec(stmt);
      record.run(m.hash, m.createdAt);
    }
  })();
}
