import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { corruptPdf, makeEncryptedPdf, makePaperPdf, makeScannedPdf, notAPdf, SENTENCES, truncatePdf } from '../testing';
import { extractAllText, extractPdfText, inspectPdf, openPdf, PdfError, type PdfErrorCode } from './index';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

async function expectPdfError(bytes: Uint8Array, fileName: string, code: PdfErrorCode): Promise<PdfError> {
  const err = await inspectPdf(bytes, { fileName }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PdfError);
  const pdfErr = err as PdfError;
  expect(pdfErr.code).toBe(code);
  expect(pdfErr.message).toContain(`"${fileName}"`);
  expect(pdfErr.fileName).toBe(fileName);
  return pdfErr;
}

describe('inspectPdf on generated papers', () => {
  it('reads title, authors, arXiv stamp, DOI, year and page count from a two-column paper', async () => {
    const paper = await makePaperPdf({
      title: 'Incremental Indexing of Handwritten Lab Notebooks with Sparse Retrieval',
      authors: [
        { name: 'Zoë Müller', affiliations: [1] },
        { name: 'Tomás Silva', affiliations: [1, 2] },
        { name: 'Pieter van der Berg', affiliations: [2] },
      ],
      affiliations: ['Department of Computer Science, University of Northfield', 'Eastbrook Institute of Technology'],
      pages: 6,
      columns: 2,
      banner: 'Published as a conference paper at FOLIOCONF 2021',
      arxiv: { id: '2103.01234', version: 3, category: 'cs.IR', date: '9 Jun 2022' },
      doi: '10.5555/folio.2021.0042',
      references: [
        '[1] B. Author. An earlier preprint. arXiv:1706.03762, 2017.',
        '[2] C. Author. Another one. arXiv:1412.6980v9.',
      ],
    });
    const info = await inspectPdf(paper.bytes, { fileName: 'indexing.pdf' });
    expect(info.pageCount).toBe(6);
    expect(info.hasTextLayer).toBe(true);
    expect(info.metadata.title).toBe(paper.title);
    expect(info.metadata.authors).toEqual(['Zoë Müller', 'Tomás Silva', 'Pieter van der Berg']);
    expect(info.metadata.arxivId).toBe('2103.01234');
    expect(info.metadata.arxivVersion).toBe('v3');
    expect(info.metadata.arxivCategory).toBe('cs.IR');
    expect(info.metadata.doi).toBe('10.5555/folio.2021.0042');
    // The venue line wins over the stamp's (later) date.
    expect(info.metadata.year).toBe(2021);
    expect(info.metadata.venue).toBe('FOLIOCONF 2021');
    expect(info.metadata.abstract).toContain(
      squash(paper.pageTexts[0]!.find((t) => SENTENCES.some((s) => t.startsWith(s)))!).slice(0, 40),
    );
    expect(info.metadata.sources).toMatchObject({ title: 'layout', authors: 'layout', arxivId: 'stamp' });
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(info.fingerprint).not.toBe('');
    expect(info.pageSize).toEqual({ width: 612, height: 792 });
  });

  it('handles a grid byline with emails and a one-per-line byline', async () => {
    const grid = await makePaperPdf({
      title: 'Contrastive Alignment across Sensor Streams',
      authors: [
        { name: 'Ada Lindqvist', affiliations: [1], email: 'ada@northfield.edu' },
        { name: 'Bruno Okafor', affiliations: [2], email: 'bruno@eastbrook.edu' },
        { name: 'Chiara Moreau', affiliations: [1], email: 'chiara@northfield.edu' },
        { name: 'Dmitri Tanaka', affiliations: [2], email: 'dmitri@eastbrook.edu' },
      ],
      affiliations: ['University of Northfield', 'Eastbrook Technical University'],
      authorLayout: 'grid',
    });
    expect((await inspectPdf(grid.bytes, { fileName: 'grid.pdf' })).metadata.authors).toEqual(grid.authors);

    const stacked = await makePaperPdf({
      title: 'Streaming Compression for Weather Logs',
      authors: [
        { name: 'Greta Fischer', email: 'greta@example.org' },
        { name: 'Hiroshi Castillo', email: 'hiroshi@example.org' },
      ],
      affiliations: ['School of Informatics, University of Westmoor'],
      authorLayout: 'stacked',
    });
    const info = await inspectPdf(stacked.bytes, { fileName: 'stacked.pdf' });
    expect(info.metadata.title).toBe('Streaming Compression for Weather Logs');
    expect(info.metadata.authors).toEqual(['Greta Fischer', 'Hiroshi Castillo']);
  });

  it('never takes arXiv ids cited in the text or references for the paper’s own', async () => {
    const paper = await makePaperPdf({
      title: 'Robust Clustering of Citation Graphs',
      references: ['[1] D. Person. A cited paper. arXiv:1706.03762, 2017.', '[2] E. Person. hep-th/9901001.'],
      copyrightYear: 2019,
    });
    const info = await inspectPdf(paper.bytes, { fileName: 'no-stamp.pdf' });
    expect(info.metadata.arxivId).toBeNull();
    expect(info.metadata.year).toBe(2019);
  });

  it('trusts the Info title and authors only when the page prints them', async () => {
    const printed = await makePaperPdf({
      title: 'SPARSE TOKENISATION FOR CODE REPOSITORIES',
      authors: ['Ingrid Novak', 'José Haddad'],
      info: { title: 'Sparse Tokenisation for Code Repositories', author: 'Ingrid Novak, José Haddad' },
    });
    const a = await inspectPdf(printed.bytes, { fileName: 'a.pdf' });
    expect(a.metadata.title).toBe('Sparse Tokenisation for Code Repositories');
    expect(a.metadata.sources.title).toBe('info');
    expect(a.metadata.authors).toEqual(['Ingrid Novak', 'José Haddad']);

    const junk = await makePaperPdf({
      title: 'Adaptive Scheduling of Clinical Letters',
      authors: ['Kofi Brennan'],
      info: { title: 'paper.dvi', author: 'admin', creationDate: new Date('2003-08-12T10:00:00Z') },
    });
    const b = await inspectPdf(junk.bytes, { fileName: 'b.pdf' });
    expect(b.metadata.title).toBe('Adaptive Scheduling of Clinical Letters');
    expect(b.metadata.authors).toEqual(['Kofi Brennan']);
    expect(b.metadata.year).toBe(2003);
    expect(b.info.Title).toBe('paper.dvi');

    const template = await makePaperPdf({
      title: 'Hierarchical Segmentation of Audio Diaries',
      authors: ['Lena Petrov'],
      info: { title: 'Instructions for Authors of Conference Papers', author: 'Someone Else' },
    });
    const c = await inspectPdf(template.bytes, { fileName: 'c.pdf' });
    expect(c.metadata.title).toBe('Hierarchical Segmentation of Audio Diaries');
    expect(c.metadata.authors).toEqual(['Lena Petrov']);
  });

  it('normalises an all-caps title and ignores the title repeated as running head', async () => {
    const paper = await makePaperPdf({ title: 'SCALABLE ALIGNMENT OF SCANNED ARCHIVES', authors: ['Mateo Silva'], pages: 4 });
    const info = await inspectPdf(paper.bytes, { fileName: 'caps.pdf' });
    expect(info.metadata.title).toBe('Scalable Alignment of Scanned Archives');
  });

  it('reads the outline with page numbers and nesting', async () => {
    const paper = await makePaperPdf({ pages: 5, outline: true });
    const info = await inspectPdf(paper.bytes, { fileName: 'outline.pdf' });
    const top = paper.sections.filter((s) => s.level === 0);
    expect(info.outline.map((o) => o.title)).toEqual(top.map((s) => s.title));
    expect(info.outline.map((o) => o.page)).toEqual(top.map((s) => s.page));
    expect(info.outline[0]!.children.map((c) => c.title)).toEqual(['1.1 Motivation']);
  });

  it('does not consume the caller’s bytes unless asked to', async () => {
    const paper = await makePaperPdf({ pages: 1 });
    await inspectPdf(paper.bytes, { fileName: 'keep.pdf' });
    expect(paper.bytes.byteLength).toBeGreaterThan(0);
    const again = await inspectPdf(paper.bytes, { fileName: 'keep.pdf' });
    expect(again.pageCount).toBe(1);

    const expected = createHash('sha256').update(paper.bytes).digest('hex');
    const handedOver = await inspectPdf(paper.bytes, { fileName: 'keep.pdf', transferBytes: true });
    expect(handedOver.sha256).toBe(expected);
    expect(paper.bytes.byteLength).toBe(0); // detached: pdf.js owns it now
  });
});

describe('extractPdfText', () => {
  it('streams every page’s text, page-numbered, in order', async () => {
    const paper = await makePaperPdf({ pages: 15, columns: 2, seed: 4 });
    const seen: number[] = [];
    const pages = await extractAllText(paper.bytes, { fileName: 'long.pdf', onPage: (i) => seen.push(i) });
    expect(pages.map((p) => p.pageIndex)).toEqual([...Array(15).keys()]);
    expect(seen).toEqual([...Array(15).keys()]);
    pages.forEach((page, i) => {
      const text = squash(page.text);
      for (const para of paper.pageTexts[i]!) expect(text).toContain(para);
    });
  });

  it('resumes from a page and stops when aborted', async () => {
    const paper = await makePaperPdf({ pages: 8, seed: 9 });
    const tail = await extractAllText(paper.bytes, { fileName: 'resume.pdf', fromPage: 5 });
    expect(tail.map((p) => p.pageIndex)).toEqual([5, 6, 7]);

    const controller = new AbortController();
    const got: number[] = [];
    const run = async () => {
      for await (const page of extractPdfText(paper.bytes, { fileName: 'abort.pdf', signal: controller.signal })) {
        got.push(page.pageIndex);
        if (page.pageIndex === 2) controller.abort();
      }
    };
    await expect(run()).rejects.toThrow(/cancel|abort/i);
    expect(got).toEqual([0, 1, 2]);
  });

  it('keeps a handle open for inspect and streaming, then closes it', async () => {
    const paper = await makePaperPdf({ pages: 3 });
    const handle = await openPdf(paper.bytes, { fileName: 'handle.pdf' });
    const info = await handle.inspect();
    const texts: string[] = [];
    for await (const page of handle.pages()) texts.push(page.text);
    await handle.close();
    expect(info.metadata.title).toBe(paper.title);
    expect(texts).toHaveLength(3);
    await expect(handle.pageText(0)).rejects.toThrow(/closed/);
  });

  it('extracts a 300-page file page by page', async () => {
    const paper = await makePaperPdf({ pages: 300, seed: 3 });
    let pages = 0;
    let chars = 0;
    for await (const page of extractPdfText(paper.bytes, { fileName: 'big.pdf' })) {
      pages++;
      chars += page.text.length;
      expect(page.error).toBeUndefined();
    }
    expect(pages).toBe(300);
    expect(chars).toBeGreaterThan(300 * 1000);
  }, 120_000);
});

describe('bad input', () => {
  it('rejects files that are not PDFs, naming the file and what it looks like', async () => {
    const zip = await expectPdfError(notAPdf('zip'), 'notes.docx', 'not_pdf');
    expect(zip.message).toMatch(/"notes\.docx" is not a PDF \(it starts with .*ZIP/);
    const html = await expectPdfError(notAPdf('html'), 'page.pdf', 'not_pdf');
    expect(html.message).toContain('"<!DOCTYP"');
    await expectPdfError(notAPdf('random'), 'noise.bin', 'not_pdf');
  });

  it('rejects empty, truncated, corrupt and password-protected files', async () => {
    await expectPdfError(new Uint8Array(0), 'zero.pdf', 'empty');
    const paper = await makePaperPdf({ pages: 4 });
    await expectPdfError(truncatePdf(paper.bytes, 0.6), 'half.pdf', 'truncated');
    await expectPdfError(truncatePdf(paper.bytes, 0.995), 'almost.pdf', 'truncated');
    await expectPdfError(corruptPdf(), 'broken.pdf', 'corrupt');
    const locked = await expectPdfError(makeEncryptedPdf({ userPassword: 'hunter2' }), 'locked.pdf', 'encrypted');
    expect(locked.message).toMatch(/password/);
    expect(locked.toFolioError().toJSON()).toEqual({
      code: 'invalid_file',
      message: locked.message,
      details: { reason: 'encrypted', file: 'locked.pdf' },
    });
  });

  it('opens a PDF protected only by an owner password', async () => {
    const bytes = makeEncryptedPdf({
      ownerPassword: 'owner',
      lines: ['Sealed Findings on Weather Logs', 'Rosa Kowalski and Sven Andersen'],
    });
    const info = await inspectPdf(bytes, { fileName: 'owner.pdf' });
    expect(info.pageCount).toBe(1);
    expect(info.metadata.title).toBe('Sealed Findings on Weather Logs');
    const [page] = await extractAllText(bytes, { fileName: 'owner.pdf' });
    expect(page!.text).toContain('Rosa Kowalski and Sven Andersen');
  });

  it('opens a scanned PDF and reports that it has no text layer', async () => {
    const bytes = await makeScannedPdf({ pages: 3 });
    const info = await inspectPdf(bytes, { fileName: 'scan.pdf' });
    expect(info.pageCount).toBe(3);
    expect(info.hasTextLayer).toBe(false);
    expect(info.metadata.title).toBeNull();
    const pages = await extractAllText(bytes, { fileName: 'scan.pdf' });
    expect(pages.map((p) => p.text)).toEqual(['', '', '']);
  });
});
