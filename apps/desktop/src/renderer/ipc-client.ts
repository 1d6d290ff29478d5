import {
  FolioError,
  type CallResult,
  type Disposable,
  type EventName,
  type Events,
  type FolioApi,
  type MethodName,
  type Payload,
  type Result,
  type UploadedBlob,
} from '@folio/core/contract';

/** What preload exposes as `window.folio` (see src/preload/preload.ts). */
export interface FolioBridge {
  call(name: string, payload: unknown): Promise<CallResult>;
  upload(bytes: Uint8Array): Promise<CallResult>;
  onEvent(listener: (envelope: { name: string; payload: unknown }) => void): () => void;
  onMenu(listener: (command: string) => void): () => void;
  platform: string;
}

/** FolioApi over Electron IPC: the same calls and events as HTTP, through the preload bridge. */
export function createIpcClient(bridge: FolioBridge): FolioApi {
  const unwrap = <T>(r: CallResult): T => {
    if (!r.ok) throw FolioError.from(r.error);
    return r.value as T;
  };
  return {
    transport: 'ipc',
    async call<K extends MethodName>(name: K, payload: Payload<K>): Promise<Result<K>> {
      return unwrap<Result<K>>(await bridge.call(name, payload ?? {}));
    },
    on<E extends EventName>(name: E, listener: (payload: Events[E]) => void): Disposable {
      const off = bridge.onEvent((env) => {
        if (env.name === name) listener(env.payload as Events[E]);
      });
      return { dispose: off };
    },
    blobUrl(sha256) {
      return `folio://blob/${sha256}`;
    },
    async upload(data): Promise<UploadedBlob> {
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(data instanceof Blob ? await data.arrayBuffer() : data);
      return unwrap<UploadedBlob>(await bridge.upload(bytes));
    },
  };
}
