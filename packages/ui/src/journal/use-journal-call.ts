import { useEffect, useRef } from 'react';
import type { MethodName, Payload, Result } from '@folio/core/contract';
import { useCall, useEvent, type CallState } from '../api/ApiContext';

/**
 * `useCall` for journal data shown beside the editor. Autosave changes the journal every second while
 * the writer types; refetching calendars, streaks and backlinks on each of those would compete with
 * the saves. This refetches only for the listed `data:changed` actions (e.g. `kinds`, `templates`),
 * or for any journal change once things have been quiet for `debounceMs`.
 */
export function useJournalCall<K extends MethodName>(
  name: K,
  payload: Payload<K> | null,
  opts: { actions?: string[]; debounceMs?: number } = {},
): CallState<Result<K>> {
  const state = useCall(name, payload, { domains: [] });
  const { reload } = state;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const actions = opts.actions;
  const wait = opts.debounceMs ?? 0;
  useEvent('data:changed', (e) => {
    if (e.domain !== 'journal' && e.domain !== '*') return;
    if (actions && e.domain !== '*' && !(e.action && actions.includes(e.action))) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(reload, wait);
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return state;
}
