import type { SearchKind, SearchResultDto, SearchWhyDto } from '@folio/core/contract';

/** Where a result opens. Annotations open their paper at their page. */
export function resultHref(r: { kind: SearchKind; id: string; paperId?: string; page?: number }): string {
  switch (r.kind) {
    case 'entry':
      return `/journal/${encodeURIComponent(r.id)}`;
    case 'paper':
      return `/papers/${encodeURIComponent(r.id)}${r.page ? `?page=${r.page}` : ''}`;
    case 'annotation':
      return `/papers/${encodeURIComponent(r.paperId ?? '')}?${r.page ? `page=${r.page}&` : ''}annotation=${encodeURIComponent(r.id)}`;
    case 'comment':
      return `/inbox?comment=${encodeURIComponent(r.id)}`;
  }
}

const SUBKIND_LABELS: Record<string, string> = { highlight: 'Highlight', area: 'Region', note: 'Note' };

export function kindLabel(r: { kind: SearchKind; subkind?: string | null }): string {
  if (r.kind === 'annotation') return SUBKIND_LABELS[r.subkind ?? ''] ?? 'Annotation';
  return { entry: 'Entry', paper: 'Paper', comment: 'Comment' }[r.kind];
}

export const KIND_FILTERS: { kind: SearchKind; label: string }[] = [
  { kind: 'entry', label: 'Entries' },
  { kind: 'paper', label: 'Papers' },
  { kind: 'annotation', label: 'Highlights' },
  { kind: 'comment', label: 'Comments' },
];

function list(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** One line saying why a result is there ("Words in the title and text · close in meaning 0.71"). */
export function whyText(why: SearchWhyDto): string {
  const parts: string[] = [];
  if (why.fts) {
    const fields = why.fts.matchedFields.map((f) => (f === 'body' ? 'text' : f === 'tags' ? 'tags or properties' : 'title'));
    parts.push(`${why.fts.partial ? 'Some of the words' : 'Words'} in the ${list(fields.length ? fields : ['text'])}`);
  }
  if (why.vector) {
    const where = why.vector.heading ? ` (“${why.vector.heading}”)` : why.vector.page ? ` (page ${why.vector.page})` : '';
    parts.push(`${why.fts ? 'close' : 'Close'} in meaning${where}, ${why.vector.similarity.toFixed(2)}`);
  }
  return parts.join(' · ');
}

export function resultMeta(r: SearchResultDto): string {
  return [r.date ?? '', r.page ? `page ${r.page}` : '', r.tags.length ? r.tags.map((t) => `#${t}`).join(' ') : '']
    .filter(Boolean)
    .join(' · ');
}
