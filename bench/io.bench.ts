/**
 * Import, export and publish through the io handlers on a real database (FTS indexing included, as the
 * journal's change events drive it): each real journal fixture (when ../shared/fixtures/journals exists),
 * a generated 5,000-file vault (preview, import, re-import), then export and publish of 6,000 entries, and
 * one long entry as PDF.
 *
 *   npx tsx bench/io.bench.ts        (or: npm run bench -- io)
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeTestCore } from '../packages/core/src/testing/core';
import { ms } from './stats';

type Figures = Record<string, number | string>;
type TestCore = Awaited<ReturnType<typeof makeTestCore>>;

const here = path.dirname(fileURLToPath(import.meta.url));
const journals = path.resolve(here, '..', '..', 'shared', 'fixtures', 'journals');

const WORDS =
  'paper model training data result attention gpu kernel cache review draft meeting plan idea reading notes week'.split(' ');
const ZH = '今天 申请 论文 实验 代码 数据 模型 会议 计划 阅读 笔记 周末 跑步 休息 写作'.split(' ');

/** `n` notes: daily notes, meetings, papers, posts (every other post public), 1 in 10 Chinese, some images. */
function generateVault(dir: string, n: number): void {
  let seed = 11;
  const rand = (k: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % k;
  mkdirSync(path.join(dir, 'attachments'), { recursive: true });
  for (let k = 0; k < 20; k++)
    writeFileSync(
      path.join(dir, 'attachments', `plot-${k}.png`),
      Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.from([k])]),
    );
  for (let i = 0; i < n; i++) {
    const folder = ['Daily', 'Meetings', 'Papers', 'Posts'][i % 4]!;
    mkdirSync(path.join(dir, folder), { recursive: true });
    const d = new Date(Date.UTC(2010, 0, 1) + Math.floor(i / 4) * 86400000).toISOString().slice(0, 10);
    const zh = i % 10 === 0;
    const para = () =>
      Array.from({ length: 40 + rand(120) }, () => (zh ? ZH[rand(ZH.length)] : WORDS[rand(WORDS.length)])).join(zh ? '，' : ' ');
    const priv = i % 7 === 0 ? `\n\n:::private\n${para()}\n:::\n` : '';
    const body = `${para()} #${WORDS[rand(WORDS.length)]} [[Note ${rand(n)}]]\n\n- ${para()}\n- ${para()}${priv}${i % 25 === 0 ? `\n\n![[plot-${i % 20}.png]]` : ''}\n`;
    if (folder === 'Daily') {
      writeFileSync(path.join(dir, folder, `${d}.md`), body);
      continue;
    }
    const kind = folder === 'Meetings' ? '.meeting' : folder === 'Papers' ? '.paper' : '';
    const pub = folder === 'Posts' ? `public: ${i % 8 === 3}\n` : '';
    writeFileSync(
      path.join(dir, folder, `Note ${i}${kind}.md`),
      `---\ntitle: Note ${i}\ndate: ${d} 09:${String(i % 60).padStart(2, '0')}\ntags: [${WORDS[i % WORDS.length]}, gen]\nrating: ${i % 5}\n${pub}---\n${body}`,
    );
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, performance.now() - t0];
}

export async function run(): Promise<Figures> {
  const figures: Figures = {};
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'folio-io-bench-'));
  const cores: TestCore[] = [];
  const fresh = async () => {
    const c = await makeTestCore();
    cores.push(c);
    return c;
  };
  try {
    // Real journals, each on its own database.
    if (existsSync(journals)) {
      for (const name of readdirSync(journals).sort()) {
        const core = await fresh();
        const file = path.join(journals, name);
        const [r, t] = await timed(() => core.handlers['io:import']({ paths: [file], onExisting: 'update' }));
        const [, again] = await timed(() => core.handlers['io:import']({ paths: [file], onExisting: 'update' }));
        const key = name.replace(/\.[^.]+$/, '');
        figures[`real ${key} entries`] = r.created + r.updated;
        figures[`real ${key} import ms`] = ms(t);
        figures[`real ${key} re-import ms`] = ms(again);
      }
    } else {
      console.warn(`[io.bench] ${journals} is missing: real-journal figures skipped`);
      figures['real journals'] = 'missing';
    }

    // 5,000-file vault.
    const vault = path.join(tmp, 'vault');
    generateVault(vault, 5000);
    const core = await fresh();
    const [plan, tPlan] = await timed(() => core.handlers['io:import-plan']({ paths: [vault], onExisting: 'update' }));
    const [r, tImport] = await timed(() => core.handlers['io:import']({ paths: [vault], onExisting: 'update' }));
    const [again, tAgain] = await timed(() => core.handlers['io:import']({ paths: [vault], onExisting: 'update' }));
    figures['vault 5k files'] = plan.counts.files;
    figures['vault 5k preview ms'] = ms(tPlan);
    figures['vault 5k import ms'] = ms(tImport);
    figures['vault 5k created'] = r.created;
    figures['vault 5k entries/s'] = Math.round((r.created / tImport) * 1000);
    figures['vault 5k re-import ms'] = ms(tAgain);
    figures['vault 5k re-import unchanged'] = again.unchanged;

    // 6,000 entries: 1,000 more on top of the vault.
    const more = path.join(tmp, 'more');
    generateVault(more, 1000);
    await core.handlers['io:import']({ paths: [more], onExisting: 'update' });
    const total = (
      core.context.store.sqlite.prepare('SELECT count(*) AS n FROM entries WHERE deleted_at IS NULL').get() as { n: number }
    ).n;
    figures['notebook entries'] = total;
    const [ex, tExport] = await timed(() => core.handlers['io:export']({ dir: path.join(tmp, 'export'), force: false }));
    figures['export ms'] = ms(tExport);
    figures['export files'] = ex.files;
    const [, tExport2] = await timed(() => core.handlers['io:export']({ dir: path.join(tmp, 'export'), force: false }));
    figures['export again (same folder) ms'] = ms(tExport2);
    const [pub, tPublish] = await timed(() =>
      core.handlers['io:publish']({ dir: path.join(tmp, 'site'), force: false, baseUrl: 'https://bench.example/' }),
    );
    figures['publish ms'] = ms(tPublish);
    figures['publish posts'] = pub.posts;
    figures['publish files'] = pub.files.length;

    // One long entry as PDF (first run includes reading the installed fonts).
    const long = await core.handlers['journal:create']({
      kind: 'post',
      templateId: null,
      title: 'Long entry 长文',
      writtenOnly: undefined,
      body: Array.from(
        { length: 120 },
        (_, i) => (i % 3 === 0 ? `## Section ${i}\n\n` : '') + `${WORDS.join(' ')} ${ZH.join('')} `.repeat(4),
      ).join('\n\n'),
    } as never);
    const [pdf1, tPdf1] = await timed(() =>
      core.handlers['io:export-entry']({ id: long.id, format: 'pdf', includePrivate: false }),
    );
    const [, tPdf2] = await timed(() => core.handlers['io:export-entry']({ id: long.id, format: 'pdf', includePrivate: false }));
    figures['pdf long entry KB'] = Math.round(pdf1.sizeBytes / 1024);
    figures['pdf first ms'] = ms(tPdf1);
    figures['pdf again ms'] = ms(tPdf2);
    const [, tHtml] = await timed(() => core.handlers['io:export-entry']({ id: long.id, format: 'html', includePrivate: false }));
    figures['html long entry ms'] = ms(tHtml);
  } finally {
    for (const c of cores) await c.cleanup();
    rmSync(tmp, { recursive: true, force: true });
  }
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const f = await run();
  for (const [k, v] of Object.entries(f)) console.log(`${k.padEnd(34)} ${v}`);
}
