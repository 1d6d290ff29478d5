import { expect, test } from './fixtures/folio';
import { AppShell } from './page-models/app';
import { InboxPage } from './page-models/inbox';
import { SearchPageModel } from './page-models/search';

interface Created {
  id: string;
}

async function seed(folio: { call<T>(name: string, payload?: unknown): Promise<T> }) {
  const add = (title: string, body: string, date: string, kind = 'post') =>
    folio.call<Created>('journal:create', { kind, title, body, date, templateId: null, isPublic: false });
  return {
    zh: await add('11/09', '马上就要申请了，但是笔者却似乎在逃避。申请材料还没准备。', '2019-11-09', 'daily'),
    zhTitle: await add('申请季', 'Only the title mentions it.', '2019-12-01'),
    en: await add('Reading list', 'I read three papers today about mixture-of-experts models.', '2020-02-01'),
    other: await add('Groceries', 'Milk, eggs and bread.', '2020-03-01'),
  };
}

test('the search page finds Chinese and English entries, marks the words, and opens a result from the keyboard', async ({
  page,
  folio,
}) => {
  const ids = await seed(folio);
  const app = new AppShell(page);
  const search = new SearchPageModel(page);
  await app.open(folio.url);
  await app.goTo('Search');
  await expect(search.box).toBeFocused();
  // Words only: exact counts (with the model, the default "Best match" adds items close in meaning).
  await search.search('申请');
  await search.mode('Words').click();
  await expect(search.mode('Words')).toHaveAttribute('aria-pressed', 'true');

  await search.search('申请');
  await expect(search.results).toHaveCount(2);
  await expect(search.result('11/09').locator('mark').first()).toHaveText('申请');
  await expect(search.result('申请季')).toContainText('Words in the title');
  await expect(search.result('Groceries')).toHaveCount(0);

  await search.search('paper');
  await expect(search.results).toHaveCount(1);
  await expect(search.result('Reading list').locator('mark')).toHaveText('papers');
  await expect(search.result('Reading list')).toContainText('2020-02-01');

  // Filters narrow and live in the address; the kind filter leaves out entries.
  await search.kind('Papers').click();
  await expect(page.getByText('Nothing found for “paper”')).toBeVisible();
  await search.kind('Papers').click();
  await expect(search.results).toHaveCount(1);

  // ↓ / ↑ move the selection, Enter opens it.
  await search.search('申请');
  await expect(search.results).toHaveCount(2);
  await search.box.press('ArrowDown');
  await expect(search.results.nth(1)).toHaveAttribute('aria-selected', 'true');
  const second = await search.results.nth(1).locator('.search-result-title').textContent();
  await search.box.press('Enter');
  const expectedId = second === '申请季' ? ids.zhTitle.id : ids.zh.id;
  await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/journal/${expectedId}`);

  // The query survives a reload (it is in the address).
  await page.goto(`${folio.origin}/#/search?q=${encodeURIComponent('mixture')}&mode=fts`);
  await expect(search.box).toHaveValue('mixture');
  await expect(search.results).toHaveCount(1);
});

test('a new entry is searchable at once, from the UI and the CLI (folio search --json)', async ({ page, folio }) => {
  const app = new AppShell(page);
  const search = new SearchPageModel(page);
  await app.open(folio.url);
  await app.goTo('Search');
  await search.search('quokka');
  await search.mode('Words').click();
  await expect(page.getByText('Nothing found for “quokka”')).toBeVisible();
  const e = await folio.call<Created>('journal:create', {
    kind: 'post',
    title: 'Rottnest',
    body: 'A quokka 申请 selfie.',
    date: '2024-05-01',
    templateId: null,
  });
  // The page refetches when the journal changes.
  await expect(search.result('Rottnest')).toBeVisible();

  const r = await folio.folio(['search', '申请', '--json']);
  expect(r.code).toBe(0);
  const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
  expect(rows).toEqual([
    {
      kind: 'entry',
      id: e.id,
      title: 'Rottnest',
      date: '2024-05-01',
      snippet: 'A quokka 申请 selfie.',
      score: expect.any(Number),
    },
  ]);
  const en = JSON.parse((await folio.folio(['search', 'quokkas', '--json', '--limit', '5'])).stdout) as { id: string }[];
  expect(en.map((x) => x.id)).toEqual([e.id]);
});

test('search by meaning finds a note in other words and says why; the related panel data is there', async ({ page, folio }) => {
  const status = await folio.call<{ embedder: { state: string } }>('search:index-status', {});
  test.skip(status.embedder.state === 'unavailable', 'no embedding model built (npm run build -w @folio/ml)');
  const bread = await folio.call<Created>('journal:create', {
    kind: 'post',
    title: 'Saturday',
    body: 'Fed the sourdough starter twice; the loaf rose well and the crumb was open.',
    date: '2024-05-04',
    templateId: null,
  });
  await folio.call('journal:create', {
    kind: 'post',
    title: 'Kernels',
    body: 'Profiling the CUDA kernel: shared memory bank conflicts.',
    date: '2024-05-05',
    templateId: null,
  });
  const done = await folio.call<{ complete: boolean }>('search:wait-index', {});
  expect(done.complete).toBe(true);
  const app = new AppShell(page);
  const search = new SearchPageModel(page);
  await app.open(folio.url);
  await app.goTo('Search');
  await search.search('baking bread at home');
  await expect(search.mode('Best match')).toHaveAttribute('aria-pressed', 'true');
  await expect(search.results.first()).toContainText('Saturday');
  await expect(search.results.first()).toContainText('Close in meaning');
  const related = await folio.call<{ items: { id: string }[] }>('search:related', { kind: 'entry', id: bread.id });
  expect(related.items.map((i) => i.id)).not.toContain(bread.id);
});

test('comments are searchable (not spam); a result opens the inbox on that comment', async ({ page, folio }) => {
  // Written for this test: two comments on a blog post, and enough others that the one we look for is not first.
  const at = (h: number) => new Date(Date.UTC(2025, 4, 1, h)).toISOString();
  const comments = [
    { id: 'q1', author: 'Lena', page: 'posts/kayak', text: 'The estuary route you paddled looks lovely at dawn.', time: at(1) },
    { id: 'q2', author: 'promo', page: 'posts/kayak', text: 'Estuary cruise tickets cheap, click now', time: at(2) },
    ...Array.from({ length: 30 }, (_, i) => ({
      id: `n${i}`,
      author: `reader ${i}`,
      page: 'posts/other',
      text: `Nice post number ${i}.`,
      time: at(3 + i),
    })),
  ];
  await folio.call('comments:import', { content: JSON.stringify(comments), name: 'site.json' });
  await folio.call('comments:label', { id: 'q2', label: 'spam' });
  const lena = (await folio.call<{ items: { id: string; externalId: string }[] }>('comments:list', { query: 'estuary route' }))
    .items[0]!;
  expect(lena.externalId).toBe('q1');

  const app = new AppShell(page);
  const search = new SearchPageModel(page);
  await app.open(folio.url);
  await app.goTo('Search');
  await search.mode('Words').click();
  await search.kind('Comments').click();
  await expect(search.kind('Comments')).toHaveAttribute('aria-pressed', 'true');
  await search.search('estuary');
  await expect(search.results).toHaveCount(1);
  await expect(search.result('Lena on posts/kayak')).toContainText('Comment');
  await expect(search.result('Lena on posts/kayak').locator('mark')).toHaveText('estuary');

  await search.result('Lena on posts/kayak').click();
  await expect(page).toHaveURL(new RegExp(`#/inbox\\?comment=${lena.id}$`));
  const inbox = new InboxPage(page);
  await expect(inbox.focused).toHaveAttribute('data-comment-id', lena.id);
  await expect(inbox.focused).toBeInViewport();
  // Marking it spam takes it out of search.
  await inbox.keys('s');
  await expect.poll(async () => (await folio.call<{ status: string }>('comments:get', { id: lena.id })).status).toBe('spam');
  const r = await folio.folio(['search', 'estuary', '--kind', 'comment', '--json']);
  expect(JSON.parse(r.stdout)).toEqual([]);
});
