import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EMBEDDER_FILES } from '@folio/ml';
import { createBackend } from '../../backend/create-backend';
import { resolveResources } from '../../backend/resources';
import { runCli } from '../main';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const hasModel = fs.existsSync(path.join(resolveResources().modelsDir, EMBEDDER_FILES.model));

async function folio(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (s) => (stdout += `${s}\n`), err: (s) => (stderr += `${s}\n`) });
  return { code, stdout, stderr };
}

/** A data folder with a few entries, written through the same backend the CLI opens. */
async function seeded(): Promise<{ data: string; ids: Record<string, string> }> {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-cli-search-'));
  dirs.push(data);
  const b = await createBackend({ dataDir: data });
  const ids: Record<string, string> = {};
  const add = async (title: string, body: string, date: string) => {
    const r = await b.dispatch('journal:create', { kind: 'post', title, body, date, templateId: null, isPublic: false });
    if (!r.ok) throw new Error(r.error.message);
    ids[title] = (r.value as { id: string }).id;
  };
  await add('申请材料', '马上就要申请了，申请材料还没准备。', '2019-11-09');
  await add('Reading', 'I read three papers today: 1 < 2 & "ranking" matters.', '2020-02-01');
  await add('Bread', 'Fed the sourdough starter; the loaf rose well.', '2020-03-01');
  await b.close();
  return { data, ids };
}

describe('folio search / related / index', () => {
  it('search --json prints exactly { kind, id, title, date, snippet, score } per result, Chinese and English', async () => {
    const { data, ids } = await seeded();
    const zh = await folio(['search', '申请', '--json', '--data-dir', data]);
    expect(zh.code).toBe(0);
    const rows = JSON.parse(zh.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!).sort()).toEqual(['date', 'id', 'kind', 'score', 'snippet', 'title']);
    expect(rows[0]).toMatchObject({ kind: 'entry', id: ids['申请材料'], title: '申请材料', date: '2019-11-09' });
    expect(rows[0]!.snippet).toContain('申请材料还没准备');
    expect(typeof rows[0]!.score).toBe('number');

    const en = JSON.parse((await folio(['search', 'paper', '--json', '--data-dir', data])).stdout) as {
      id: string;
      snippet: string;
    }[];
    expect(en.map((r) => r.id)).toEqual([ids.Reading]);
    // Plain text: markup in the note comes back as the characters that were written, no <mark>.
    expect(en[0]!.snippet).toBe('I read three papers today: 1 < 2 & "ranking" matters.');

    const none = await folio(['search', 'nothing-like-this', '--json', '--data-dir', data]);
    expect(JSON.parse(none.stdout)).toEqual([]);
    const filtered = JSON.parse((await folio(['search', '申请', '--from', '2020-01-01', '--json', '--data-dir', data])).stdout);
    expect(filtered).toEqual([]);
    const limited = JSON.parse((await folio(['search', 'the OR 申请', '--limit', '1', '--json', '--data-dir', data])).stdout);
    expect(limited).toHaveLength(1);

    const human = await folio(['search', 'sourdough', '--data-dir', data]);
    expect(human.stdout).toContain('Bread');
    expect((await folio(['search', '--data-dir', data])).code).toBe(2);
    expect((await folio(['search', 'x', '--mode', 'semantic', '--data-dir', data])).code).toBe(2);
    expect((await folio(['search', 'x', '--kind', 'tweet', '--data-dir', data])).code).toBe(2);
  });

  it('search --kind comment --json finds imported comments (not spam) in the same shape', async () => {
    const { data, ids } = await seeded();
    const b = await createBackend({ dataDir: data });
    // Written for this test: two comments on a blog post, as a flat JSON export.
    const comments = [
      {
        id: 'k1',
        author: 'Mira',
        page: 'canoe-trip',
        text: 'The portage map you drew for the canoe trip is great.',
        time: '2024-06-02T09:30:00Z',
      },
      {
        id: 'k2',
        author: 'Promo',
        page: 'canoe-trip',
        text: 'Canoe rentals cheap cheap cheap, click here',
        time: '2024-06-03T09:30:00Z',
      },
    ];
    const imported = await b.dispatch('comments:import', { content: JSON.stringify(comments), name: 'site.json' });
    expect(imported.ok).toBe(true);
    const spam = await b.dispatch('comments:label', { id: 'k2', label: 'spam' });
    expect(spam.ok).toBe(true);
    await b.close();

    const r = await folio(['search', 'canoe', '--kind', 'comment', '--json', '--data-dir', data]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!).sort()).toEqual(['date', 'id', 'kind', 'score', 'snippet', 'title']);
    expect(rows[0]).toMatchObject({ kind: 'comment', title: 'Mira on canoe-trip', date: '2024-06-02' });
    expect(rows[0]!.snippet).toContain('portage map');
    expect(typeof rows[0]!.id).toBe('string');
    // The id is the inbox's own: `comments:get` (and `#/inbox?comment=<id>`) open it.
    const again = await createBackend({ dataDir: data });
    const got = await again.dispatch('comments:get', { id: String(rows[0]!.id) });
    await again.close();
    expect(got.ok && got.value).toMatchObject({ externalId: 'k1', author: 'Mira' });
    // Entries are not comments.
    expect(JSON.parse((await folio(['search', '申请', '--kind', 'comment', '--json', '--data-dir', data])).stdout)).toEqual([]);
    expect(Object.keys(ids)).toHaveLength(3);
  });

  it('index brings the keyword index up to date; --wait builds the semantic index when the model is there', async () => {
    const { data, ids } = await seeded();
    const r = await folio(['index', '--wait', '--json', '--data-dir', data]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      complete: boolean;
      docs: { entry: number };
      chunks: { pending: number; total: number };
      embedder: { state: string };
    };
    expect(out.docs.entry).toBe(3);
    if (hasModel) {
      expect(out).toMatchObject({ complete: true, embedder: { state: 'ready' }, chunks: { pending: 0 } });
      const again = JSON.parse((await folio(['index', '--json', '--data-dir', data])).stdout) as {
        complete: boolean;
        updated: number;
      };
      expect(again).toMatchObject({ complete: true, updated: 0 });
      const hybrid = JSON.parse(
        (await folio(['search', 'baking bread', '--mode', 'vector', '--json', '--data-dir', data])).stdout,
      ) as { id: string }[];
      expect(hybrid[0]!.id).toBe(ids.Bread);
      const rel = await folio(['related', ids.Reading!, '--json', '--data-dir', data]);
      expect(rel.code).toBe(0);
      const items = JSON.parse(rel.stdout) as Record<string, unknown>[];
      expect(items.map((i) => i.id)).not.toContain(ids.Reading);
      for (const i of items) expect(Object.keys(i).sort()).toEqual(['date', 'id', 'kind', 'score', 'title']);
    } else {
      expect(out.complete).toBe(false);
      expect(r.stderr).toContain('unavailable');
    }
    expect((await folio(['related', 'no-such-id', '--data-dir', data])).code).toBe(1);
  }, 60_000);
});
