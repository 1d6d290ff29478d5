// Sandboxed preload: the renderer's only door to the backend. It exposes a tiny typed API through
// contextBridge and speaks on two whitelisted channels; method names are checked against the contract.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { METHOD_NAMES } from '@folio/core/contract';
import { IPC } from './channels';

const { call: CALL, upload: UPLOAD, event: EVENT, menu: MENU } = IPC;
const allowed = new Set<string>(METHOD_NAMES);

export interface FolioBridge {
  call(name: string, payload: unknown): Promise<unknown>;
  upload(bytes: Uint8Array): Promise<unknown>;
  onEvent(listener: (envelope: { name: string; payload: unknown }) => void): () => void;
  onMenu(listener: (command: string) => void): () => void;
  platform: string;
}

const bridge: FolioBridge = {
  call(name, payload) {
    if (typeof name !== 'string' || !allowed.has(name)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown_method', message: `Unknown API call: ${String(name).slice(0, 100)}` },
      });
    }
    return ipcRenderer.invoke(CALL, name, payload);
  },
  upload(bytes) {
    if (!(bytes instanceof Uint8Array)) {
      return Promise.resolve({ ok: false, error: { code: 'bad_request', message: 'Upload expects bytes' } });
    }
    return ipcRenderer.invoke(UPLOAD, bytes);
  },
  onEvent(listener) {
    const h = (_e: IpcRendererEvent, envelope: { name: string; payload: unknown }) => listener(envelope);
    ipcRenderer.on(EVENT, h);
    return () => ipcRenderer.removeListener(EVENT, h);
  },
  onMenu(listener) {
    const h = (_e: IpcRendererEvent, command: string) => listener(command);
    ipcRenderer.on(MENU, h);
    return () => ipcRenderer.removeListener(MENU, h);
  },
  platform: process.platform,
};

contextBridge.exposeInMainWorld('folio', bridge);
