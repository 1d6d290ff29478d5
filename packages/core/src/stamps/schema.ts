// Drizzle tables of the stamps domain.
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Stamp definitions: the shipped starter set (`built_in = 1`) and the user's own. `rule` is the rule
 * DSL as JSON (stamps/engine/rules.ts); `art` is `{type:'pixel', spec}` or `{type:'image', file:<sha256>}`
 * (the image lives in the blob store). Deleting one sets `deleted_at`, so a starter stamp stays gone
 * until "restore starter stamps".
 */
export const stamps = sqliteTable('stamps', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  rule: text('rule').notNull(),
  art: text('art').notNull(),
  /** The custom image's sha256, when `art.type = 'image'`. */
  imageSha: text('image_sha'),
  builtIn: integer('built_in').notNull().default(0),
  sort: integer('sort').notNull().default(0),
  deletedAt: text('deleted_at'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * What the engine knows of each stamp: progress, and once earned the day and the evidence (the days
 * and items that earned it, JSON `{days:[], items:[{type,id,title?}]}`). Earned stamps are never
 * re-evaluated; editing a stamp's rule clears its state.
 */
export const stampStates = sqliteTable(
  'stamp_states',
  {
    stampId: text('stamp_id')
      .primaryKey()
      .references(() => stamps.id, { onDelete: 'cascade' }),
    progress: real('progress').notNull().default(0),
    current: real('current').notNull().default(0),
    target: real('target').notNull().default(0),
    earned: integer('earned').notNull().default(0),
    earnedAt: text('earned_at'),
    evidence: text('evidence').notNull().default('{"days":[],"items":[]}'),
    /** Why the rule can never be met (deleted metric, impossible target), else NULL. */
    broken: text('broken'),
    detail: text('detail').notNull().default(''),
    /** The day (`asOf`) of the evaluation that produced this state. */
    evaluatedAt: text('evaluated_at').notNull(),
    /** When the user saw the celebration (NULL: not yet). */
    seenAt: text('seen_at'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('stamp_states_earned_idx').on(t.earned, t.earnedAt)],
);
