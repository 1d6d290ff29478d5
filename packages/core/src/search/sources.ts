// Where indexed items come from. Search reads the other domains only through their index.ts; each
// source turns one of their items into a SourceDoc (metadata + a hash of the source fields + how to
// derive the plain text and passages, done only when the hash changed).
import type { CoreContext } from '../app/context';
import type { SearchKind } from '../contract/search';
import { getEntry, iterateAllEntries, listEntries } from '../journal';
import { deriveMarkdown, sha1, type DerivedText } from './chunking';
import { propertiesToText } from './text';

/** Bump when the derived text or passages change shape: every item is re-derived (vectors of unchanged passages are kept). */
export const DERIVE_VERSION = 1;

export interface SourceDoc {
  kind: SearchKind;
  refId: string;
  subkind: string | null;
  paperId: string | null;
  page: number | null;
  title: string;
  date: string | null;
  tags: string[];
  isPublic: boolean;
  /** Property values and tags as one searchable text. */
  props: string;
  sourceHash: string;
  derive(): DerivedText;
}

export interface Source {
  kind: SearchKind;
  /** The item as it should be indexed, or null when it is gone (deleted, trashed, unknown). */
  load(ctx: CoreContext, refId: string): SourceDoc | null;
  /** Every live item (for the index check); read in batches, safe to pause between items. */
  iterate(ctx: CoreContext): Iterable<SourceDoc>;
  /** How many live items there are (cheap), to notice an index that drifted. */
  count(ctx: CoreContext): number;
}

export function hashOf(parts: unknown[]): string {
  return sha1(JSON.stringify([DERIVE_VERSION, ...parts]));
}

type EntryLike = NonNullable<ReturnType<typeof getEntry>>;

function entryDoc(e: EntryLike): SourceDoc {
  return {
    kind: 'entry',
    refId: e.id,
    subkind: e.kind,
    paperId: null,
    page: null,
    title: e.title,
    date: e.date,
    tags: e.tags,
    isPublic: e.isPublic,
    props: propertiesToText(e.properties, e.tags),
    sourceHash: hashOf([e.title, e.body, e.properties, e.tags, e.date, e.kind, e.isPublic]),
    derive: () => deriveMarkdown(e.body),
  };
}

export const journalSource: Source = {
  kind: 'entry',
  load(ctx, refId) {
    const e = getEntry(ctx, refId);
    return e && !e.deletedAt ? entryDoc(e) : null;
  },
  *iterate(ctx) {
    for (const e of iterateAllEntries(ctx)) yield entryDoc(e);
  },
  count(ctx) {
    return listEntries(ctx, { limit: 1 }).total;
  },
};
