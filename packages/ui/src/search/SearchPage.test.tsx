import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FolioApi, SearchResultDto, SearchResultsDto } from '@folio/core/contract';
import { ApiProvider } from '../api/ApiContext';
import { SearchPage } from '../pages/SearchPage';
import { parseHash } from '../shell/router';
import { whyText } from './format';
import { YouWroteBefore } from './YouWroteBefore';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});
beforeEach(() => {
  window.location.hash = '#/search';
});

function result(over: Partial<SearchResultDto>): SearchResultDto {
  return {
    kind: 'entry',
    id: 'e1',
    docId: 1,
    title: 'Applications',
    date: '2019-11-09',
    subkind: 'daily',
    tags: [],
    isPublic: false,
    snippet: 'about to <mark>申请</mark> &lt;img src=x onerror=alert(1)&gt;',
    score: 3.2,
    why: { fts: { rank: 1, bm25: -3.2, matchedFields: ['body'] } },
    ...over,
  };
}

function fakeApi(results: SearchResultDto[]) {
  const calls: { name: string; payload: Record<string, unknown> }[] = [];
  const api = {
    transport: 'memory',
    call: vi.fn(async (name: string, payload: Record<string, unknown>) => {
      calls.push({ name, payload });
      if (name === 'search:query') {
        const r: SearchResultsDto = {
          q: String(payload.q),
          mode: (payload.mode as 'fts') ?? 'fts',
          requestedMode: null,
          results,
          total: results.length,
          vectorIndex: { pending: 0, done: 0, total: 0 },
          tookMs: 1,
        };
        return r;
      }
      if (name === 'search:index-status')
        return {
          docs: { total: 0 },
          chunks: { pending: 0, done: 0, total: 0, empty: 0 },
          embedder: { state: 'unavailable', message: 'No model' },
        };
      if (name === 'search:similar-text')
        return {
          state: 'ok',
          items: [
            {
              kind: 'entry',
              id: 'old',
              docId: 9,
              title: 'Last spring',
              date: '2025-04-01',
              score: 0.8,
              excerpt: 'x',
              heading: null,
            },
          ],
        };
      return null;
    }),
    on: () => ({ dispose() {} }),
    blobUrl: (s: string) => `/blobs/${s}`,
    upload: vi.fn(),
  } as unknown as FolioApi;
  return { api, calls };
}

describe('SearchPage', () => {
  it('searches as you type, keeps the query in the address, renders marks safely and opens results by keyboard', async () => {
    const { api, calls } = fakeApi([
      result({}),
      result({
        kind: 'annotation',
        id: 'a1',
        docId: 2,
        title: 'A paper',
        subkind: 'highlight',
        paperId: 'p1',
        page: 3,
        snippet: 'plain',
        why: { vector: { rank: 1, similarity: 0.71, heading: null, excerpt: 'plain' } },
      }),
    ]);
    render(
      <ApiProvider api={api}>
        <SearchPage route={parseHash(window.location.hash)} />
      </ApiProvider>,
    );
    const box = screen.getByRole('combobox', { name: 'Search everything' });
    fireEvent.change(box, { target: { value: '申请' } });
    await waitFor(() => expect(calls.some((c) => c.name === 'search:query' && c.payload.q === '申请')).toBe(true));
    expect(window.location.hash).toBe(`#/search?q=${encodeURIComponent('申请')}`);
    const options = within(await screen.findByRole('listbox', { name: 'Results' })).getAllByRole('option');
    expect(options).toHaveLength(2);
    const mark = options[0]!.querySelector('mark')!;
    expect(mark.textContent).toBe('申请');
    expect(options[0]!.querySelector('img')).toBeNull();
    expect(options[0]!.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(options[0]!.textContent).toContain('Words in the text');
    expect(options[1]!.textContent).toContain('Highlight');
    expect(options[1]!.textContent).toContain('Close in meaning, 0.71');
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(options[1]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(window.location.hash).toBe('#/papers/p1?page=3&annotation=a1');
  });

  it('filters go into the query and the address', async () => {
    window.location.hash = '#/search?q=paper&kind=paper&from=2020-01-01&public=private&mode=fts';
    const { api, calls } = fakeApi([]);
    render(
      <ApiProvider api={api}>
        <SearchPage route={parseHash(window.location.hash)} />
      </ApiProvider>,
    );
    await waitFor(() => expect(calls.find((c) => c.name === 'search:query')).toBeDefined());
    expect(calls.find((c) => c.name === 'search:query')!.payload).toMatchObject({
      q: 'paper',
      mode: 'fts',
      kinds: ['paper'],
      from: '2020-01-01',
      public: false,
    });
    expect(await screen.findByText('Nothing found for “paper”')).toBeTruthy();
    expect(screen.getByText('Keyword search only')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Entries' }));
    expect(window.location.hash).toContain('kind=paper%2Centry');
  });
});

describe('comment results', () => {
  it('the Comments filter asks for comments; a comment result is labelled and opens the inbox on it', async () => {
    window.location.hash = '#/search?q=estuary&kind=comment&mode=fts';
    const { api, calls } = fakeApi([
      result({
        kind: 'comment',
        id: 'c 1',
        title: 'Lena on posts/kayak',
        subkind: 'approved',
        snippet: 'the <mark>estuary</mark> route',
      }),
    ]);
    render(
      <ApiProvider api={api}>
        <SearchPage route={parseHash(window.location.hash)} />
      </ApiProvider>,
    );
    expect(screen.getByRole('button', { name: 'Comments' }).getAttribute('aria-pressed')).toBe('true');
    const [option] = within(await screen.findByRole('listbox', { name: 'Results' })).getAllByRole('option');
    expect(calls.find((c) => c.name === 'search:query')!.payload).toMatchObject({ kinds: ['comment'] });
    expect(option!.textContent).toContain('Comment');
    expect(option!.textContent).toContain('Lena on posts/kayak');
    expect(option!.querySelector('a')!.getAttribute('href')).toBe('#/inbox?comment=c%201');
  });
});

describe('whyText', () => {
  it('says where the words were and how close the meaning is', () => {
    expect(whyText({ fts: { rank: 1, bm25: -1, matchedFields: ['title', 'body'] } })).toBe('Words in the title and text');
    expect(
      whyText({
        fts: { rank: 1, bm25: -1, matchedFields: ['body'], partial: true },
        vector: { rank: 2, similarity: 0.5, heading: 'Ideas', excerpt: '' },
      }),
    ).toBe('Some of the words in the text · close in meaning (“Ideas”), 0.50');
  });
});

describe('YouWroteBefore', () => {
  it('asks after a pause in typing and shows the closest past entries, until dismissed', async () => {
    vi.useFakeTimers();
    const { api, calls } = fakeApi([]);
    const text = 'Thinking again about the application deadlines and what the letters should say. '.repeat(2);
    const view = render(
      <ApiProvider api={api}>
        <YouWroteBefore text={text} excludeId="now" />
      </ApiProvider>,
    );
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1600);
    });
    expect(calls).toHaveLength(0); // opening an entry is not writing
    view.rerender(
      <ApiProvider api={api}>
        <YouWroteBefore text={`${text} More.`} excludeId="now" />
      </ApiProvider>,
    );
    expect(calls).toHaveLength(0);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1600);
    });
    expect(calls[0]).toMatchObject({ name: 'search:similar-text', payload: { excludeId: 'now', kinds: ['entry'] } });
    expect(screen.getByRole('link', { name: 'Last spring' }).getAttribute('href')).toBe('#/journal/old');
    fireEvent.click(screen.getByRole('button', { name: 'Hide these suggestions' }));
    expect(screen.queryByRole('link', { name: 'Last spring' })).toBeNull();
  });
});
