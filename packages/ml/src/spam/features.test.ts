import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEATURE_CONFIG,
  DENSE_FEATURES,
  decodeEntities,
  extractFeatures,
  featureLabel,
  normalizeText,
  parseLink,
} from './features';
import { murmur3 } from './hash';

function keys(text: string): Set<string> {
  return new Set(extractFeatures(text, DEFAULT_FEATURE_CONFIG, { names: true }).named!.map((n) => n.key));
}

describe('normalizeText', () => {
  it('decodes entities, strips tags and keeps link targets', () => {
    const n = normalizeText('Nice &amp; clean &#39;post&#39; <a href="http://spam.example.ru/x">here</a> &lt;b&gt;');
    expect(n.text).toContain("Nice & clean 'post'");
    expect(n.text).not.toContain('<');
    expect(n.anchors).toBe(1);
    expect(n.hiddenUrls).toEqual(['http://spam.example.ru/x']);
  });

  it('flags script injection without executing anything', () => {
    for (const s of [
      '<script>alert(1)</script>',
      '<img src=x onerror="steal()">',
      'javascript:alert(1)',
      '&lt;script&gt;x&lt;/script&gt;',
    ]) {
      expect(normalizeText(s).scriptLike).toBe(true);
    }
    expect(normalizeText('I wrote a script to clean the data').scriptLike).toBe(false);
  });

  it('applies NFKC and removes invisible characters', () => {
    expect(normalizeText('ＦＲＥＥ\u200b cash').text).toBe('FREE cash');
  });

  it('handles non-string input and invalid code points', () => {
    expect(normalizeText(undefined).text).toBe('');
    expect(normalizeText(42).text).toBe('42');
    expect(decodeEntities('&#xD800;&#0;&#x1F600;')).toBe('\uFFFD\uFFFD😀');
  });

  it('only tokenises a bounded prefix but remembers the full length', () => {
    const n = normalizeText('x'.repeat(100_000));
    expect(n.text.length).toBe(DEFAULT_FEATURE_CONFIG.maxChars);
    expect(n.fullLength).toBe(100_000);
  });
});

describe('parseLink', () => {
  it('extracts host, registrable domain and TLD', () => {
    expect(parseLink('https://www.Shop.Example.co.uk:8080/a?b=1')).toMatchObject({
      host: 'shop.example.co.uk',
      domain: 'example.co.uk',
      tld: 'uk',
      path: '/a?b=1',
    });
    expect(parseLink('bit.ly/3xyz')).toMatchObject({ domain: 'bit.ly', tld: 'ly' });
    expect(parseLink('not a url')).toBeNull();
  });
});

describe('extractFeatures', () => {
  it('is deterministic, sorted and unique', () => {
    const a = extractFeatures('Great post! Visit http://bit.ly/abc for FREE casino bonus!!!');
    const b = extractFeatures('Great post! Visit http://bit.ly/abc for FREE casino bonus!!!');
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    for (let i = 1; i < a.indices.length; i++) expect(a.indices[i]!).toBeGreaterThan(a.indices[i - 1]!);
    expect(a.indices[0]!).toBeGreaterThan(0); // 0 is the padding slot
    expect(a.indices[a.indices.length - 1]!).toBeLessThan(2 ** DEFAULT_FEATURE_CONFIG.hashBits);
  });

  it('finds comment-spam signals', () => {
    const k = keys(
      'Great post!!! Visit my site http://bit.ly/abc or WhatsApp +1 (404) 555-0189, email me: x.y@gmail.com. Win $500 NOW!!!',
    );
    for (const expected of [
      'dense:url_any',
      'dense:url_shortener',
      'dense:phone_any',
      'dense:email_any',
      'dense:money_amount',
      'dense:exclaim_run',
      'dense:praise_and_link',
      'dense:contact_and_handle',
      'dense:lex_praise',
      'dense:lex_seo',
      'dense:lex_contact',
      'd:bit.ly',
      'w:__url__',
      'b:my site',
    ]) {
      expect(k, expected).toContain(expected);
    }
  });

  it('sees through obfuscation', () => {
    const k = keys('Buy v1agra and c1alis, fr33 shipping');
    expect(k).toContain('w:viagra');
    expect(k).toContain('dense:leet_word');
    expect(k).toContain('dense:lex_pharma');
    expect(keys('Vіsіt оur shop')).toContain('dense:mixed_script_word'); // Cyrillic і/о inside Latin words
    expect(keys('soooooo gooooood')).toContain('w:soo');
    expect(keys('visit cheapmeds dot com today')).toContain('dense:url_obfuscated');
  });

  it('flags junk but not ordinary long words or numbers with units', () => {
    expect(keys('asdfasdfasdf asdf')).toContain('dense:keyboard_mash');
    expect(keys('kjsdhfkjhsdkfjh')).toContain('dense:keyboard_mash');
    expect(keys('spam spam spam spam spam')).toContain('dense:dominant_token');
    expect(keys('Congratulations on the internationalisation work')).not.toContain('dense:keyboard_mash');
    expect(keys('Been following you since 500 subs, congrats on 100k and 4th place')).not.toContain('dense:leet_word');
  });

  it('does not mistake ordinary text for links or phone numbers', () => {
    const k = keys('I saw your message.it was fine; pick 1 2 3 4 5 6 7 8 9 and run node.js');
    expect(k).not.toContain('dense:url_any');
    expect(k).not.toContain('dense:phone_any');
  });

  it('handles Chinese text and Chinese spam lexicons', () => {
    const k = keys('加微信 abc123 日赚500元 免费领取红包');
    expect(k).toContain('w:微');
    expect(k).toContain('b:微 信');
    expect(k).toContain('dense:han_text');
    expect(k).toContain('dense:lex_contact');
    expect(k).toContain('dense:lex_money');
    expect(k).toContain('dense:lex_prize');
  });

  it('separates domains: dense features get a domain copy, emails a bias', () => {
    const comment = extractFeatures('hello there, nice post', DEFAULT_FEATURE_CONFIG, { domain: 'comment' });
    const email = extractFeatures('hello there, nice post', DEFAULT_FEATURE_CONFIG, { domain: 'email' });
    const dense = (f: typeof comment) => Array.from(f.indices).filter((i) => i < DEFAULT_FEATURE_CONFIG.denseSlots);
    expect(dense(comment)).not.toEqual(dense(email));
    expect(dense(email).length).toBe(dense(comment).length + 1);
    // Tokens: a general copy shared by the domains plus a per-domain copy.
    const tokens = (f: typeof comment) => Array.from(f.indices).filter((i) => i >= DEFAULT_FEATURE_CONFIG.denseSlots);
    const shared = tokens(comment).filter((i) => tokens(email).includes(i));
    expect(shared.length).toBeGreaterThan(0);
    expect(tokens(comment).length).toBeGreaterThan(shared.length);
    expect(tokens(email).length).toBeGreaterThan(shared.length);
    const general = { ...DEFAULT_FEATURE_CONFIG, domainTokens: false };
    const generalTokens = (domain: 'comment' | 'email') =>
      Array.from(extractFeatures('hello there, nice post', general, { domain }).indices).filter((i) => i >= general.denseSlots);
    expect(generalTokens('comment')).toEqual(generalTokens('email'));
    expect(generalTokens('comment').every((i) => tokens(comment).includes(i))).toBe(true);
  });

  it('tells a stretched word from a long run of one letter', () => {
    for (const text of ['soooo good', 'noooooo way', 'yessss!']) {
      const k = keys(text);
      expect(k, text).toContain('dense:repeat_char_run');
      expect(k, text).not.toContain('dense:repeat_char_long');
    }
    for (const text of ['aaaaaaaaaaaaaaaa', 'hellooooooooo everyone']) {
      const k = keys(text);
      expect(k, text).toContain('dense:repeat_char_long');
      expect(k, text).not.toContain('dense:repeat_char_run');
    }
    expect(keys('a good book')).not.toContain('dense:repeat_char_run');
  });

  it('measures repeated phrases by word pairs, not by repeated words', () => {
    const repeatWords = (text: string) =>
      extractFeatures(text, DEFAULT_FEATURE_CONFIG, { names: true }).named!.find((n) => n.key === 'dense:repeat_words')?.value ??
      0;
    expect(repeatWords('buy now buy now buy now buy now buy now')).toBe(1);
    expect(repeatWords('first first first first first first')).toBe(1);
    // Prose repeats words ("the", "of", "I") but rarely a pair of them.
    const prose =
      'I tried the method from the post on the data from my own lab, and the results of the second run ' +
      'were closer to the ones in the paper than the results of the first run, which surprised me.';
    expect(repeatWords(prose)).toBe(0);
    expect(repeatWords('short and sweet')).toBe(0);
    const some = repeatWords('click here click here to win, click here now please');
    expect(some).toBeGreaterThan(0);
    expect(some).toBeLessThan(1);
  });

  it('never throws on bad input', () => {
    const inputs: unknown[] = [
      '',
      '   ',
      '<script>alert(1)</script>',
      '<<<>>>&&&;;;&#99999999;',
      '\u0000\uFFFF\uD800',
      'a'.repeat(100_000),
      '😀'.repeat(5000),
      '<a href="'.repeat(2000),
      '[url=http://x.ru]'.repeat(1000),
      null,
      undefined,
      { toString: () => 'object' },
    ];
    for (const input of inputs) {
      const f = extractFeatures(input);
      expect(f.indices.length).toBe(f.values.length);
      for (const v of f.values) expect(Number.isFinite(v)).toBe(true);
    }
    expect(keys('')).toContain('dense:empty');
  });

  it('has readable labels for every kind of key', () => {
    expect(featureLabel('w:viagra')).toBe('word "viagra"');
    expect(featureLabel('b:my site')).toBe('phrase "my site"');
    expect(featureLabel('b:visit __url__')).toBe('phrase "visit [link]"');
    expect(featureLabel('c:v1agra')).toBe('spelling of "v1agra"');
    expect(featureLabel('d:bit.ly')).toBe('link to bit.ly');
    expect(featureLabel('dense:url_shortener')).toBe('link through a URL shortener');
    for (const d of DENSE_FEATURES) expect(featureLabel(`dense:${d.name}`)).toBe(d.label);
  });
});

describe('murmur3', () => {
  it('is stable and spreads similar strings', () => {
    expect(murmur3('')).toBe(0);
    expect(murmur3('w:viagra')).toBe(murmur3('w:viagra'));
    expect(murmur3('w:viagra')).not.toBe(murmur3('w:viagrb'));
    const buckets = new Set(Array.from({ length: 1000 }, (_, i) => murmur3(`w:word${i}`) % 1024));
    expect(buckets.size).toBeGreaterThan(550); // ~ 1024·(1 - e^(-1000/1024)) ≈ 637 expected for a uniform hash
  });
});
