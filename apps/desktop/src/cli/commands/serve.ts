import { spawn } from 'node:child_process';
import { describeSeed, seedDemoNotebook } from '../../backend/demo';
import { keepRunningOnUnexpectedErrors } from '../../backend/create-backend';
import { writeLock } from '../../backend/data-lock';
import { createDemoDir, removeDemoDir, sweepStaleDemoDirs } from '../../backend/demo-dir';
import { resolveResources } from '../../backend/resources';
import { startServer } from '../../serve/server';
import type { Command } from '../types';

export function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the app and its API on 127.0.0.1 (token-protected) for a browser',
  usage: 'serve [--port N] [--open] [--demo]',
  options: {
    port: { type: 'string', description: 'Port to listen on (default: a free random port)' },
    open: { type: 'boolean', description: 'Open the URL in the default browser' },
    demo: { type: 'boolean', description: 'Serve a demo notebook in a fresh temporary folder (thrown away)' },
  },
  async run(ctx) {
    const port = ctx.flags.port ? Number(ctx.flags.port) : 0;
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      ctx.err(`folio serve: --port must be a number from 0 to 65535`);
      return 2;
    }
    if (ctx.flags.demo) {
      const swept = sweepStaleDemoDirs();
      if (swept.length && !ctx.json) ctx.out(`Removed ${swept.length} old demo folder${swept.length === 1 ? '' : 's'}.`);
      ctx.dataDir = createDemoDir();
      ctx.demo = true;
    }
    keepRunningOnUnexpectedErrors();
    const backend = await ctx.backend();
    if (ctx.demo) {
      const counts = await seedDemoNotebook(backend, resolveResources().resourcesDir);
      if (!ctx.json) ctx.out(`Demo notebook in ${ctx.dataDir}: ${describeSeed(counts)}`);
    }
    const server = await startServer({
      dispatch: backend.dispatch,
      events: backend.events,
      blobs: backend.context.blobs,
      staticDir: resolveResources().rendererDir,
      port,
    });
    const unlock = writeLock(ctx.dataDir, { kind: 'serve', url: `http://127.0.0.1:${server.port}/` });
    if (ctx.json) ctx.out(JSON.stringify({ url: server.url, port: server.port, token: server.token, dataDir: ctx.dataDir }));
    else ctx.out(`Folio serving at ${server.url}`);
    if (ctx.flags.open) openInBrowser(server.url);
    // Stays subscribed while shutting down: a second signal (Ctrl-C reaches both `npm start` and this
    // child, which then forwards it) must not kill the process before the demo folder is removed.
    await new Promise<void>((resolve) => {
      process.on('SIGINT', () => resolve());
      process.on('SIGTERM', () => resolve());
    });
    await server.close();
    unlock();
    if (ctx.demo) {
      await (await ctx.backend()).close();
      removeDemoDir(ctx.dataDir);
    }
  },
};
