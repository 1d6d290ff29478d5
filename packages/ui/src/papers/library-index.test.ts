import { describe, expect, it } from 'vitest';
import type { PaperSummaryDto } from '@folio/core/contract';
import {
  buildLibraryIndex,
  filterLibrary,
  parseAuthorsInput,
  parseTagsInput,
  statusCounts,
  tagCounts,
  type LibraryFilter,
} from './library-index';

function paper(id: string, over: Partial<PaperSummaryDto>): PaperSummaryDto {
  return {
    id,
    kind: 'pdf',
    title: `Paper ${id}`,
    authors: [],
    year: null,
    venue: null,
    doi: null,
    arxivId: null,
    url: null,
    source: null,
    via: null,
    tags: [],
    status: 'queued',
    statusAt: '2026-01-01T00:00:00Z',
    addedAt: `2026-01-0${id}T00:00:00Z`,
    lastOpenedAt: null,
    finishedAt: null,
    progress: 0,
    pageCount: 10,
    hasPdf: true,
    collectionIds: [],
    annotationCount: 0,
    ...over,
  };
}

const items = [
  paper('1', {
    title: 'Attention Is All You Need',
    authors: ['Ashish Vaswani', 'Noam Shazeer'],
    year: 2017,
    venue: 'NeurIPS',
    tags: ['transformers'],
    status: 'read',
    arxivId: '1706.03762',
  }),
  paper('2', {
    title: 'Deep Residual Learning',
    authors: ['Kaiming He'],
    year: 2016,
    venue: 'CVPR',
    tags: ['vision/cnn'],
    status: 'reading',
    collectionIds: ['c1'],
  }),
  paper('3', {
    title: 'Kernel Methods',
    authors: ['Bernhard Schölkopf'],
    year: 2002,
    kind: 'book',
    status: 'queued',
    via: 'Priya',
  }),
];
const base: LibraryFilter = { q: '', status: 'all', collectionId: null, tag: null, kind: null, sort: 'added', order: undefined };
const ids = (f: Partial<LibraryFilter>) => filterLibrary(buildLibraryIndex(items), { ...base, ...f }).map((p) => p.id);

describe('library filter', () => {
  it('matches every word anywhere (title, authors, venue, year, tags, ids, via), accent-blind', () => {
    expect(ids({ q: 'attention vaswani' })).toEqual(['1']);
    expect(ids({ q: 'scholkopf' })).toEqual(['3']);
    expect(ids({ q: '#vision' })).toEqual(['2']);
    expect(ids({ q: '1706.03762' })).toEqual(['1']);
    expect(ids({ q: 'priya' })).toEqual(['3']);
    expect(ids({ q: '"residual learning"' })).toEqual(['2']);
    expect(ids({ q: '"learning residual"' })).toEqual([]);
    expect(ids({ q: 'attention cvpr' })).toEqual([]);
  });

  it('combines status, collection, tag series and kind, and sorts', () => {
    expect(ids({ status: 'reading' })).toEqual(['2']);
    expect(ids({ collectionId: 'c1' })).toEqual(['2']);
    expect(ids({ tag: 'vision' })).toEqual(['2']);
    expect(ids({ kind: 'book' })).toEqual(['3']);
    expect(ids({})).toEqual(['1', '2', '3']);
    expect(ids({ sort: 'year' })).toEqual(['1', '2', '3']);
    expect(ids({ sort: 'year', order: 'asc' })).toEqual(['3', '2', '1']);
    expect(ids({ sort: 'title' })).toEqual(['1', '2', '3']);
    // 'added' keeps the server's order (newest first) unless asked for the oldest first.
    expect(ids({ sort: 'added', order: 'asc' })).toEqual(['1', '2', '3']);
  });

  it('counts statuses within the other filters, and tags', () => {
    const c = statusCounts(buildLibraryIndex(items), { q: '', collectionId: null, tag: null, kind: null });
    expect(c).toMatchObject({ all: 3, read: 1, reading: 1, queued: 1, skimmed: 0 });
    expect(tagCounts(items).map((t) => t.tag)).toEqual(['transformers', 'vision/cnn']);
  });

  it('reads authors and tags typed in a form', () => {
    expect(parseAuthorsInput('Ashish Vaswani, Noam Shazeer')).toEqual(['Ashish Vaswani', 'Noam Shazeer']);
    expect(parseAuthorsInput('Vaswani, Ashish')).toEqual(['Vaswani, Ashish']);
    expect(parseAuthorsInput('Vaswani, Ashish; Shazeer, Noam')).toEqual(['Vaswani, Ashish', 'Shazeer, Noam']);
    expect(parseAuthorsInput('A. Author\nB. Writer\n')).toEqual(['A. Author', 'B. Writer']);
    expect(parseTagsInput('#ml/vision, to-read  x')).toEqual(['ml/vision', 'to-read', 'x']);
  });
});
