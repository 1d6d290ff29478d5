import { makePaperPdf, makeScannedPdf, notAPdf } from '@folio/core/testing';
import { expect, test, type ServeHandle } from './fixtures/folio';
import { AppShell } from './page-models/app';
import { LibraryPage, near, ReaderPage, union } from './page-models/papers';

interface Paper {
  id: string;
  title: string;
  status: string;
  finishedAt: string | null;
  noteEntryId: string | null;
}
interface Stored {
  id: string;
  kind: string;
  page: number;
  text: string;
  rects: number[][];
}

/** Uploads bytes as the UI does and adds them (API), returning the paper. */
async function addViaApi(folio: ServeHandle, bytes: Uint8Array, fileName: string): Promise<Paper> {
  const res = await fetch(`${folio.origin}/api/blobs`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${folio.token}` },
    body: Buffer.from(bytes),
  });
  const blob = ((await res.json()) as { value: { sha256: string } }).value;
  return (await folio.call<{ paper: Paper }>('papers:add-blob', { sha256: blob.sha256, fileName })).paper;
}

test('a highlight made on a selected sentence is stored in PDF coordinates and is in the same place after a reload', async ({
  page,
  folio,
}) => {
  const generated = await makePaperPdf({
    title: 'Highlights That Stay Put',
    authors: ['Ada Reader', 'Ben Margin'],
    pages: 4,
    seed: 77,
  });
  const paper = await addViaApi(folio, generated.bytes, 'stay-put.pdf');
  // A sentence from the first long paragraph of page 2.
  const paragraph = generated.pageTexts[1]!.find((t) => t.length > 150)!;
  const sentence = paragraph.split(/(?<=\.)\s+/)[1]!;

  const app = new AppShell(page);
  const reader = new ReaderPage(page);
  await app.open(`${folio.url}#/papers/${paper.id}`);
  await reader.waitReady();
  await expect(page.getByRole('heading', { name: 'Highlights That Stay Put' })).toBeVisible();
  await reader.goToPage(2);
  const geo = await reader.sentenceGeometry(2, sentence);
  expect(geo, `"${sentence}" is in page 2's text layer`).not.toBeNull();
  await reader.scrollBy(geo!.start.top);
  const geo2 = (await reader.sentenceGeometry(2, sentence))!;
  await reader.dragSelect(geo2.start, geo2.end);
  await expect(reader.selectionPopover).toBeVisible();
  expect((await page.evaluate(() => getSelection()?.toString() ?? '')).replace(/\s+/g, ' ').trim()).toBe(sentence);
  await reader.selectionPopover.locator('[data-color="yellow"]').click();

  // Stored in the database: one highlight on page 2, the sentence, one PDF rect per line.
  await expect.poll(async () => (await folio.call<Stored[]>('papers:annotations', { paperId: paper.id })).length).toBe(1);
  const [stored] = await folio.call<Stored[]>('papers:annotations', { paperId: paper.id });
  expect(stored).toMatchObject({ kind: 'highlight', page: 2, text: sentence });
  expect(stored!.rects).toHaveLength(geo2.lines.length);
  const before = await reader.highlightBoxes(stored!.id);
  expect(near(union(before.rects), union(geo2.lines), 2), 'the highlight covers the selected text').toBe(true);

  // The reader saves its position (throttled): reload once page 2 is stored.
  await expect
    .poll(async () => (await folio.call<{ position: { page: number } | null }>('papers:get', { id: paper.id })).position?.page)
    .toBe(2);
  await page.reload();
  await reader.waitReady();
  const after = await reader.highlightBoxes(stored!.id);
  expect(after.page.width).toBeCloseTo(before.page.width, 0);
  expect(after.rects).toHaveLength(before.rects.length);
  for (const [i, r] of after.rects.entries())
    expect(near(r, before.rects[i]!, 1), `rect ${i} within 1 px after reload`).toBe(true);
  // The reader reopened where it was.
  await expect(reader.root).toHaveAttribute('data-page', '2');
});

test('PDFs are added with the file dialog and by dropping them; a bad file is refused by name and a duplicate is reported', async ({
  page,
  folio,
}) => {
  const a = await makePaperPdf({
    title: 'Sparse Retrieval for Lab Notebooks',
    authors: ['Maria Okafor', 'Tomás Silva'],
    arxiv: { id: '2403.01234', version: 2, category: 'cs.IR', date: '12 Mar 2024' },
    pages: 3,
    seed: 5,
  });
  const b = await makePaperPdf({
    title: 'Incremental Indexing for Personal Knowledge Bases',
    authors: ['Zoë Müller'],
    pages: 2,
    seed: 6,
  });
  const app = new AppShell(page);
  const library = new LibraryPage(page);
  await app.open(`${folio.url}#/papers`);
  await expect(page.getByText('Your library is empty')).toBeVisible();

  await library.addFiles([
    { name: 'sparse.pdf', bytes: a.bytes },
    { name: 'slides.pdf', bytes: notAPdf('zip') },
  ]);
  await expect(library.resultFor('sparse.pdf')).toHaveAttribute('data-state', 'added');
  await expect(library.resultFor('slides.pdf')).toHaveAttribute('data-state', 'failed');
  await expect(library.resultFor('slides.pdf')).toContainText('"slides.pdf" is not a PDF');
  await expect(library.rows()).toHaveCount(1);
  const row = library.row('Sparse Retrieval for Lab Notebooks');
  await expect(row).toContainText('Maria Okafor, Tomás Silva');
  await expect(row).toContainText('2024');

  await library.dropFiles([
    { name: 'indexing.pdf', bytes: b.bytes },
    { name: 'sparse again.pdf', bytes: a.bytes },
  ]);
  await expect(library.resultFor('indexing.pdf')).toHaveAttribute('data-state', 'added');
  await expect(library.resultFor('sparse again.pdf')).toHaveAttribute('data-state', 'duplicate');
  await expect(library.resultFor('sparse again.pdf')).toContainText(
    'already in your library as “Sparse Retrieval for Lab Notebooks”',
  );
  await expect(library.rows()).toHaveCount(2);

  // The bad file left nothing behind; the CLI sees the same library.
  const listed = await folio.folio(['papers', 'list', '--json']);
  expect(
    JSON.parse(listed.stdout)
      .map((p: { title: string }) => p.title)
      .sort(),
  ).toEqual(['Incremental Indexing for Personal Knowledge Bases', 'Sparse Retrieval for Lab Notebooks']);

  // The filter narrows the table as you type.
  await library.filter.fill('okafor');
  await expect(library.rows()).toHaveCount(1);
  await library.filter.fill('');
  await expect(library.rows()).toHaveCount(2);
});

test('the reading status changes from the library and the reader, and "Create paper note" writes the highlights into a journal entry', async ({
  page,
  folio,
}) => {
  const generated = await makePaperPdf({ title: 'Calibrated Reading Queues', authors: ['Amara Nwosu'], pages: 3, seed: 9 });
  const paper = await addViaApi(folio, generated.bytes, 'queues.pdf');
  await folio.call('papers:annotation-create', {
    paperId: paper.id,
    annotation: {
      kind: 'highlight',
      page: 1,
      rects: [[72, 500, 300, 512]],
      text: 'Queues grow faster than reading time',
      color: 'red',
      comment: 'Is this true for me?',
    },
  });
  const app = new AppShell(page);
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  await app.open(`${folio.url}#/papers`);
  await library
    .row('Calibrated Reading Queues')
    .getByRole('combobox', { name: /Status of/ })
    .selectOption('reading');
  await expect.poll(async () => (await folio.call<Paper>('papers:get', { id: paper.id })).status).toBe('reading');
  await library.tab('Reading').click();
  await expect(library.rows()).toHaveCount(1);
  await library.tab('Queued').click();
  await expect(library.rows()).toHaveCount(0);
  await library.tab('All').click();

  await library.row('Calibrated Reading Queues').getByRole('link', { name: 'Calibrated Reading Queues' }).click();
  await reader.waitReady();
  await expect(page.locator('.folio-hl')).toHaveCount(1);
  await reader.status.selectOption('read');
  await expect.poll(async () => (await folio.call<Paper>('papers:get', { id: paper.id })).finishedAt).not.toBeNull();

  await page.getByRole('button', { name: 'Create paper note' }).first().click();
  await expect(page).toHaveURL(/#\/journal\/[0-9a-z]+$/);
  const entryId = page.url().split('/').pop()!;
  const entry = await folio.call<{ kind: string; title: string; body: string }>('journal:get', { id: entryId });
  expect(entry).toMatchObject({ kind: 'paper', title: 'Notes: Calibrated Reading Queues' });
  expect(entry.body).toContain('[[Calibrated Reading Queues]]');
  expect(entry.body).toContain('### Question');
  expect(entry.body).toContain('> Queues grow faster than reading time');
  expect(entry.body).toContain(`(folio://paper/${paper.id}?page=1)`);
  expect((await folio.call<Paper>('papers:get', { id: paper.id })).noteEntryId).toBe(entryId);
});

test('a scanned PDF opens and says it has no text layer; a link without a PDF shows its details', async ({ page, folio }) => {
  const scan = await addViaApi(folio, await makeScannedPdf({ pages: 2 }), 'scan.pdf');
  const link = await folio.call<Paper>('papers:add-item', {
    kind: 'link',
    title: 'A Visual Guide to Attention',
    url: 'https://example.org/attention',
    via: 'Priya',
    source: 'Newsletter',
  });
  const app = new AppShell(page);
  const reader = new ReaderPage(page);
  await app.open(`${folio.url}#/papers/${scan.id}`);
  await reader.waitReady();
  await expect(page.getByTestId('no-text-layer')).toContainText('no text layer');
  await expect(reader.root).toHaveAttribute('data-has-text-layer', 'false');

  await page.goto(`${folio.url}#/papers/${link.id}`);
  await expect(page.getByRole('heading', { name: 'A Visual Guide to Attention', level: 2 })).toBeVisible();
  await expect(page.getByText('Recommended by')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Attach the PDF…' })).toBeVisible();
});

test('a link to an annotation (from search) scrolls the reader to it; the Related tab sits beside Annotations', async ({
  page,
  folio,
}) => {
  const generated = await makePaperPdf({ title: 'Where Highlights Hide', authors: ['Uma Index'], pages: 4, seed: 21 });
  const paper = await addViaApi(folio, generated.bytes, 'hide.pdf');
  // Near the bottom of page 3: not on screen when page 3 opens at its top.
  const low = await folio.call<Stored>('papers:annotation-create', {
    paperId: paper.id,
    annotation: {
      kind: 'highlight',
      page: 3,
      rects: [[72, 60, 320, 72]],
      text: 'the bottom line',
      color: 'green',
      comment: 'found by search',
    },
  });
  // Search finds it and links to it.
  const found = await folio.call<{ results: { kind: string; id: string; paperId: string; page: number }[] }>('search:query', {
    q: 'bottom line',
    mode: 'fts',
    kinds: ['annotation'],
  });
  expect(found.results[0]).toMatchObject({ kind: 'annotation', id: low.id, paperId: paper.id, page: 3 });

  const app = new AppShell(page);
  const reader = new ReaderPage(page);
  await app.open(`${folio.url}#/papers/${paper.id}?page=3&annotation=${low.id}`);
  await reader.waitReady();
  await expect(reader.highlight(low.id)).toHaveClass(/is-active/);
  await expect(reader.highlight(low.id).locator('.folio-hl__rect')).toBeInViewport({ ratio: 1 });
  await expect(page.locator('.folio-annot.is-active')).toContainText('the bottom line');

  const sidebar = page.getByRole('complementary', { name: 'Reader sidebar' });
  await sidebar.getByRole('tab', { name: 'Related' }).click();
  await expect(sidebar.getByRole('tab', { name: 'Related' })).toHaveAttribute('aria-selected', 'true');
  const related = sidebar.getByRole('region', { name: 'Related' });
  await expect(related).toBeVisible();
  // With the model: related items or "still being indexed"; without: it says the model is needed. Never stuck.
  await expect(related).not.toContainText('Looking…');
  await sidebar.getByRole('tab', { name: /^Annotations/ }).click();
  await expect(page.locator('.folio-annot')).toHaveCount(1);
});
