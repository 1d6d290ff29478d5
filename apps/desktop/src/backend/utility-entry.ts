// The backend process Electron's main starts with utilityProcess.fork: it owns the database (and later
// the models), so a long query or an import never blocks the window. Main only forwards messages.
import { sniffMime, toErrorShape } from '@folio/core';
import { writeLock } from './data-lock';
import { createBackend, keepRunningOnUnexpectedErrors } from './create-backend';
import type { FromBackend, ToBackend } from './protocol';

interface ParentPort {
  postMessage(message: FromBackend): void;
  on(event: 'message', listener: (e: { data: ToBackend }) => void): void;
}

const port = (process as unknown as { parentPort: ParentPort }).parentPort;

async function main(): Promise<void> {
  const dataDir = process.env.FOLIO_DATA_DIR;
  if (!dataDir) throw new Error('FOLIO_DATA_DIR is not set for the backend process');
  keepRunningOnUnexpectedErrors();
  const backend = await createBackend({ dataDir, demo: process.env.FOLIO_DEMO === '1' });
  const unlock = writeLock(dataDir, { kind: 'desktop' });
  backend.events.onAny((name, payload) => port.postMessage({ type: 'event', name, payload }));
  port.on('message', async ({ data: msg }) => {
    if (msg.type === 'call') {
      const result = await backend.dispatch(msg.name, msg.payload);
      port.postMessage({ type: 'result', id: msg.id, result });
    } else if (msg.type === 'upload') {
      try {
        const info = backend.context.blobs.put(msg.bytes);
        port.postMessage({
          type: 'result',
          id: msg.id,
          result: {
            ok: true,
            value: { sha256: info.sha256, sizeBytes: info.sizeBytes, mime: sniffMime(msg.bytes.subarray(0, 16)) },
          },
        });
      } catch (err) {
        port.postMessage({ type: 'result', id: msg.id, result: { ok: false, error: toErrorShape(err) } });
      }
    } else if (msg.type === 'shutdown') {
      await backend.close();
      unlock();
      process.exit(0);
    }
  });
  port.postMessage({ type: 'ready', dataDir });
}

main().catch((err) => {
  port.postMessage({ type: 'fatal', error: toErrorShape(err) });
});
