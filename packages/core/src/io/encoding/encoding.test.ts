import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCp1252, decodeText, hasMojibake, repairMojibake } from './index';

/** Damage text the way it happens in the wild: UTF-8 bytes shown as Windows-1252. */
const damage = (s: string): string => decodeCp1252(new TextEncoder().encode(s));

describe('repairMojibake', () => {
  it('repairs punctuation, Latin-1, emoji, Greek, Cyrillic and Chinese damage', () => {
    const originals = [
      'don’t — “quoted” – dash…',
      'café, naïve, São Paulo, Ærø',
      'a link 🔗 here',
      'α-helix and Привет',
      '这是一个中文日记，今天准备申请材料。',
      'mixed English 和中文 text',
      '日本語のテキスト',
    ];
    for (const s of originals) {
      const r = repairMojibake(damage(s));
      expect(r.text).toBe(s);
      expect(r.repaired).toBeGreaterThan(0);
    }
    expect(repairMojibake('fieldâ€”that').text).toBe('field—that');
    expect(repairMojibake('[ðŸ”—](x)').text).toBe('[🔗](x)');
  });

  it('undoes double damage', () => {
    expect(repairMojibake(damage(damage('it’s'))).text).toBe('it’s');
  });

  it('leaves correct text alone (no false positives)', () => {
    const correct = [
      'café”… and CAFÉ’s menu',
      '« voilà » and « ÉTÉ »',
      'SÃO PAULO in Portuguese capitals: SÃO, JOÃO, ÃO',
      'naïve façade résumé Ångström',
      'Straße, Æsir, Øresund, Þórr',
      '中文 text stays, 日本語も, 한국어도',
      '‘É’ — ±5 °C, 50 ¢, © 2025',
      'plain ASCII',
    ];
    for (const s of correct) {
      expect(repairMojibake(s)).toEqual({ text: s, repaired: 0, unrepaired: 0, suspicious: 0 });
      expect(hasMojibake(s)).toBe(false);
    }
  });

  it('repairs only the damaged part of mixed text', () => {
    const s = `Réunion café: ${damage('“hello” — 申请')} done`;
    expect(repairMojibake(s).text).toBe('Réunion café: “hello” — 申请 done');
  });

  it('reports characters that were lost on the way', () => {
    // 材 is E6 9D 90; 0x9D and 0x90 are undefined in 1252 and often become U+FFFD.
    const lossy = damage('申请材料').replace(/[\u009d\u0090]/g, '\ufffd');
    const r = repairMojibake(lossy);
    expect(r.text.startsWith('申请')).toBe(true);
    expect(r.text.endsWith('料')).toBe(true);
    expect(r.unrepaired).toBeGreaterThan(0);
  });
});

describe('decodeText', () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it('handles BOMs and normalises newlines', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('a\r\nb')]))).toMatchObject({
      text: 'a\nb',
      encoding: 'utf-8',
      bom: true,
    });
    const le = iconv.encode('\ufeff中文 text\r\n', 'utf16le');
    expect(decodeText(le)).toMatchObject({ text: '中文 text\n', encoding: 'utf-16le', bom: true });
    const be = iconv.encode('\ufeffhello', 'utf16be');
    expect(decodeText(be)).toMatchObject({ text: 'hello', encoding: 'utf-16be' });
    expect(decodeText(iconv.encode('no bom here, just text', 'utf16le'))).toMatchObject({
      text: 'no bom here, just text',
      encoding: 'utf-16le',
    });
  });

  it('guesses legacy encodings', () => {
    const zh = '这是一个中文日记，我们今天去了学校，准备申请材料。';
    expect(decodeText(iconv.encode(zh, 'gb18030'))).toMatchObject({ text: zh, encoding: 'gb18030' });
    const tw = '這是一個繁體中文的日記，我們今天去了學校。';
    expect(decodeText(iconv.encode(tw, 'big5'))).toMatchObject({ text: tw, encoding: 'big5' });
    const ja = 'これは日本語のテキストです。東京に行きました。';
    expect(decodeText(iconv.encode(ja, 'shift_jis'))).toMatchObject({ text: ja, encoding: 'shift_jis' });
    const fr = 'Café crème brûlée — naïve “quotes” à la française.';
    const d = decodeText(iconv.encode(fr, 'win1252'));
    expect(d).toMatchObject({ text: fr, encoding: 'windows-1252' });
    expect(d.issues[0]).toMatch(/guessed/);
  });

  it('detects binary files', () => {
    expect(decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toMatchObject({
      binary: true,
      encoding: 'binary',
    });
    expect(decodeText(enc('%PDF-1.7\n...'))).toMatchObject({ binary: true });
    expect(decodeText(new Uint8Array([0x61, 0x62, 0, 0x63, 0x64, 0x65, 0x66, 0x67, 0, 0, 0, 0x61]))).toMatchObject({
      binary: true,
    });
    expect(decodeText(enc('')).binary).toBe(false);
  });

  it('repairs mojibake in UTF-8 text and says so', () => {
    const d = decodeText(enc(`x ${damage('—')} y`));
    expect(d.text).toBe('x — y');
    expect(d.repairedMojibake).toBe(1);
    expect(d.issues.join()).toMatch(/repaired 1 mojibake/);
    expect(decodeText(enc(`x ${damage('—')}`), { repair: false }).text).toBe(`x ${damage('—')}`);
  });

  it('keeps mostly-valid UTF-8 as UTF-8 (truncated file, stray byte)', () => {
    const zh = enc('这是一个中文日记，今天准备申请材料。'.repeat(5));
    const cut = zh.subarray(0, zh.length - 1);
    const d = decodeText(cut);
    expect(d.encoding).toBe('utf-8');
    expect(d.text.startsWith('这是一个中文日记')).toBe(true);
    expect(d.issues[0]).toMatch(/1 invalid UTF-8 byte sequence/);
    const stray = new Uint8Array([...enc('café '), 0xe9, ...enc(' 中文 text')]);
    expect(decodeText(stray)).toMatchObject({ encoding: 'utf-8', text: 'café \ufffd 中文 text' });
  });

  it('flags text in an encoding it cannot identify', () => {
    const koi8 = iconv.encode('Привет, как дела? Это длинный русский текст без ошибок.', 'koi8-r');
    expect(decodeText(koi8).encoding).toBe('unknown');
  });
});

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const journals = path.resolve(repoRoot, '../shared/fixtures/journals');
const hasFixtures = existsSync(path.join(journals, 'sunday-links.md'));
if (!hasFixtures) console.warn(`[encoding.test] real fixtures missing (${journals}); skipping real-journal mojibake test`);

describe.skipIf(!hasFixtures)('real fixture: sunday-links.md', () => {
  it('repairs every mojibake sequence and nothing else', () => {
    const bytes = readFileSync(path.join(journals, 'sunday-links.md'));
    const raw = bytes.toString('utf8');
    const d = decodeText(bytes);
    expect(d.encoding).toBe('utf-8');
    expect(d.repairedMojibake).toBeGreaterThan(0);
    // No lead-byte images of damage remain, and the classic damaged sequences are gone.
    expect(d.text).not.toMatch(/â€|ðŸ|Ã[\u0080-\u00bf]/);
    expect(hasMojibake(d.text)).toBe(false);
    // Each repair shortened the text (3-4 chars -> 1-2 code units); ASCII is untouched.
    expect(d.text.replace(/[^\x00-\x7f]/g, '')).toBe(raw.replace(/[^\x00-\x7f]/g, ''));
    expect(d.text.length).toBeLessThan(raw.length);
  });
});
