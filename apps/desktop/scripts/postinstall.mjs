// After `npm install`: bundle the CLI so `npx folio` works at once. Never fails the install: if the
// bundle cannot be built here, `folio` builds it on first use and says why if it still cannot.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
try {
  const { bundle } = await import(pathToFileURL(path.join(appRoot, 'scripts', 'bundle.mjs')).href);
  await bundle();
} catch (err) {
  console.warn(`[folio] could not pre-build the CLI (${err?.message ?? err}); it will be built on first use.`);
}
