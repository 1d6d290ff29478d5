// Electron main: windows, menu, the folio:// protocol and message forwarding. It stays thin: the
// database and models live in the backend utility process; the renderer talks to it through preload.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  protocol,
  screen,
  shell,
  utilityProcess,
  type UtilityProcess,
} from 'electron';
import { BlobStore } from '@folio/core/blobs';
import { isMethodName } from '@folio/core/contract';
import { createDemoDir, removeDemoDir, sweepStaleDemoDirs } from '../backend/demo-dir';
import { defaultDataDir } from '../backend/paths';
import type { FromBackend, ToBackend } from '../backend/protocol';
import { resolveResources } from '../backend/resources';
import { CONTENT_SECURITY_POLICY } from '../serve/csp';
import { buildMenu } from './menu';
import { loadWindowState, trackWindowState } from './window-state';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(1);
const demo = argv.includes('--demo');
const dev = !app.isPackaged;
const dataDirArg = argv.find((a) => a.startsWith('--data-dir='))?.slice('--data-dir='.length);

protocol.registerSchemesAsPrivileged([
  { scheme: 'folio', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
}

let win: BrowserWindow | null = null;
let backend: UtilityProcess | null = null;
let nextId = 1;
const pending = new Map<number, (result: unknown) => void>();

/** The demo notebook's temporary folder, removed when the app quits. */
let demoDir: string | null = null;

function dataDir(): string {
  if (dataDirArg) return path.resolve(dataDirArg);
  if (demo) {
    sweepStaleDemoDirs();
    return (demoDir = createDemoDir());
  }
  if (process.env.FOLIO_DATA_DIR) return path.resolve(process.env.FOLIO_DATA_DIR);
  return app.isReady() ? app.getPath('userData') : defaultDataDir();
}

function startBackend(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    backend = utilityProcess.fork(path.join(here, '..', 'backend', 'backend.mjs'), [], {
      serviceName: 'Folio backend',
      env: { ...process.env, FOLIO_DATA_DIR: dir, FOLIO_DEMO: demo ? '1' : '0' },
      stdio: 'inherit',
    });
    backend.on('message', (msg: FromBackend) => {
      if (msg.type === 'ready') resolve();
      else if (msg.type === 'fatal') reject(Object.assign(new Error(msg.error.message), { code: msg.error.code }));
      else if (msg.type === 'result') {
        pending.get(msg.id)?.(msg.result);
        pending.delete(msg.id);
      } else if (msg.type === 'event') {
        for (const w of BrowserWindow.getAllWindows())
          w.webContents.send('folio:event', { name: msg.name, payload: msg.payload });
      }
    });
    backend.on('exit', (code) => {
      for (const [, done] of pending)
        done({ ok: false, error: { code: 'internal', message: `The backend stopped (exit ${code}).` } });
      pending.clear();
      backend = null;
    });
  });
}

function toBackend(msg: Omit<ToBackend, 'id'> & { type: 'call' | 'upload' }, extra: Record<string, unknown>): Promise<unknown> {
  if (!backend) return Promise.resolve({ ok: false, error: { code: 'internal', message: 'The backend is not running.' } });
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    backend!.postMessage({ ...msg, ...extra, id });
  });
}

/** Only our own pages may call the backend. */
function fromOurPage(frameUrl: string | undefined): boolean {
  return !!frameUrl && frameUrl.startsWith('folio://app/');
}

function registerProtocol(dir: string): void {
  const renderer = resolveResources().rendererDir;
  const blobs = new BlobStore(path.join(dir, 'blobs'));
  protocol.handle('folio', async (request) => {
    const url = new URL(request.url);
    if (url.host === 'app') {
      const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
      const file = path.resolve(renderer, rel);
      if (!file.startsWith(renderer + path.sep) || !fs.existsSync(file)) return new Response('Not found', { status: 404 });
      const res = await net.fetch(pathToFileURL(file).toString());
      const headers = new Headers(res.headers);
      if (file.endsWith('.html')) headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      return new Response(res.body, { status: res.status, headers });
    }
    if (url.host === 'blob') {
      const sha = url.pathname.replace(/^\/+/, '');
      // The id is checked to be a sha256 before it becomes a path, so it cannot escape the data folder.
      if (!BlobStore.isSha256(sha) || !blobs.has(sha)) return new Response('Not found', { status: 404 });
      const file = blobs.pathFor(sha);
      const size = fs.statSync(file).size;
      const headers = new Headers({
        'Accept-Ranges': 'bytes',
        'Content-Security-Policy': "sandbox; default-src 'none'",
        'X-Content-Type-Options': 'nosniff',
      });
      // pdf.js fetches big PDFs by range, so a 200 MB file never has to be read whole.
      const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get('range') ?? '');
      if (range && (range[1] || range[2])) {
        const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
        const end = range[1] && range[2] ? Math.min(size - 1, Number(range[2])) : size - 1;
        if (start > end) return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${size}` } });
        headers.set('Content-Range', `bytes ${start}-${end}/${size}`);
        headers.set('Content-Length', String(end - start + 1));
        return new Response(Readable.toWeb(fs.createReadStream(file, { start, end })) as ReadableStream, {
          status: 206,
          headers,
        });
      }
      headers.set('Content-Length', String(size));
      return new Response(Readable.toWeb(fs.createReadStream(file)) as ReadableStream, { status: 200, headers });
    }
    return new Response('Not found', { status: 404 });
  });
}

function createWindow(dir: string): BrowserWindow {
  const state = loadWindowState(
    app.getPath('userData'),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const w = new BrowserWindow({
    width: state.bounds?.width ?? 1280,
    height: state.bounds?.height ?? 820,
    ...(state.bounds?.x !== undefined ? { x: state.bounds.x, y: state.bounds.y } : {}),
    minWidth: 720,
    minHeight: 480,
    title: demo ? 'Folio (demo)' : 'Folio',
    show: false,
    backgroundColor: '#fbfaf8',
    webPreferences: {
      preload: path.join(here, '..', 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  if (state.maximized) w.maximize();
  trackWindowState(w, app.getPath('userData'));
  w.once('ready-to-show', () => w.show());
  // Links open in the user's browser; the window itself never navigates away from Folio.
  w.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  w.webContents.on('will-navigate', (e, url) => {
    if (!url.startsWith('folio://app/')) {
      e.preventDefault();
      if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    }
  });
  w.webContents.on('will-attach-webview', (e) => e.preventDefault());
  void w.loadURL('folio://app/index.html');
  Menu.setApplicationMenu(buildMenu(() => win, { dev, dataDir: dir }));
  return w;
}

app.on('second-instance', () => {
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (e, url) => {
    if (!url.startsWith('folio://app/')) e.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.whenReady().then(async () => {
  const dir = dataDir();
  registerProtocol(dir);
  ipcMain.handle('folio:call', (e, name: unknown, payload: unknown) => {
    if (!fromOurPage(e.senderFrame?.url)) return { ok: false, error: { code: 'unauthorized', message: 'Not a Folio page' } };
    if (!isMethodName(name))
      return { ok: false, error: { code: 'unknown_method', message: `Unknown API call: ${String(name).slice(0, 100)}` } };
    return toBackend({ type: 'call' } as never, { name, payload });
  });
  ipcMain.handle('folio:upload', (e, bytes: unknown) => {
    if (!fromOurPage(e.senderFrame?.url)) return { ok: false, error: { code: 'unauthorized', message: 'Not a Folio page' } };
    if (!(bytes instanceof Uint8Array)) return { ok: false, error: { code: 'bad_request', message: 'Upload expects bytes' } };
    return toBackend({ type: 'upload' } as never, { bytes });
  });
  try {
    await startBackend(dir);
  } catch (err) {
    const choice = dialog.showMessageBoxSync({
      type: 'error',
      title: 'Folio cannot open its data',
      message: 'Folio cannot open its database.',
      detail: (err as Error).message,
      buttons: ['Quit', 'Show Data Folder'],
      defaultId: 0,
    });
    if (choice === 1) await shell.openPath(dir);
    app.exit(1);
    return;
  }
  win = createWindow(dir);
  win.on('closed', () => (win = null));
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createWindow(dir);
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('before-quit', () => {
  backend?.postMessage({ type: 'shutdown' } satisfies ToBackend);
});

// The demo folder goes once the backend has closed the database (it exits after 'shutdown').
app.on('will-quit', (e) => {
  const dir = demoDir;
  if (!dir) return;
  demoDir = null;
  const running = backend;
  if (!running) {
    removeDemoDir(dir);
    return;
  }
  e.preventDefault();
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    removeDemoDir(dir);
    app.quit();
  };
  const timer = setTimeout(finish, 5000);
  running.once('exit', finish);
});
