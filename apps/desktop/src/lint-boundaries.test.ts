import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The dependency direction of HOUSE-STYLE is enforced by lint; these cases prove a wrong import fails.
const root = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function restrictedIn(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('dependency direction', () => {
  it('ui may not import better-sqlite3, Node built-ins, ml, or runtime code of @folio/core', async () => {
    expect(
      await restrictedIn('packages/ui/src/Bad.tsx', `import Database from 'better-sqlite3';\nexport const d = Database;\n`),
    ).toHaveLength(1);
    expect(await restrictedIn('packages/ui/src/Bad.tsx', `import fs from 'node:fs';\nexport const f = fs;\n`)).toHaveLength(1);
    expect(
      await restrictedIn('packages/ui/src/Bad.tsx', `import { createCore } from '@folio/core';\nexport const c = createCore;\n`),
    ).toHaveLength(1);
    expect(
      await restrictedIn(
        'packages/ui/src/Bad.tsx',
        `import { loadEmbedder } from '@folio/ml';\nexport const l = loadEmbedder;\n`,
      ),
    ).toHaveLength(1);
  });

  it('ui may import types from @folio/core and the browser-safe contract', async () => {
    expect(
      await restrictedIn('packages/ui/src/Good.tsx', `import type { Store } from '@folio/core';\nexport type S = Store;\n`),
    ).toHaveLength(0);
    expect(
      await restrictedIn(
        'packages/ui/src/Good.tsx',
        `import { fieldErrors } from '@folio/core/contract';\nexport const f = fieldErrors;\n`,
      ),
    ).toHaveLength(0);
  });

  it('core may not import electron, react or ml; domains meet only through index.ts', async () => {
    expect(
      await restrictedIn('packages/core/src/journal/bad.ts', `import { app } from 'electron';\nexport const a = app;\n`),
    ).toHaveLength(1);
    expect(
      await restrictedIn('packages/core/src/journal/bad.ts', `import { useState } from 'react';\nexport const u = useState;\n`),
    ).toHaveLength(1);
    expect(
      await restrictedIn('packages/core/src/journal/bad.ts', `import { x } from '../papers/repo';\nexport const y = x;\n`),
    ).toHaveLength(1);
    expect(
      await restrictedIn('packages/core/src/journal/ok.ts', `import { x } from '../papers';\nexport const y = x;\n`),
    ).toHaveLength(0);
  });

  it('the contract stays browser-safe', async () => {
    expect(
      await restrictedIn(
        'packages/core/src/contract/bad.ts',
        `import Database from 'better-sqlite3';\nexport const d = Database;\n`,
      ),
    ).toHaveLength(1);
    expect(
      await restrictedIn(
        'packages/core/src/contract/bad.ts',
        `import { openStore } from '../db/client';\nexport const o = openStore;\n`,
      ),
    ).toHaveLength(1);
  });

  it('ml may use only contract types from core', async () => {
    expect(
      await restrictedIn('packages/ml/src/bad.ts', `import { openStore } from '@folio/core';\nexport const o = openStore;\n`),
    ).toHaveLength(1);
    expect(
      await restrictedIn(
        'packages/ml/src/ok.ts',
        `import type { FolioApi } from '@folio/core/contract';\nexport type A = FolioApi;\n`,
      ),
    ).toHaveLength(0);
  });

  it('Electron main stays thin: no database or models there', async () => {
    expect(
      await restrictedIn(
        'apps/desktop/src/main/bad.ts',
        `import { createCore } from '@folio/core';\nexport const c = createCore;\n`,
      ),
    ).toHaveLength(1);
  });
});
