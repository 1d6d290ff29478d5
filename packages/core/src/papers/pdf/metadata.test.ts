import { describe, expect, it } from 'vitest';
import { arxivIdYear, findDois, isPlausibleArxivId, normalizeDoi, parseArxivStamp, yearOfDate } from './identifiers';
import { buildLines, joinRuns, layoutPage, runsToText, type PlacedRun, type TextRun } from './layout';
import { extractMetadata, isCoverPage, isJunkTitle, titleCaseIfShouting } from './metadata';
import { isPersonName, splitAuthorField, splitNames } from './names';
import { cleanText, combineSpacingAccents, repairLigatureMojibake } from './text-fixes';

/** A run as pdf.js would report it, in top-down page coordinates. */
function run(text: string, x: number, y: number, size = 10, extra: Partial<TextRun> = {}): TextRun {
  return { text, x, y, width: text.length * size * 0.5, size, font: 'f1', angle: 0, eol: false, ...extra };
}

const placed = (r: TextRun): PlacedRun => ({ ...r, role: 'normal' });

describe('text repairs', () => {
  it('repairs ligatures mapped to arrows or NUL inside words only', () => {
    expect(repairLigatureMojibake('Geo\u21b5rey Hinton, di\u21b5erent, sta\u21b5')).toBe('Geoffrey Hinton, different, staff');
    expect(repairLigatureMojibake('step size \u21b5 = 0.1')).toBe('step size \u21b5 = 0.1');
    expect(repairLigatureMojibake('di\u0000cult and e\u0000cient')).toBe('difficult and efficient');
    expect(cleanText('\ufb01nd \ufb02ow o\ufb03ce')).toBe('find flow office');
  });

  it('combines spacing accents with the right letter', () => {
    expect(combineSpacingAccents('A\u00a8aron')).toBe('Aäron');
    expect(combineSpacingAccents('Matevz\u02c7 Pesek')).toBe('Matevž Pesek');
    expect(combineSpacingAccents('Kr\u00a8ahenb\u00a8uhl')).toBe('Krähenbühl');
    expect(cleanText('plain text')).toBe('plain text');
  });

  it('puts an overlapping accent glyph on its neighbour using geometry', () => {
    // TeX: the accent is drawn first, over the following letter.
    const tex = [run('A\u00a8', 55, 100, 10, { width: 11 }), run('aron van den Oord', 63, 100, 10, { width: 81 })].map(placed);
    expect(joinRuns(tex)).toBe('Aäron van den Oord');
    // Other producers: the accent comes after its letter, overlapping it.
    const after = [run('Bo', 100, 100, 10, { width: 11 }), run('\u00a8sendorfer', 106, 100, 10, { width: 45 })].map(placed);
    expect(joinRuns(after)).toBe('Bösendorfer');
  });
});

describe('layout', () => {
  it('groups runs into lines, marks superscripts and splits far-apart cells into segments', () => {
    const runs = [
      run('Tim Kraska', 79, 118, 12.7, { width: 60 }),
      run('*', 139.5, 113, 9, { width: 3 }),
      run('Alex Beutel', 178, 118, 12.7, { width: 60 }),
      run('MIT', 101, 130, 10.6, { width: 19 }),
      run('Google, Inc.', 184, 130, 10.6, { width: 51 }),
    ];
    const lines = buildLines(runs);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.segments.map((s) => s.text)).toEqual(['Tim Kraska*', 'Alex Beutel']);
    expect(lines[0]!.segments[0]!.runs[1]!.role).toBe('sup');
    expect(joinRuns(lines[0]!.segments[0]!.runs, { marks: 'drop' })).toBe('Tim Kraska');
    expect(lines[1]!.segments.map((s) => s.text)).toEqual(['MIT', 'Google, Inc.']);
  });

  it('joins rotated runs into one stamp and keeps them out of the lines', () => {
    const stamp: TextRun[] = [
      run('arXiv:1412.6980v9', 32, 569, 20, { angle: -90, width: 150 }),
      run('[cs.LG]', 32, 410, 20, { angle: -90, width: 60 }),
      run('30 Jan 2017', 32, 340, 20, { angle: -90, width: 100 }),
    ];
    const page = layoutPage(0, 612, 792, [...stamp, run('Body text here', 100, 300)]);
    expect(page.lines.map((l) => l.text)).toEqual(['Body text here']);
    expect(page.rotated.map((r) => r.text)).toEqual(['arXiv:1412.6980v9 [cs.LG] 30 Jan 2017']);
  });

  it('writes page text in drawing order with line breaks', () => {
    expect(runsToText([run('First line', 72, 100, 10, { eol: true }), run('second', 72, 112), run('part', 110, 112)])).toBe(
      'First line\nsecond part',
    );
  });
});

describe('identifiers', () => {
  it('parses arXiv stamps, new and old style', () => {
    expect(parseArxivStamp('arXiv:1412.6980v9 [cs.LG] 30 Jan 2017')).toEqual({
      id: '1412.6980',
      version: 'v9',
      category: 'cs.LG',
      year: 2017,
    });
    expect(parseArxivStamp('arXiv:2103.00020v1  [cs.CV]  26 Feb 2021')).toMatchObject({ id: '2103.00020', year: 2021 });
    expect(parseArxivStamp('arXiv:hep-th/9901001v3 21 Jan 1999')).toMatchObject({
      id: 'hep-th/9901001',
      version: 'v3',
      year: 1999,
    });
    expect(parseArxivStamp('arXiv:math.GT/0309136')).toMatchObject({ id: 'math.GT/0309136' });
    expect(parseArxivStamp('see https://arxiv.org/abs/1706.03762v5')).toMatchObject({ id: '1706.03762', version: 'v5' });
    expect(parseArxivStamp('no id here')).toBeNull();
  });

  it('rejects implausible arXiv ids', () => {
    expect(isPlausibleArxivId('1412.6980')).toBe(true);
    expect(isPlausibleArxivId('2103.00020')).toBe(true);
    expect(isPlausibleArxivId('1413.6980')).toBe(false); // month 13
    expect(isPlausibleArxivId('0612.1234')).toBe(false); // before new-style ids
    expect(isPlausibleArxivId('1412.69801')).toBe(false); // 5 digits only from 2015
    expect(arxivIdYear('1412.6980')).toBe(2014);
    expect(arxivIdYear('hep-th/9901001')).toBe(1999);
  });

  it('finds and normalises DOIs', () => {
    expect(normalizeDoi('doi:10.1371/journal.pone.0169411.')).toBe('10.1371/journal.pone.0169411');
    expect(normalizeDoi('(https://doi.org/10.1145/3183713.3196909)')).toBe('10.1145/3183713.3196909');
    expect(normalizeDoi('10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI1>3.0.CO;2-3')).toBe(
      '10.1002/(SICI)1097-4571(199806)49:8',
    );
    expect(findDois('see 10.1038/nature14539 and doi:10.1198/106186006X113430, twice 10.1038/nature14539')).toEqual([
      '10.1038/nature14539',
      '10.1198/106186006X113430',
    ]);
  });

  it('reads years of PDF and ISO dates', () => {
    expect(yearOfDate("D:20170626123554Z00'00'")).toBe(2017);
    expect(yearOfDate('2015-05-21T14:57:35+01:00')).toBe(2015);
    expect(yearOfDate('yesterday')).toBeNull();
  });
});

describe('names', () => {
  it('tells names from affiliations and title words', () => {
    for (const name of [
      'Diederik P. Kingma',
      'Aäron van den Oord',
      'Shih-Fu Chang',
      'Ed H. Chi',
      'Yann LeCun',
      'Hui ZOU',
      'R. Channing Moore',
    ]) {
      expect(isPersonName(name), name).toBe(true);
    }
    for (const text of [
      'University of Toronto',
      'Google DeepMind',
      'UC Berkeley',
      'Deep Residual Learning',
      'Abstract',
      'Google',
      'J. R.',
    ]) {
      expect(isPersonName(text), text).toBe(false);
    }
  });

  it('splits bylines and strips marks, emails and case', () => {
    expect(splitNames('Hui ZOU, Trevor HASTIE, and Robert TIBSHIRANI').names).toEqual([
      'Hui Zou',
      'Trevor Hastie',
      'Robert Tibshirani',
    ]);
    expect(splitNames('Yann LeCun1,2, Yoshua Bengio3 & Geoffrey Hinton4,5').names).toEqual([
      'Yann LeCun',
      'Yoshua Bengio',
      'Geoffrey Hinton',
    ]);
    expect(splitNames('Matevž Pesek;*, Aleš Leonardis;, Matija Marolt;').names).toEqual([
      'Matevž Pesek',
      'Aleš Leonardis',
      'Matija Marolt',
    ]);
    expect(splitNames('Kaiming He, Member, IEEE, and Jian Sun').names).toEqual(['Kaiming He', 'Jian Sun']);
    expect(splitNames('Google, Inc., New York, NY')).toEqual({ names: [], rejected: 4 });
  });

  it('splits metadata author fields in their usual forms', () => {
    expect(splitAuthorField('Tim Kraska, Alex Beutel, and Neoklis Polyzotis')).toEqual([
      'Tim Kraska',
      'Alex Beutel',
      'Neoklis Polyzotis',
    ]);
    expect(splitAuthorField('Kingma, Diederik P.; Ba, Jimmy')).toEqual(['Diederik P. Kingma', 'Jimmy Ba']);
    expect(splitAuthorField('Lovelace, Ada')).toEqual(['Ada Lovelace']);
  });
});

describe('metadata heuristics', () => {
  it('flags producer junk as a title', () => {
    for (const t of ['paper.dvi', 'Microsoft Word - draft3.docx', 'untitled', 'nature14539', 'main', ''])
      expect(isJunkTitle(t), t).toBe(true);
    for (const t of [
      'Deep learning',
      'Articulated Pose Estimation',
      'Document Image Analysis',
      'Maintaining Consistency',
      'Template Matching',
    ]) {
      expect(isJunkTitle(t), t).toBe(false);
    }
  });

  it('title-cases shouted titles but keeps acronyms', () => {
    expect(titleCaseIfShouting('CNN ARCHITECTURES FOR LARGE-SCALE AUDIO CLASSIFICATION')).toBe(
      'CNN Architectures for Large-Scale Audio Classification',
    );
    expect(titleCaseIfShouting('Already Mixed Case')).toBe('Already Mixed Case');
  });

  it('skips a repository cover page and reads the article on page 2', () => {
    const cover = layoutPage(0, 595, 842, [
      run(
        'See discussions, stats, and author profiles for this publication at: https://www.researchgate.net/publication/1',
        60,
        117,
        9,
      ),
      run('Wrong Cover Title', 60, 157, 20),
      run('3 authors, including:', 60, 319, 10),
      run('Nature · May 2015', 104, 200, 10),
    ]);
    const article = layoutPage(1, 595, 782, [
      run('REVIEW', 37, 71, 38),
      run('Deep learning', 37, 127, 28),
      run('Yann LeCun', 37, 149, 9),
      run('1,2', 85, 145, 5.4),
      run(', Yoshua Bengio', 92, 149, 9, { width: 63 }),
      run('3', 155, 145, 5.4),
      run('& Geoffrey Hinton', 160, 149, 9, { width: 74 }),
      run('Deep learning allows computational models that are composed of multiple processing layers to learn', 45, 190, 9.3),
      run('representations of data with multiple levels of abstraction and many other words in this sentence', 45, 200, 9.3),
      run('© 2015 Macmillan Publishers Limited. All rights reserved', 37, 760, 6),
    ]);
    expect(isCoverPage(cover)).toBe(true);
    expect(isCoverPage(article)).toBe(false);
    const m = extractMetadata({ info: {}, xmp: null, pages: [cover, article], pageCount: 10 });
    expect(m.title).toBe('Deep learning');
    expect(m.titlePage).toBe(1);
    expect(m.authors).toEqual(['Yann LeCun', 'Yoshua Bengio', 'Geoffrey Hinton']);
    expect(m.year).toBe(2015);
  });

  it('reads a NeurIPS-style grid byline under a notice set above the title', () => {
    const page = layoutPage(0, 612, 792, [
      run('Provided proper attribution is provided, the owner grants permission to reproduce the tables.', 110, 60, 8),
      run('Attention Is Mostly What You Need', 180, 110, 17, { font: 'bold' }),
      ...[
        ['Ada Lindqvist', 'Northfield Labs', 'ada@northfield.org'],
        ['Bruno Okafor', 'Northfield Labs', 'bruno@northfield.org'],
        ['Łukasz Nowak', 'University of Westmoor', 'lukasz@westmoor.edu'],
      ].flatMap(([name, aff, email], i) => [
        run(name!, 110 + i * 140, 160, 10, { font: 'bold' }),
        run('∗', 110 + i * 140 + name!.length * 5, 156, 7),
        run(aff!, 110 + i * 140, 172, 10),
        run(email!, 110 + i * 140, 184, 9, { font: 'mono' }),
      ]),
      run('Abstract', 280, 230, 12, { font: 'bold' }),
      run('The dominant sequence transduction models are based on complex recurrent or convolutional networks.', 110, 250, 10),
    ]);
    const m = extractMetadata({ info: {}, xmp: null, pages: [page], pageCount: 9 });
    expect(m.title).toBe('Attention Is Mostly What You Need');
    expect(m.authors).toEqual(['Ada Lindqvist', 'Bruno Okafor', 'Łukasz Nowak']);
    expect(m.abstract).toMatch(/^The dominant sequence/);
  });

  it('reads IEEE ordinal bylines, names spaced apart in one segment and full-size affiliation letters', () => {
    const ieee = layoutPage(0, 612, 792, [
      run('Scalable Retrieval for Sensor Streams', 150, 90, 24),
      run('1st Greta Fischer', 80, 140, 11),
      run('2nd Hiroshi Castillo', 330, 140, 11),
      run('dept. of Computer Science', 80, 152, 10, { font: 'it' }),
      run('dept. of Computer Science', 330, 152, 10, { font: 'it' }),
      run(
        'Abstract—We present a method for retrieval over long sensor streams and evaluate it on three archives of data.',
        50,
        220,
        9,
      ),
    ]);
    expect(extractMetadata({ info: {}, xmp: null, pages: [ieee], pageCount: 6 }).authors).toEqual([
      'Greta Fischer',
      'Hiroshi Castillo',
    ]);

    const acl = layoutPage(0, 612, 792, [
      run('Sparse Tokenisation of Clinical Letters', 160, 90, 15),
      // One segment, names separated by about one em (pdf.js splits the items there).
      run('Ingrid Novak', 150, 130, 12, { width: 66 }),
      run('José Haddad', 228, 130, 12, { width: 62 }),
      run('Kofi Brennan', 302, 130, 12, { width: 68 }),
      run('Eastbrook Technical University', 220, 146, 12),
      run('Abstract', 150, 190, 12),
    ]);
    expect(extractMetadata({ info: {}, xmp: null, pages: [acl], pageCount: 6 }).authors).toEqual([
      'Ingrid Novak',
      'José Haddad',
      'Kofi Brennan',
    ]);

    const elsevier = layoutPage(0, 612, 792, [
      run('Hierarchical Clustering of Weather Logs', 100, 120, 17),
      run('Lena Petrov a, Mateo Silva b, Nadia Ferreira a', 100, 150, 11),
      run('a University of Northfield, Department of Physics', 100, 170, 8),
      run('Abstract', 100, 210, 9),
    ]);
    expect(extractMetadata({ info: {}, xmp: null, pages: [elsevier], pageCount: 6 }).authors).toEqual([
      'Lena Petrov',
      'Mateo Silva',
      'Nadia Ferreira',
    ]);
  });

  it('is not thrown off by a name-like subtitle or fake small caps in the title', () => {
    const page = layoutPage(0, 612, 792, [
      // "ROBUST ALIGNMENT" with larger initials, as word processors fake small caps.
      run('R', 150, 100, 20, { width: 13 }),
      run('OBUST ', 163, 100, 16, { width: 60 }),
      run('A', 223, 100, 20, { width: 13 }),
      run('LIGNMENT OF ', 236, 100, 16, { width: 110 }),
      run('F', 346, 100, 20, { width: 11 }),
      run('IELD ', 357, 100, 16, { width: 40 }),
      run('R', 397, 100, 20, { width: 13 }),
      run('ECORDINGS', 410, 100, 16, { width: 90 }),
      run('Quiet Harbour', 250, 125, 13),
      run('Priya Rossi, Quentin Dubois and Rosa Horvat', 180, 150, 11),
      run('Abstract', 280, 190, 11),
    ]);
    const m = extractMetadata({ info: {}, xmp: null, pages: [page], pageCount: 5 });
    expect(m.title).toBe('Robust Alignment of Field Recordings');
    expect(m.authors).toEqual(['Priya Rossi', 'Quentin Dubois', 'Rosa Horvat']);
  });

  it('ignores account names and titles that the page does not print', () => {
    const page = layoutPage(0, 612, 792, [
      run('Incremental Clustering of Audio Diaries', 120, 100, 18),
      run('Sven Keller', 260, 130, 11),
      run('Abstract', 280, 170, 11),
      run('We study how a user can cluster audio diaries with very little effort and without any labels at all.', 100, 190, 10),
    ]);
    const m = extractMetadata({
      info: { Title: 'Instructions for Authors', Author: 'Windows User' },
      xmp: null,
      pages: [page],
      pageCount: 4,
    });
    expect(m.title).toBe('Incremental Clustering of Audio Diaries');
    expect(m.authors).toEqual(['Sven Keller']);
    expect(m.sources).toMatchObject({ title: 'layout', authors: 'layout' });
  });

  it('returns nothing rather than guesses for a page without text', () => {
    const blank = layoutPage(0, 612, 792, []);
    const m = extractMetadata({ info: {}, xmp: null, pages: [blank], pageCount: 1 });
    expect(m).toMatchObject({ title: null, authors: [], arxivId: null, doi: null, year: null });
  });

  it('uses Info and XMP fields when there is no text to check them against', () => {
    const blank = layoutPage(0, 612, 792, []);
    const m = extractMetadata({
      info: { Title: 'A Scanned Classic', Author: 'Ada Lovelace; Charles Babbage', CreationDate: 'D:19990101000000Z' },
      xmp: { 'prism:doi': 'doi:10.1000/classic.1' },
      pages: [blank],
      pageCount: 1,
    });
    expect(m).toMatchObject({
      title: 'A Scanned Classic',
      authors: ['Ada Lovelace', 'Charles Babbage'],
      doi: '10.1000/classic.1',
      year: 1999,
    });
  });
});
