import {
  defaultSortOrder,
  libraryMatcher,
  paperHaystack,
  sortPapers,
  type PaperSort,
  type PaperStatus,
  type PaperSummaryDto,
} from '@folio/core/contract';

// The library table filters client-side over the loaded library: haystacks are built once per load,
// so each keystroke is a substring scan over ~2,000 strings (well under a frame; see bench/papers).

export interface LibraryIndex {
  items: readonly PaperSummaryDto[];
  haystacks: readonly string[];
}

export function buildLibraryIndex(items: readonly PaperSummaryDto[]): LibraryIndex {
  return { items, haystacks: items.map(paperHaystack) };
}

export interface LibraryFilter {
  q: string;
  status: PaperStatus | 'all';
  collectionId: string | null;
  tag: string | null;
  kind: PaperSummaryDto['kind'] | null;
  sort: PaperSort;
  order: 'asc' | 'desc' | undefined;
}

/** Newest, most recent, most advanced first; names A to Z. */
export const defaultOrder: (sort: PaperSort) => 'asc' | 'desc' = defaultSortOrder;

function tagMatches(tags: readonly string[], wanted: string): boolean {
  const w = wanted.toLowerCase();
  return tags.some((t) => {
    const k = t.toLowerCase();
    return k === w || k.startsWith(`${w}/`);
  });
}

/** Items passing every filter, sorted. */
export function filterLibrary(index: LibraryIndex, f: LibraryFilter): PaperSummaryDto[] {
  const match = libraryMatcher(f.q);
  const out: PaperSummaryDto[] = [];
  const { items, haystacks } = index;
  for (let i = 0; i < items.length; i++) {
    const p = items[i]!;
    if (f.status !== 'all' && p.status !== f.status) continue;
    if (f.kind && p.kind !== f.kind) continue;
    if (f.collectionId && !p.collectionIds.includes(f.collectionId)) continue;
    if (f.tag && !tagMatches(p.tags, f.tag)) continue;
    if (match && !match(haystacks[i]!)) continue;
    out.push(p);
  }
  return f.sort !== 'added' || f.order === 'asc' ? sortPapers(out, f.sort, f.order) : out;
}

/** Counts per status (for the tabs), within the other filters but ignoring the status one. */
export function statusCounts(
  index: LibraryIndex,
  f: Omit<LibraryFilter, 'status' | 'sort' | 'order'>,
): Record<PaperStatus | 'all', number> {
  const counts: Record<PaperStatus | 'all', number> = {
    all: 0,
    queued: 0,
    reading: 0,
    skimmed: 0,
    read: 0,
    abandoned: 0,
    rereading: 0,
  };
  const match = libraryMatcher(f.q);
  for (let i = 0; i < index.items.length; i++) {
    const p = index.items[i]!;
    if (f.kind && p.kind !== f.kind) continue;
    if (f.collectionId && !p.collectionIds.includes(f.collectionId)) continue;
    if (f.tag && !tagMatches(p.tags, f.tag)) continue;
    if (match && !match(index.haystacks[i]!)) continue;
    counts.all++;
    counts[p.status]++;
  }
  return counts;
}

/** Tags by how many items carry them (the sidebar's tag list). */
export function tagCounts(items: readonly PaperSummaryDto[]): { tag: string; count: number }[] {
  const m = new Map<string, { tag: string; count: number }>();
  for (const p of items) {
    for (const t of p.tags) {
      const k = t.toLowerCase();
      const e = m.get(k);
      if (e) e.count++;
      else m.set(k, { tag: t, count: 1 });
    }
  }
  return [...m.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

/**
 * Authors typed in a form: one per line or separated by ";". A single line with commas is split on them
 * only when every part looks like a full name ("Ashish Vaswani, Noam Shazeer"), so "Vaswani, Ashish" stays one.
 */
export function parseAuthorsInput(text: string): string[] {
  const parts = text
    .split(/[\n;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 1 && parts[0]!.includes(',')) {
    const byComma = parts[0]!.split(/\s*,\s*(?:and\s+)?/).filter(Boolean);
    if (byComma.length > 1 && byComma.every((n) => /\S\s+\S/.test(n))) return byComma;
  }
  return parts;
}

export function parseTagsInput(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((t) => t.replace(/^#/, '').trim())
    .filter(Boolean);
}
