import {
  FolioError,
  type Disposable,
  type EventName,
  type Events,
  type FolioApi,
  type MethodName,
  type Payload,
  type Result,
  type UploadedBlob,
} from '@folio/core/contract';

type Listener = (payload: unknown) => void;

/**
 * FolioApi over serve mode's loopback HTTP. The token arrives once in the page URL; it is kept in
 * sessionStorage and removed from the address bar so it does not end up in bookmarks or screenshots.
 */
export function createHttpClient(base = ''): FolioApi {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem('folio-token', fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const token = sessionStorage.getItem('folio-token') ?? '';
  const headers = (extra: Record<string, string> = {}) => ({ Authorization: `Bearer ${token}`, ...extra });

  const listeners = new Map<string, Set<Listener>>();
  let source: EventSource | null = null;
  const ensureEvents = () => {
    if (source) return;
    // EventSource cannot set headers: the HttpOnly cookie set on first load authenticates it.
    source = new EventSource(`${base}/api/events`);
    source.onmessage = (e) => {
      try {
        const { name, payload } = JSON.parse(e.data as string) as { name: string; payload: unknown };
        for (const l of listeners.get(name) ?? []) l(payload);
      } catch {
        // a malformed frame is dropped, never fatal
      }
    };
  };

  async function parse<T>(res: Response): Promise<T> {
    let body: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
    try {
      body = await res.json();
    } catch {
      throw new FolioError('internal', `Folio's server answered ${res.status} without a readable body.`);
    }
    if (!body.ok) throw FolioError.from((body.error ?? { code: 'internal', message: 'Unknown error' }) as never);
    return body.value as T;
  }

  return {
    transport: 'http',
    async call<K extends MethodName>(name: K, payload: Payload<K>): Promise<Result<K>> {
      let res: Response;
      try {
        res = await fetch(`${base}/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: headers({ 'Content-Type': 'application/json' }),
          body: JSON.stringify(payload ?? {}),
        });
      } catch (err) {
        throw new FolioError(
          'io_error',
          `Folio's server is not reachable (${(err as Error).message}). Is \`folio serve\` still running?`,
        );
      }
      return parse<Result<K>>(res);
    },
    on<E extends EventName>(name: E, listener: (payload: Events[E]) => void): Disposable {
      ensureEvents();
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener as Listener);
      return { dispose: () => set.delete(listener as Listener) };
    },
    blobUrl(sha256) {
      return `${base}/blobs/${sha256}`;
    },
    async upload(data): Promise<UploadedBlob> {
      const body = data instanceof Uint8Array ? new Blob([data as Uint8Array<ArrayBuffer>]) : data;
      const res = await fetch(`${base}/api/blobs`, {
        method: 'POST',
        headers: headers({ 'Content-Type': 'application/octet-stream' }),
        body,
      });
      return parse<UploadedBlob>(res);
    },
  };
}
