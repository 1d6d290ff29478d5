import { describe, expect, it } from 'vitest';
import { makePaperPdf, type MakePaperOptions } from '../testing';
import { inspectPdf } from './index';
import { creationYearOfDate } from './identifiers';
import { isJunkTitle } from './metadata';

/**
 * Generated papers whose page 1 is laid out the way real ones often are: a masthead or running
 * header set in type larger than the title, no year printed anywhere, or an Info dictionary
 * whose Title is whatever the producing tool left there.
 */

const TITLE = 'Seasonal Drift in Volunteer Bird Counts Along Urban Rivers';
const AUTHORS = ['Marit Solberg', 'Osei Adjei', 'Camille Fournier'];

async function inspect(opts: MakePaperOptions) {
  const paper = await makePaperPdf({ title: TITLE, authors: AUTHORS, pages: 3, seed: 11, ...opts });
  return (await inspectPdf(paper.bytes, { fileName: 'paper.pdf' })).metadata;
}

describe('mastheads set larger than the title', () => {
  const cases: { masthead: string[]; year: number | null }[] = [
    { masthead: ['Journal of Riverine Ecology Research 21 (2020) 1-67'], year: 2020 },
    { masthead: ['Proceedings of the 12th Workshop on Citizen Science Data'], year: null },
    { masthead: ['Published as a conference paper at ICLR 2024'], year: 2024 },
    { masthead: ['Under review as a conference paper at FOLIOCONF 2025'], year: 2025 },
    { masthead: ['Preprint. Under review.'], year: null },
    { masthead: ['Nature | Vol 612 | 8 December 2022'], year: 2022 },
    { masthead: ['Urban Wildlife Letters | (2019) 14:2231'], year: 2019 },
    { masthead: ['Applied Habitat Informatics 45 (2012) 123-456'], year: 2012 },
    { masthead: ['Transactions of the Folio Society, Vol 12, No 3, 2018'], year: 2018 },
    { masthead: ['1'], year: null },
    { masthead: ['Page 1 of 14'], year: null },
    { masthead: ['© 2016 The Folio Test Society. All rights reserved.'], year: 2016 },
    { masthead: ['Article'], year: null },
    { masthead: ['Research Article'], year: null },
    { masthead: ['RESEARCH ARTICLE', 'Check for updates'], year: null },
    { masthead: ['FolioConf ’21, June 3–7, 2021, Lisbon, Portugal'], year: 2021 },
    { masthead: ['Contents lists available at FolioDirect', 'journal homepage: www.example.org/locate/rivers'], year: null },
    {
      masthead: [
        'Contents lists available at FolioDirect',
        'Urban Soil Informatics',
        'journal homepage: www.example.org/locate/usi',
      ],
      year: null,
    },
    { masthead: ['riverine'], year: null },
    { masthead: ['FULL PAPER'], year: null },
  ];

  for (const { masthead, year } of cases) {
    it(`skips "${masthead.join(' / ')}" and reads the real title${year ? `, year ${year}` : ''}`, async () => {
      const m = await inspect({ masthead });
      expect(m.title).toBe(TITLE);
      expect(m.authors).toEqual(AUTHORS);
      if (year !== null) {
        expect(m.year).toBe(year);
        expect(m.sources.year).toBe('text');
      }
    });
  }

  it('reads an upright arXiv header as the stamp, not the title', async () => {
    const m = await inspect({ masthead: ['arXiv:2106.04512v2 [q-bio.PE] 3 Jun 2021'] });
    expect(m.title).toBe(TITLE);
    expect(m.arxivId).toBe('2106.04512');
    expect(m.year).toBe(2021);
  });

  it('takes the masthead year over the file’s creation date', async () => {
    const m = await inspect({
      masthead: ['Journal of Riverine Ecology Research 8 (2017) 41-60'],
      info: { creationDate: new Date('2023-02-01T00:00:00Z') },
    });
    expect(m.year).toBe(2017);
    expect(m.sources.year).toBe('text');
  });

  it('still reads a title set as large as the masthead, directly under it', async () => {
    const m = await inspect({ masthead: ['Preprint. Under review.'], mastheadSize: 17 });
    expect(m.title).toBe(TITLE);
  });
});

describe('year when the page prints none', () => {
  it('falls back to the Info CreationDate', async () => {
    const m = await inspect({ info: { creationDate: new Date('2018-05-04T09:00:00Z') } });
    expect(m.year).toBe(2018);
    expect(m.sources.year).toBe('info');
  });

  it('prefers the arXiv id’s year to the creation date', async () => {
    const m = await inspect({
      arxiv: { id: '2106.04512', category: 'q-bio.PE', date: '' },
      info: { creationDate: new Date('2024-09-30T09:00:00Z') },
    });
    expect(m.arxivId).toBe('2106.04512');
    expect(m.year).toBe(2021);
    expect(m.sources.year).toBe('stamp');
  });

  it('prefers a copyright year to the creation date', async () => {
    const m = await inspect({ copyrightYear: 2014, info: { creationDate: new Date('2020-01-15T00:00:00Z') } });
    expect(m.year).toBe(2014);
    expect(m.sources.year).toBe('text');
  });

  it('ignores creation dates in the future or from before PDF existed', async () => {
    const future = new Date(Date.now() + 3 * 366 * 24 * 3600 * 1000);
    expect((await inspect({ info: { creationDate: future } })).year).toBeNull();
    expect((await inspect({ info: { creationDate: new Date('1850-03-01T00:00:00Z') } })).year).toBeNull();
    expect((await inspect({ info: { creationDate: new Date('1970-01-01T00:00:00Z') } })).year).toBeNull();
  });

  it('reads creation dates strictly', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(creationYearOfDate("D:20170626123554Z00'00'", now)).toBe(2017);
    expect(creationYearOfDate('D:2026', now)).toBe(2026);
    expect(creationYearOfDate('D:20260501', now)).toBe(2026);
    expect(creationYearOfDate('D:20261201', now)).toBeNull(); // later this year: a wrong clock
    expect(creationYearOfDate('D:20270101', now)).toBeNull();
    expect(creationYearOfDate('D:18991231', now)).toBeNull();
    expect(creationYearOfDate('D:19700101000000Z', now)).toBeNull();
    expect(creationYearOfDate('2015-05-21T14:57:35+01:00', now)).toBe(2015);
    expect(creationYearOfDate('D:00000000', now)).toBeNull();
    expect(creationYearOfDate(20170101, now)).toBeNull();
  });
});

describe('Info titles that tools write', () => {
  const junk = [
    'Microsoft Word - draft3.docx',
    'Microsoft Word - Document1',
    'untitled',
    'Untitled-1',
    'paper_final_v2',
    'river-counts.pdf',
    'C:\\Users\\marit\\Desktop\\counts.doc',
    'LaTeX',
    'TeX output 2021.03.04:1200',
    '1234567',
    'arXiv:2106.04512v2',
    'S0169-2046(19)30123-4',
    'Manuscript 2231',
    'Paper Title',
    'Insert your title here',
    'PowerPoint Presentation',
    'thesis',
  ];

  it('flags them as junk, and keeps real titles', () => {
    for (const t of junk) expect(isJunkTitle(t), t).toBe(true);
    for (const t of [TITLE, 'Deep learning', 'Dropout', 'Texture Synthesis', 'Word Embeddings Revisited', 'Paper Mills'])
      expect(isJunkTitle(t), t).toBe(false);
  });

  for (const title of junk) {
    it(`never lets "${title}" beat the printed title`, async () => {
      const m = await inspect({ info: { title } });
      expect(m.title).toBe(TITLE);
      expect(m.sources.title).toBe('layout');
    });
  }

  it('does not take a venue name set in the masthead for the title', async () => {
    const paper = await makePaperPdf({
      title: 'Counting Herons at Dawn',
      authors: AUTHORS,
      masthead: ['Riverine Ecology Letters 9 (2011) 12-19'],
      info: { title: 'Riverine Ecology Letters' },
    });
    const m = (await inspectPdf(paper.bytes, { fileName: 'herons.pdf' })).metadata;
    expect(m.title).toBe('Counting Herons at Dawn');
    expect(m.year).toBe(2011);
  });

  it('still uses a genuine Info title the page prints', async () => {
    const m = await inspect({ info: { title: TITLE } });
    expect(m.title).toBe(TITLE);
    expect(m.sources.title).toBe('info');
  });
});
