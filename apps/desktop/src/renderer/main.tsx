// The base stylesheet first, so each component's own CSS (bundled with it) wins over the shell's.
import '@folio/ui/styles.css';
import { mountApp } from '@folio/ui';
import { createHttpClient } from './http-client';
import { createIpcClient, type FolioBridge } from './ipc-client';

// One renderer for both transports: inside Electron the preload bridge exists; in a browser we are in
// serve mode and talk HTTP to the server that served this page.
const bridge = (window as unknown as { folio?: FolioBridge }).folio;
const api = bridge ? createIpcClient(bridge) : createHttpClient();
const host = bridge ? { onMenuCommand: bridge.onMenu, platform: bridge.platform } : { platform: 'web' };

mountApp(document.getElementById('root')!, { api, host });
