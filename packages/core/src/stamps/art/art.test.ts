import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderCollectionHtml } from './collection-html';
import { FONT_3X5, FONT_5X7, fitText, measureText } from './font';
import { ICONS, ICON_NAMES } from './icons';
import { crc32, encodePng } from './png';
import { BADGE_HEIGHT, BADGE_WIDTH, renderBadge, renderStampDataUrl, renderStampPng } from './render';

/** Reads back what encodePng writes (RGB, filter 0), checking every chunk's CRC. */
function decode(png: Buffer): { width: number; height: number; pixels: Buffer; chunks: string[] } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let off = 8;
  const chunks: string[] = [];
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    const type = png.subarray(off + 4, off + 8).toString('ascii');
    const data = png.subarray(off + 8, off + 8 + len);
    expect(png.readUInt32BE(off + 8 + len)).toBe(crc32(png.subarray(off + 4, off + 8 + len)));
    chunks.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 2]);
    }
    if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 3 + 1)]).toBe(0);
    raw.copy(pixels, y * width * 3, y * (width * 3 + 1) + 1, (y + 1) * (width * 3 + 1));
  }
  return { width, height, pixels, chunks };
}

describe('png', () => {
  it('crc32 matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
  it('round-trips pixels', () => {
    const px = new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]);
    const d = decode(encodePng(2, 2, px));
    expect(d).toMatchObject({ width: 2, height: 2, chunks: ['IHDR', 'IDAT', 'IEND'] });
    expect([...d.pixels]).toEqual([...px]);
    expect(() => encodePng(2, 2, new Uint8Array(3))).toThrow(RangeError);
  });
});

describe('badges', () => {
  const spec = { text: 'Veggie week', subtext: '7 days green', icon: 'leaf', palette: 'forest', background: 'checker' } as const;
  it('are 88×31 and deterministic', () => {
    const a = renderStampPng(spec);
    const b = renderStampPng(spec);
    expect(a.equals(b)).toBe(true);
    const d = decode(a);
    expect([d.width, d.height]).toEqual([BADGE_WIDTH, BADGE_HEIGHT]);
    expect(renderStampDataUrl(spec)).toBe(`data:image/png;base64,${a.toString('base64')}`);
  });
  it('draw the border, the icon and the text', () => {
    const r = renderBadge(spec);
    expect(r.get(0, 0)).toEqual([0x0f, 0x26, 0x20]); // forest border
    // The leaf's light vein colour appears where the icon sits.
    let vein = 0;
    for (let y = 0; y < 31; y++) for (let x = 0; x < 22; x++) if (r.get(x, y).join() === [0xa7, 0xf0, 0x70].join()) vein++;
    expect(vein).toBeGreaterThan(5);
    // The title colour appears in the text area only.
    let title = 0;
    for (let y = 0; y < 31; y++)
      for (let x = 0; x < 88; x++) if (r.get(x, y).join() === '244,244,244') title += x >= 22 ? 1 : -1000;
    expect(title).toBeGreaterThan(40);
  });
  it('differ when the spec differs; locked ones are grey', () => {
    expect(renderStampPng(spec).equals(renderStampPng({ ...spec, text: 'Veggie weeks' }))).toBe(false);
    const locked = renderBadge(spec, { locked: true });
    for (let i = 0; i < locked.pixels.length; i += 3) {
      expect(locked.pixels[i]).toBe(locked.pixels[i + 1]);
      expect(locked.pixels[i]).toBe(locked.pixels[i + 2]);
    }
    expect(renderBadge(spec, { scale: 3 }).width).toBe(264);
  });
  it('fall back to the small font, then cut, when the title is long', () => {
    expect(measureText(FONT_5X7, 'VEGGIE WEEK')).toBeLessThanOrEqual(63);
    const cut = fitText(FONT_3X5, 'A VERY LONG TITLE THAT OVERFLOWS', 63);
    expect(cut.endsWith('.')).toBe(true);
    expect(measureText(FONT_3X5, cut)).toBeLessThanOrEqual(63);
  });
});

describe('icons and fonts', () => {
  it.each(ICON_NAMES)('%s is 16×16 with every colour defined', (name) => {
    const icon = ICONS[name];
    expect(icon.rows).toHaveLength(16);
    for (const row of icon.rows) {
      expect(row).toHaveLength(16);
      for (const ch of row) if (ch !== '.') expect(icon.colors).toHaveProperty(ch);
    }
  });
  it('cover A–Z, 0–9 and punctuation', () => {
    for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?-+:/'&#%()") {
      expect(FONT_5X7.glyphs.has(ch)).toBe(true);
      expect(FONT_3X5.glyphs.has(ch)).toBe(true);
    }
  });
});

describe('collection page', () => {
  const html = renderCollectionHtml(
    [
      {
        name: 'Veggie week',
        description: 'A vegetable every day.',
        earnedAt: '2026-06-07',
        evidence: '7 days',
        image: 'veggie-week.png',
      },
      { name: 'First <paper>', description: 'Add "one" & more', earnedAt: '2026-01-02', image: 'first-paper.png' },
      {
        name: '30 papers',
        description: 'In a month.',
        earnedAt: null,
        progress: 0.4,
        progressText: '12 of 30',
        image: 'papers 30.png',
      },
    ],
    { title: 'Ada’s stamps', generatedOn: '2026-06-10' },
  );
  it('is self-contained, escaped and accessible', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="en">');
    expect(html).not.toMatch(/<script|<link|https?:\/\//);
    expect(html).toContain('image-rendering:pixelated');
    expect(html).toContain('First &lt;paper&gt;');
    expect(html).toContain('Add &quot;one&quot; &amp; more');
    expect(html).toContain('alt="Veggie week stamp"');
    expect(html).toContain('alt="30 papers stamp (locked)"');
    expect(html).toContain('src="papers%2030.png"');
    expect(html).toContain('<time datetime="2026-06-07">7 June 2026</time>');
    expect(html).toContain('Locked · 12 of 30 (40%)');
    expect(html).toContain('2 of 3 stamps earned');
  });
  it('lists earned stamps newest first, then locked ones', () => {
    const order = ['Veggie week', 'First &lt;paper&gt;', '30 papers'].map((n) => html.indexOf(`<h3>${n}</h3>`));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html.indexOf('id="earned"')).toBeLessThan(html.indexOf('id="locked"'));
  });
});
