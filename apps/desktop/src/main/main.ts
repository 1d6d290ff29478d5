// Electron main: windows, menu, the folio:// protocol and message forwarding. It stays thin: the
// database and models live in the backend utility process; the renderer talks to it through preload.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  protocol,
  screen,
  session,
  shell,
  utilityProcess,
  type UtilityProcess,
} from 'electron';
import { BlobStore } from '@folio/core/blobs';
import { isMethodName } from '@folio/core/contract';
import { createDemoDir, removeDemoDir, sweepStaleDemoDirs } from '../backend/demo-dir';
import { APP_NAME } from '../backend/paths';
import type { FromBackend, ToBackend } from '../backend/protocol';
import { resolveResources } from '../backend/resources';
import { IPC } from '../preload/channels';
import { CONTENT_SECURITY_POLICY } from '../serve/csp';
import { builtPaths } from './built-paths';
import {
  APP_ORIGIN,
  createFolioProtocolHandler,
  FOLIO_SCHEME,
  FOLIO_SCHEME_PRIVILEGES,
  grantPermission,
  isAppUrl,
} from './folio-protocol';
import { resolveLaunch } from './launch';
import { buildMenu } from './menu';
import { loadWindowState, trackWindowState } from './window-state';

const built = builtPaths(path.dirname(fileURLToPath(import.meta.url)));
const dev = !app.isPackaged;

// Everything up to whenReady runs before the app is ready, as these calls require.
protocol.registerSchemesAsPrivileged([FOLIO_SCHEME_PRIVILEGES]);
const launch = resolveLaunch(process.argv.slice(1), process.env, app.getPath('appData'), () => {
  sweepStaleDemoDirs();
  return createDemoDir();
});
const demo = launch.demo;
app.setName(APP_NAME);
app.setPath('userData', launch.dataDir);

// One app per notebook: a second launch on the same data folder focuses the first window and quits.
const primary = app.requestSingleInstanceLock();
if (!primary) {
  if (launch.demoDir) removeDemoDir(launch.demoDir);
  app.quit();
}

let win: BrowserWindow | null = null;
let backend: UtilityProcess | null = null;
let nextId = 1;
const pending = new Map<number, (result: unknown) => void>();

/** The demo notebook's temporary folder, removed when the app quits. */
let demoDir: string | null = primary ? launch.demoDir : null;

function startBackend(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    backend = utilityProcess.fork(built.backend, [], {
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
        for (const w of BrowserWindow.getAllWindows()) w.webContents.send(IPC.event, { name: msg.name, payload: msg.payload });
      }
    });
    backend.on('exit', (code) => {
      // A backend that dies while loading (a native module built for the wrong ABI fails at import,
      // before it can send 'fatal') must not leave the app waiting forever; after 'ready' this is a no-op.
      reject(new Error(`The backend process stopped while starting (exit code ${code}). Its error is in the terminal output.`));
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

function registerProtocol(dir: string): void {
  protocol.handle(
    FOLIO_SCHEME,
    createFolioProtocolHandler({
      rendererDir: resolveResources().rendererDir,
      blobs: new BlobStore(path.join(dir, 'blobs')),
      csp: CONTENT_SECURITY_POLICY,
      fetchFile: (url) => net.fetch(url),
    }),
  );
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
      preload: built.preload,
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
    if (!isAppUrl(url)) {
      e.preventDefault();
      if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    }
  });
  w.webContents.on('will-attach-webview', (e) => e.preventDefault());
  void w.loadURL(`${APP_ORIGIN}/index.html`);
  Menu.setApplicationMenu(buildMenu(() => win, { dev, dataDir: dir }));
  return w;
}

app.on('second-instance', () => {
  if (win) {
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  } else if (backend) {
    openWindow(launch.dataDir);
  }
});

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (e, url) => {
    if (!isAppUrl(url)) e.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

function openWindow(dir: string): void {
  const w = createWindow(dir);
  win = w;
  w.on('closed', () => {
    if (win === w) win = null;
  });
}

app.whenReady().then(async () => {
  if (!primary) return;
  const dir = launch.dataDir;
  registerProtocol(dir);
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(grantPermission(permission, details.requestingUrl)),
  );
  ipcMain.handle(IPC.call, (e, name: unknown, payload: unknown) => {
    if (!isAppUrl(e.senderFrame?.url)) return { ok: false, error: { code: 'unauthorized', message: 'Not a Folio page' } };
    if (!isMethodName(name))
      return { ok: false, error: { code: 'unknown_method', message: `Unknown API call: ${String(name).slice(0, 100)}` } };
    return toBackend({ type: 'call' } as never, { name, payload });
  });
  ipcMain.handle(IPC.upload, (e, bytes: unknown) => {
    if (!isAppUrl(e.senderFrame?.url)) return { ok: false, error: { code: 'unauthorized', message: 'Not a Folio page' } };
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
    if (demoDir) removeDemoDir(demoDir);
    app.exit(1);
    return;
  }
  openWindow(dir);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(dir);
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('before-quit', () => {
  backend?.postMessage({ type: 'shutdown' } satisfies ToBackend);
});

// Quitting waits (up to 5 s) for the backend to close the database and exit after 'shutdown', so the
// WAL is checkpointed and the data folder's lock released; then the demo folder, if any, goes.
let waitingForBackend = false;
app.on('will-quit', (e) => {
  const running = backend;
  if (running) {
    e.preventDefault();
    if (waitingForBackend) return;
    waitingForBackend = true;
    const finish = () => {
      clearTimeout(timer);
      if (backend === running) {
        running.kill();
        backend = null;
      }
      app.quit();
    };
    const timer = setTimeout(finish, 5000);
    running.once('exit', finish);
    return;
  }
  if (demoDir) {
    removeDemoDir(demoDir);
    demoDir = null;
  }
});
