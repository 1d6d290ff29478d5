import type { FolioApi } from '@folio/core/contract';
import { navigate } from '../shell/router';
import { localOffsetMinutes, localToday } from './format';

/** Creates an entry of `kind` (from its template, or `templateId`) dated today, and opens it. */
export async function createAndOpen(api: FolioApi, kind: string, templateId?: string): Promise<void> {
  if (kind === 'daily' && !templateId) {
    navigate('/today');
    return;
  }
  const e = await api.call('journal:create', {
    kind,
    ...(templateId ? { templateId } : {}),
    date: localToday(),
    tzOffsetMinutes: localOffsetMinutes(),
  });
  navigate(`/journal/${e.id}`);
}
