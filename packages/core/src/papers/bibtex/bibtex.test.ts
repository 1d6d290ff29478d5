import { describe, expect, it } from 'vitest';
import {
  baseCitationKey,
  citationKeys,
  fromLatex,
  parseBibtex,
  splitPersonName,
  toBibtex,
  toLatex,
  type PaperLike,
} from './index';

const attention: PaperLike = {
  title: 'Attention Is All You Need',
  authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'],
  year: 2017,
  venue: 'Advances in Neural Information Processing Systems',
  arxivId: '1706.03762',
  arxivCategory: 'cs.CL',
};

describe('citation keys', () => {
  it('joins surname, year and the first significant title word', () => {
    expect(baseCitationKey(attention)).toBe('vaswani2017attention');
    expect(
      baseCitationKey({ title: 'On the Properties of Neural Machine Translation', authors: ['Kyunghyun Cho'], year: 2014 }),
    ).toBe('cho2014properties');
    expect(
      baseCitationKey({ title: 'Adam: A Method for Stochastic Optimization', authors: ['Diederik P. Kingma'], year: 2015 }),
    ).toBe('kingma2015adam');
  });

  it('drops particles, folds diacritics and hyphens to ASCII', () => {
    expect(baseCitationKey({ title: 'Pixel Recurrent Neural Networks', authors: ['Aäron van den Oord'], year: 2016 })).toBe(
      'oord2016pixel',
    );
    expect(baseCitationKey({ title: 'Robust Real-Time Music Transcription', authors: ['Matevž Pesek'], year: 2017 })).toBe(
      'pesek2017robust',
    );
    expect(baseCitationKey({ title: 'Generative Adversarial Nets', authors: ['Jean Pouget-Abadie'], year: 2014 })).toBe(
      'pougetabadie2014generative',
    );
    expect(baseCitationKey({ title: 'Łódź Data', authors: ['Paweł Łukasiewicz'], year: 2020 })).toBe('lukasiewicz2020lodz');
    expect(baseCitationKey({ title: 'Notes', authors: ['Sch\u00f6n, Thomas'], year: 2001 })).toBe('schon2001notes');
  });

  it('falls back when fields are missing', () => {
    expect(baseCitationKey({ title: 'Untitled Thoughts' })).toBe('anonuntitled');
    expect(baseCitationKey({})).toBe('anon');
  });

  it('disambiguates duplicates with letter suffixes and respects keys taken elsewhere', () => {
    const twin = { ...attention, title: 'Attention Revisited' };
    expect(citationKeys([attention, twin, attention])).toEqual([
      'vaswani2017attention',
      'vaswani2017attentionb',
      'vaswani2017attentionc',
    ]);
    expect(citationKeys([attention], ['vaswani2017attention'])).toEqual(['vaswani2017attentionb']);
  });
});

describe('toBibtex', () => {
  it('writes @inproceedings with booktitle and arXiv eprint fields', () => {
    const bib = toBibtex([attention]);
    expect(bib).toContain('@inproceedings{vaswani2017attention,');
    expect(bib).toMatch(/booktitle\s+= \{Advances in Neural Information Processing Systems\}/);
    expect(bib).toMatch(/author\s+= \{Vaswani, Ashish and Shazeer, Noam and Parmar, Niki\}/);
    expect(bib).toMatch(/eprint\s+= \{1706\.03762\}/);
    expect(bib).toMatch(/archivePrefix\s+= \{arXiv\}/);
    expect(bib).toMatch(/primaryClass\s+= \{cs\.CL\}/);
  });

  it('chooses @article for journals and @misc for preprints', () => {
    expect(
      toBibtex([{ title: 'Deep learning', authors: ['Yann LeCun'], year: 2015, venue: 'Nature', doi: '10.1038/nature14539' }]),
    ).toMatch(/^@article\{lecun2015deep,[\s\S]*journal\s+= \{Nature\}[\s\S]*doi\s+= \{10\.1038\/nature14539\}/);
    const misc = toBibtex([{ title: 'A Preprint', authors: ['Ada Lovelace'], year: 2021, arxivId: '2101.00001' }]);
    expect(misc).toMatch(/^@misc\{lovelace2021preprint,/);
    expect(misc).toContain('https://arxiv.org/abs/2101.00001');
  });

  it('escapes LaTeX specials, accents and protects capitals in titles', () => {
    const bib = toBibtex([
      {
        title: 'CNN Features & 100% Recall: a_b {test}',
        authors: ['Aäron van den Oord', 'Matevž Pesek'],
        year: 2020,
        venue: 'Journal of Things',
      },
    ]);
    expect(bib).toContain('{CNN} Features \\& 100\\% Recall: a\\_b \\{test\\}');
    expect(bib).toContain('van den Oord, A{\\"a}ron and Pesek, Matev{\\v{z}}');
  });

  it('writes an entry for a paper with no metadata at all', () => {
    expect(toBibtex([{}])).toBe('@misc{anon,\n}\n');
  });
});

describe('LaTeX conversion', () => {
  it('decodes accents in every common spelling', () => {
    expect(fromLatex('{\\"o} \\"{o} \\"o \\\'{e} {\\\'e} \\v{z} {\\v z} \\c{c} \\~n {\\ss} {\\o} \\L{}ukasz {\\\'\\i}')).toBe(
      'ö ö ö é é ž ž ç ñ ß ø Łukasz í',
    );
  });

  it('decodes specials, dashes and removes protective braces', () => {
    expect(fromLatex('{CNN} Features \\& 100\\% -- {\\em x} pp.~1--2 \\textbf{bold}')).toBe(
      'CNN Features & 100% – \\em x pp. 1–2 bold',
    );
    expect(fromLatex('a \\url{http://x.org/a_b} b')).toBe('a http://x.org/a_b b');
  });

  it('round-trips Unicode through toLatex/fromLatex', () => {
    for (const s of ['Zoë Müller', 'Ångström & Øresund', 'Łukasz Kaiser', 'José Iñárritu', 'Çağlar Gülçehre', 'Straße 50% off']) {
      expect(fromLatex(toLatex(s))).toBe(s);
    }
  });
});

describe('names', () => {
  it('splits display and BibTeX name forms', () => {
    expect(splitPersonName('Aäron van den Oord')).toEqual({ first: 'Aäron', von: 'van den', last: 'Oord', jr: '' });
    expect(splitPersonName('van den Oord, Aäron')).toEqual({ first: 'Aäron', von: 'van den', last: 'Oord', jr: '' });
    expect(splitPersonName('King, Jr, Martin Luther')).toEqual({ first: 'Martin Luther', von: '', last: 'King', jr: 'Jr' });
    expect(splitPersonName('Plato')).toEqual({ first: '', von: '', last: 'Plato', jr: '' });
  });
});

describe('parseBibtex', () => {
  const sample = String.raw`
This line is a comment outside any entry; so is my address, someone@example.org.
@string{ nips = "Advances in Neural Information Processing Systems" }
@String(jmlr = {Journal of Machine Learning Research})

@comment{ an ignored {nested} comment }

@inproceedings{vaswani2017attention,
  title     = {Attention Is {All} You Need},
  author    = {Vaswani, Ashish and Shazeer, Noam and others},
  booktitle = nips # " 30",
  year      = 2017,
  month     = dec,
  eprint    = {1706.03762},
  archivePrefix = {arXiv},
  primaryClass = {cs.CL}
}

@ARTICLE( srivastava2014dropout ,
  title = "Dropout: A Simple Way to Prevent Neural Networks from {O}verfitting",
  author = "Nitish Srivastava and Geoffrey Hinton and Alex Krizhevsky",
  journal = jmlr,
  volume = {15}, number = {1},
  pages = {1929--1958},
  year = {2014},
  url = {http://jmlr.org/papers/v15/srivastava14a.html},
)

@article{oord2016pixel,
  title={Pixel Recurrent Neural Networks},
  author={van den Oord, A{\"a}ron and Kalchbrenner, Nal and Kavukcuoglu, Koray},
  journal={arXiv preprint arXiv:1601.06759},
  year={2016}
}

@misc{corp, author = {{Barnes and Noble} and M{\"u}ller, J{\"o}rg}, title = {Quoted "inner" text}, doi = {10.1000/x_y}}
`;

  it('parses entries, macros, concatenation, quoted and numeric values', () => {
    const { entries, errors } = parseBibtex(sample);
    expect(errors).toEqual([]);
    expect(entries.map((e) => e.key)).toEqual(['vaswani2017attention', 'srivastava2014dropout', 'oord2016pixel', 'corp']);
    const [a, d, p, c] = entries;
    expect(a!.type).toBe('inproceedings');
    expect(a!.fields.title).toBe('Attention Is All You Need');
    expect(a!.fields.booktitle).toBe('Advances in Neural Information Processing Systems 30');
    expect(a!.fields.month).toBe('December');
    expect(a!.paper).toMatchObject({
      year: 2017,
      arxivId: '1706.03762',
      arxivCategory: 'cs.CL',
      authors: ['Ashish Vaswani', 'Noam Shazeer'],
    });
    expect(d!.type).toBe('article');
    expect(d!.paper).toMatchObject({
      title: 'Dropout: A Simple Way to Prevent Neural Networks from Overfitting',
      venue: 'Journal of Machine Learning Research',
      pages: '1929–1958',
      authors: ['Nitish Srivastava', 'Geoffrey Hinton', 'Alex Krizhevsky'],
      url: 'http://jmlr.org/papers/v15/srivastava14a.html',
    });
    expect(p!.paper).toMatchObject({
      authors: ['Aäron van den Oord', 'Nal Kalchbrenner', 'Koray Kavukcuoglu'],
      arxivId: '1601.06759',
      venue: null,
    });
    expect(c!.paper.authors).toEqual(['Barnes and Noble', 'Jörg Müller']);
    expect(c!.fields.title).toBe('Quoted "inner" text');
    expect(c!.paper.doi).toBe('10.1000/x_y');
  });

  it('reports broken entries with their line and keeps parsing the rest', () => {
    const text = [
      '@article{good1, title={One}}',
      '@article{bad, title={Unclosed, year=2020',
      '',
      '@article{good2, title={Two}, year={2021}}',
      '@article{bad2 title={x}}',
    ].join('\n');
    const { entries, errors } = parseBibtex(text);
    expect(entries.map((e) => e.key)).toEqual(['good1', 'good2']);
    expect(errors).toHaveLength(2);
    expect(errors[0]!.line).toBe(2);
    expect(errors[0]!.message).toMatch(/never closed|not closed|expected/);
    expect(errors[1]!.line).toBe(5);
  });

  it('handles an empty file and a file without entries', () => {
    expect(parseBibtex('')).toEqual({ entries: [], errors: [] });
    expect(parseBibtex('just some notes, no entries here')).toEqual({ entries: [], errors: [] });
  });
});

describe('round trip', () => {
  it('toBibtex -> parseBibtex gives back the papers', () => {
    const papers: PaperLike[] = [
      attention,
      {
        title: 'Deep learning',
        authors: ['Yann LeCun', 'Yoshua Bengio', 'Geoffrey Hinton'],
        year: 2015,
        venue: 'Nature',
        doi: '10.1038/nature14539',
        pages: '436–444',
        volume: '521',
      },
      {
        title: 'Pixel Recurrent Neural Networks',
        authors: ['Aäron van den Oord', 'Nal Kalchbrenner'],
        year: 2016,
        arxivId: '1601.06759',
      },
      {
        title: 'Robust Real-Time Music Transcription with a Compositional Hierarchical Model',
        authors: ['Matevž Pesek', 'Aleš Leonardis'],
        year: 2017,
        venue: 'PLOS ONE',
      },
      {
        title: 'Sparse Principal Component Analysis',
        authors: ['Hui Zou', 'Trevor Hastie'],
        year: 2006,
        venue: 'Journal of Computational and Graphical Statistics',
        doi: '10.1198/106186006X113430',
      },
      { title: 'Weird {Braces} & 50% of $cost$ #1 ~ ^', authors: ['José Iñárritu'], year: 2020, keywords: ['alpha', 'beta'] },
    ];
    const { entries, errors } = parseBibtex(toBibtex(papers));
    expect(errors).toEqual([]);
    expect(entries).toHaveLength(papers.length);
    entries.forEach((entry, i) => {
      const want = papers[i]!;
      expect(entry.paper.title).toBe(want.title);
      expect(entry.paper.authors).toEqual(want.authors);
      expect(entry.paper.year).toBe(want.year);
      expect(entry.paper.doi ?? null).toBe(want.doi ?? null);
      expect(entry.paper.arxivId ?? null).toBe(want.arxivId ?? null);
      expect(entry.paper.venue ?? null).toBe(want.venue ?? null);
      if (want.pages) expect(entry.paper.pages).toBe(want.pages);
      if (want.keywords) expect(entry.paper.keywords).toEqual(want.keywords);
    });
    // Keys survive a second export when kept.
    expect(citationKeys(entries.map((e) => e.paper))).toEqual(entries.map((e) => e.key));
  });
});
