import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { EventName, Events, FolioApi, MethodName, Payload, Result } from '@folio/core/contract';

const ApiContext = createContext<FolioApi | null>(null);

export function ApiProvider({ api, children }: { api: FolioApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): FolioApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi must be used inside <ApiProvider>');
  return api;
}

/** Subscribes to a backend event for the component's lifetime. */
export function useEvent<E extends EventName>(name: E, listener: (payload: Events[E]) => void): void {
  const api = useApi();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => {
    const d = api.on(name, (p) => ref.current(p));
    return () => d.dispose();
  }, [api, name]);
}

export interface CallState<T> {
  data: T | undefined;
  error: { code: string; message: string } | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * Calls a backend method and keeps the answer fresh: it refetches when the payload changes and when a
 * `data:changed` event names one of `domains` (or '*', after a restore).
 */
export function useCall<K extends MethodName>(
  name: K,
  payload: Payload<K> | null,
  opts: { domains?: string[] } = {},
): CallState<Result<K>> {
  const api = useApi();
  const key = payload === null ? null : JSON.stringify(payload);
  const [state, setState] = useState<{ data?: Result<K>; error?: { code: string; message: string }; loading: boolean }>({
    loading: key !== null,
  });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const domains = opts.domains ?? [name.split(':')[0]!];
  const domainsKey = domains.join(',');

  useEffect(() => {
    if (key === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api.call(name, JSON.parse(key) as Payload<K>).then(
      (data) => live && setState({ data, loading: false }),
      (error: { code: string; message: string }) => live && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => {
      live = false;
    };
  }, [api, name, key, tick]);

  useEffect(() => {
    const wanted = new Set(domainsKey.split(','));
    const d = api.on('data:changed', (e) => {
      if (e.domain === '*' || wanted.has(e.domain)) reload();
    });
    return () => d.dispose();
  }, [api, domainsKey, reload]);

  return { data: state.data, error: state.error, loading: state.loading, reload };
}
