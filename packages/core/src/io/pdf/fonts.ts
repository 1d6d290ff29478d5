// Fonts for PDF export. Folio ships no font (a CJK font is megabytes, and the good ones are not ours to
// ship); it uses the fonts installed on the machine, found at the usual places of Linux, macOS and
// Windows, plus any listed in $FOLIO_PDF_FONTS (paths separated by the platform's path delimiter).
// Each character is drawn with the first font of the chain that has it (a Latin font first, then CJK
// fonts); characters no font has are drawn as "?" and reported. Without any installed font the PDF falls
// back to the standard Helvetica/Courier (Western European characters only).
//
// TrueType collections (.ttc: WenQuanYi, Microsoft YaHei, SimSun) are split into their first face here,
// because pdf-lib embeds single fonts only. Fonts with CFF outlines ("OTTO", e.g. Noto Sans CJK) are tried
// after TrueType ones and embedded whole (pdf-lib's CFF subsetting is unreliable), so they make big PDFs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';

export interface FontFile {
  /** A short name for messages. */
  name: string;
  file: string;
  bytes: Uint8Array;
  /** CFF outlines: embed without subsetting. */
  cff: boolean;
  has(codePoint: number): boolean;
}

/** Latin/general-purpose faces, then CJK faces, by file name (lower case), in order of preference. */
const TEXT_FONTS = [
  'dejavusans.ttf',
  'liberationsans-regular.ttf',
  'notosans-regular.ttf',
  'arial.ttf',
  'segoeui.ttf',
  'helvetica.ttc',
  'wqy-microhei.ttc',
  'wqy-zenhei.ttc',
  'droidsansfallbackfull.ttf',
  'droidsansfallback.ttf',
  'msyh.ttc',
  'msyh.ttf',
  'simhei.ttf',
  'simsun.ttc',
  'arial unicode.ttf',
  'arialuni.ttf',
  'stheiti medium.ttc',
  'stheiti light.ttc',
  'hiragino sans gb.ttc',
  'msgothic.ttc',
  'malgun.ttf',
  'notosanscjk-regular.ttc',
  'notosanscjksc-regular.otf',
  'notosanssc-regular.otf',
  'sourcehansanssc-regular.otf',
];
const MONO_FONTS = [
  'dejavusansmono.ttf',
  'liberationmono-regular.ttf',
  'notosansmono-regular.ttf',
  'consola.ttf',
  'cour.ttf',
  'menlo.ttc',
];

function fontDirs(): string[] {
  const home = os.homedir();
  if (process.platform === 'darwin')
    return ['/System/Library/Fonts', '/System/Library/Fonts/Supplemental', '/Library/Fonts', path.join(home, 'Library/Fonts')];
  if (process.platform === 'win32') {
    const win = process.env.WINDIR ?? 'C:\\Windows';
    const local = process.env.LOCALAPPDATA;
    return [path.join(win, 'Fonts'), ...(local ? [path.join(local, 'Microsoft', 'Windows', 'Fonts')] : [])];
  }
  return ['/usr/share/fonts', '/usr/local/share/fonts', path.join(home, '.local/share/fonts'), path.join(home, '.fonts')];
}

/** file name (lower case) -> path, for every font file under the font folders (a few levels deep). */
function indexFontFiles(dirs: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (dir: string, depth: number) => {
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const d of names) {
      const p = path.join(dir, d.name);
      if (d.isDirectory() && depth < 4) visit(p, depth + 1);
      else if (/\.(ttf|ttc|otf)$/i.test(d.name) && !out.has(d.name.toLowerCase())) out.set(d.name.toLowerCase(), p);
    }
  };
  for (const d of dirs) visit(d, 0);
  return out;
}

const u32 = (b: Uint8Array, o: number) => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
const u16 = (b: Uint8Array, o: number) => (b[o]! << 8) | b[o + 1]!;

/** The face at `index` of a TrueType collection, as a standalone font file. */
export function extractTtcFace(ttc: Uint8Array, index = 0): Uint8Array {
  if (String.fromCharCode(...ttc.subarray(0, 4)) !== 'ttcf') return ttc;
  const numFonts = u32(ttc, 8);
  if (index >= numFonts) throw new Error(`the collection has ${numFonts} faces`);
  const off = u32(ttc, 12 + 4 * index);
  const numTables = u16(ttc, off + 4);
  const headerLen = 12 + 16 * numTables;
  const tables: { tag: number; checksum: number; offset: number; length: number }[] = [];
  for (let i = 0; i < numTables; i++) {
    const r = off + 12 + 16 * i;
    tables.push({ tag: u32(ttc, r), checksum: u32(ttc, r + 4), offset: u32(ttc, r + 8), length: u32(ttc, r + 12) });
  }
  let size = headerLen;
  for (const t of tables) size += (t.length + 3) & ~3;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(ttc.subarray(off, off + 12), 0);
  let pos = headerLen;
  tables.forEach((t, i) => {
    const r = 12 + 16 * i;
    view.setUint32(r, t.tag);
    view.setUint32(r + 4, t.checksum);
    view.setUint32(r + 8, pos);
    view.setUint32(r + 12, t.length);
    out.set(ttc.subarray(t.offset, t.offset + t.length), pos);
    pos += (t.length + 3) & ~3;
  });
  return out;
}

function loadFont(file: string): FontFile | null {
  try {
    const raw = new Uint8Array(fs.readFileSync(file));
    const bytes = extractTtcFace(raw);
    const f = fontkit.create(bytes);
    const cff = String.fromCharCode(...bytes.subarray(0, 4)) === 'OTTO';
    // Some faces (symbol fonts) map nothing useful; require the basics of their script.
    if (!f.hasGlyphForCodePoint(0x41) && !f.hasGlyphForCodePoint(0x4e2d)) return null;
    return { name: path.basename(file), file, bytes, cff, has: (cp) => f.hasGlyphForCodePoint(cp) };
  } catch {
    return null;
  }
}

/** A font of the chain, read from disk the first time a character needs it. */
export class LazyFont {
  private loaded: FontFile | null | undefined;
  constructor(readonly file: string) {}
  get(): FontFile | null {
    if (this.loaded === undefined) this.loaded = loadFont(this.file);
    return this.loaded;
  }
}

export interface FontChain {
  /** Text fonts, best first: TrueType outlines before CFF ones, $FOLIO_PDF_FONTS first of all. */
  text: LazyFont[];
  mono: LazyFont[];
}

let cached: { key: string; chain: FontChain } | null = null;

/** The installed fonts to use, best first (cached per process and $FOLIO_PDF_FONTS value). */
export function findFonts(): FontChain {
  const extra = (process.env.FOLIO_PDF_FONTS ?? '').split(path.delimiter).filter(Boolean);
  const key = extra.join('\n');
  if (cached && cached.key === key) return cached.chain;
  const index = indexFontFiles(fontDirs());
  const pick = (names: readonly string[]) => names.map((n) => index.get(n)).filter((p): p is string => !!p);
  const found = pick(TEXT_FONTS);
  // CFF-outline fonts (.otf and the Noto CJK collection) go last: they are embedded whole.
  const isCff = (f: string) => /\.otf$/i.test(f) || /notosanscjk/i.test(f);
  const text = [...new Set([...extra, ...found.filter((f) => !isCff(f)), ...found.filter(isCff)])].map((f) => new LazyFont(f));
  cached = { key, chain: { text, mono: pick(MONO_FONTS).map((f) => new LazyFont(f)) } };
  return cached.chain;
}
