import { paperLinkRoute, type FolioApi } from '@folio/core/contract';
import { navigate } from '../shell/router';

/** Same normalisation as the backend's titleKey: case-folded, `.md` dropped, spaces collapsed. */
export function titleKey(title: string): string {
  return title.normalize('NFC').replace(/\.md$/i, '').replace(/\s+/g, ' ').trim().toLocaleLowerCase();
}

/**
 * Follows a [[link]]: to the entry or paper with that title, or (like a wiki) to a new note with that
 * title when nothing has it yet.
 */
export async function openWikilink(api: FolioApi, target: string): Promise<void> {
  const base = target.includes('/') ? target.slice(target.lastIndexOf('/') + 1) : target;
  const hits = await api.call('journal:titles', { query: base, limit: 20 });
  const key = titleKey(target);
  const hit = hits.find((h) => titleKey(h.title) === key) ?? hits.find((h) => titleKey(h.title) === titleKey(base));
  if (hit) {
    navigate(hit.kind === 'paper' ? `/papers/${hit.id}` : `/journal/${hit.id}`);
    return;
  }
  const created = await api.call('journal:create', {
    kind: 'note',
    title: base.trim(),
    tzOffsetMinutes: -new Date().getTimezoneOffset(),
  });
  navigate(`/journal/${created.id}`);
}

export function openUrl(url: string): void {
  // Links a paper note makes back into the reader (folio://paper/<id>?page=N).
  const paper = paperLinkRoute(url);
  if (paper) {
    navigate(paper);
    return;
  }
  // Electron opens external links in the system browser; a browser opens a new tab.
  if (/^(https?|mailto):/i.test(url)) window.open(url, '_blank', 'noopener,noreferrer');
}
