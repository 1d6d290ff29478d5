/**
 * Two bitmap fonts drawn for Folio's badges: a 5×7 face for titles and a 3×5 face for subtitles.
 * Glyphs are rows of '#' (ink) and '.' (paper). Letters are upper case only; lower case maps to
 * upper case, anything unknown to '?'. Widths are proportional: empty side columns are trimmed.
 */
export interface Glyph {
  width: number;
  rows: string[];
}

export interface BitmapFont {
  height: number;
  /** Blank columns between two glyphs. */
  spacing: number;
  /** Width of a space. */
  spaceWidth: number;
  glyphs: ReadonlyMap<string, Glyph>;
}

function build(height: number, spacing: number, spaceWidth: number, src: Record<string, string>): BitmapFont {
  const glyphs = new Map<string, Glyph>();
  for (const [ch, art] of Object.entries(src)) {
    const rows = art.trim().split(/\s+/);
    if (rows.length !== height) throw new Error(`Glyph ${JSON.stringify(ch)} has ${rows.length} rows, expected ${height}`);
    const w = rows[0]!.length;
    if (rows.some((r) => r.length !== w)) throw new Error(`Glyph ${JSON.stringify(ch)} has ragged rows`);
    let left = 0;
    let right = w - 1;
    while (left < right && rows.every((r) => r[left] === '.')) left++;
    while (right > left && rows.every((r) => r[right] === '.')) right--;
    const trimmed = rows.map((r) => r.slice(left, right + 1));
    glyphs.set(ch, { width: right - left + 1, rows: trimmed });
  }
  return { height, spacing, spaceWidth, glyphs };
}

export const FONT_5X7: BitmapFont = build(7, 1, 3, {
  A: '.###. #...# #...# ##### #...# #...# #...#',
  B: '####. #...# #...# ####. #...# #...# ####.',
  C: '.###. #...# #.... #.... #.... #...# .###.',
  D: '###.. #..#. #...# #...# #...# #..#. ###..',
  E: '##### #.... #.... ####. #.... #.... #####',
  F: '##### #.... #.... ####. #.... #.... #....',
  G: '.###. #...# #.... #.### #...# #...# .####',
  H: '#...# #...# #...# ##### #...# #...# #...#',
  I: '.###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.',
  J: '..### ...#. ...#. ...#. ...#. #..#. .##..',
  K: '#...# #..#. #.#.. ##... #.#.. #..#. #...#',
  L: '#.... #.... #.... #.... #.... #.... #####',
  M: '#...# ##.## #.#.# #.#.# #...# #...# #...#',
  N: '#...# #...# ##..# #.#.# #..## #...# #...#',
  O: '.###. #...# #...# #...# #...# #...# .###.',
  P: '####. #...# #...# ####. #.... #.... #....',
  Q: '.###. #...# #...# #...# #.#.# #..#. .##.#',
  R: '####. #...# #...# ####. #.#.. #..#. #...#',
  S: '.#### #.... #.... .###. ....# ....# ####.',
  T: '##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..',
  U: '#...# #...# #...# #...# #...# #...# .###.',
  V: '#...# #...# #...# #...# #...# .#.#. ..#..',
  W: '#...# #...# #...# #.#.# #.#.# #.#.# .#.#.',
  X: '#...# #...# .#.#. ..#.. .#.#. #...# #...#',
  Y: '#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..',
  Z: '##### ....# ...#. ..#.. .#... #.... #####',
  '0': '.###. #...# #..## #.#.# ##..# #...# .###.',
  '1': '..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.',
  '2': '.###. #...# ....# ...#. ..#.. .#... #####',
  '3': '##### ...#. ..#.. ...#. ....# #...# .###.',
  '4': '...#. ..##. .#.#. #..#. ##### ...#. ...#.',
  '5': '##### #.... ####. ....# ....# #...# .###.',
  '6': '..##. .#... #.... ####. #...# #...# .###.',
  '7': '##### ....# ...#. ..#.. .#... .#... .#...',
  '8': '.###. #...# #...# .###. #...# #...# .###.',
  '9': '.###. #...# #...# .#### ....# ...#. .##..',
  '.': '.. .. .. .. .. ## ##',
  ',': '.. .. .. .. ## .# #.',
  '!': '# # # # # . #',
  '?': '.###. #...# ....# ...#. ..#.. ..... ..#..',
  '-': '.... .... .... #### .... .... ....',
  '+': '..... ..#.. ..#.. ##### ..#.. ..#.. .....',
  ':': '.. ## ## .. ## ## ..',
  ';': '.. ## ## .. ## .# #.',
  '/': '..... ....# ...#. ..#.. .#... #.... .....',
  "'": '## .# #. .. .. .. ..',
  '"': '#.# #.# #.# ... ... ... ...',
  '&': '.##.. #..#. #.#.. .#... #.#.# #..#. .##.#',
  '#': '.#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.',
  '%': '##... ##..# ...#. ..#.. .#... #..## ...##',
  '(': '..# .#. #.. #.. #.. .#. ..#',
  ')': '#.. .#. ..# ..# ..# .#. #..',
  '*': '..... ..#.. #.#.# .###. #.#.# ..#.. .....',
  '=': '.... .... #### .... #### .... ....',
  '<': '...# ..#. .#.. #... .#.. ..#. ...#',
  '>': '#... .#.. ..#. ...# ..#. .#.. #...',
  _: '..... ..... ..... ..... ..... ..... #####',
  '@': '.###. #...# ....# .##.# #.#.# #.#.# .###.',
  $: '..#.. .#### #.#.. .###. ..#.# ####. ..#..',
});

export const FONT_3X5: BitmapFont = build(5, 1, 2, {
  A: '.#. #.# ### #.# #.#',
  B: '##. #.# ##. #.# ##.',
  C: '.## #.. #.. #.. .##',
  D: '##. #.# #.# #.# ##.',
  E: '### #.. ##. #.. ###',
  F: '### #.. ##. #.. #..',
  G: '.## #.. #.# #.# .##',
  H: '#.# #.# ### #.# #.#',
  I: '### .#. .#. .#. ###',
  J: '..# ..# ..# #.# .#.',
  K: '#.# #.# ##. #.# #.#',
  L: '#.. #.. #.. #.. ###',
  M: '#...# ##.## #.#.# #...# #...#',
  N: '#..# ##.# #.## #..# #..#',
  O: '.#. #.# #.# #.# .#.',
  P: '##. #.# ##. #.. #..',
  Q: '.#. #.# #.# ##. .##',
  R: '##. #.# ##. #.# #.#',
  S: '.## #.. .#. ..# ##.',
  T: '### .#. .#. .#. .#.',
  U: '#.# #.# #.# #.# ###',
  V: '#.# #.# #.# #.# .#.',
  W: '#...# #...# #.#.# #.#.# .#.#.',
  X: '#.# #.# .#. #.# #.#',
  Y: '#.# #.# .#. .#. .#.',
  Z: '### ..# .#. #.. ###',
  '0': '### #.# #.# #.# ###',
  '1': '.#. ##. .#. .#. ###',
  '2': '##. ..# .#. #.. ###',
  '3': '##. ..# .#. ..# ##.',
  '4': '#.# #.# ### ..# ..#',
  '5': '### #.. ##. ..# ##.',
  '6': '.## #.. ### #.# ###',
  '7': '### ..# .#. .#. .#.',
  '8': '### #.# ### #.# ###',
  '9': '### #.# ### ..# ##.',
  '.': '. . . . #',
  ',': '. . . # #',
  '!': '# # # . #',
  '?': '##. ..# .#. ... .#.',
  '-': '... ... ### ... ...',
  '+': '... .#. ### .#. ...',
  ':': '. # . # .',
  '/': '..# ..# .#. #.. #..',
  "'": '# # . . .',
  '"': '#.# #.# ... ... ...',
  '&': '.#. #.# .#. #.# .##',
  '#': '#.# ### #.# ### #.#',
  '%': '#.# ..# .#. #.. #.#',
  '(': '.# #. #. #. .#',
  ')': '#. .# .# .# #.',
  '*': '#.# .#. #.# ... ...',
  '=': '... ### ... ### ...',
  '<': '..# .#. #.. .#. ..#',
  '>': '#.. .#. ..# .#. #..',
  _: '... ... ... ... ###',
});

function glyphFor(font: BitmapFont, ch: string): Glyph | null {
  if (ch === ' ') return null;
  return font.glyphs.get(ch.toUpperCase()) ?? font.glyphs.get('?')!;
}

/** Normalises text for a badge: accents stripped, typographic quotes and dashes simplified. */
export function badgeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u00d7/g, 'x')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
}

export function measureText(font: BitmapFont, text: string): number {
  let w = 0;
  let first = true;
  for (const ch of text) {
    if (!first) w += font.spacing;
    first = false;
    const g = glyphFor(font, ch);
    w += g ? g.width : font.spaceWidth;
  }
  return w;
}

/** Calls `plot(x, y)` for every ink pixel of `text` drawn with its top-left at (x, y). */
export function drawText(font: BitmapFont, text: string, x: number, y: number, plot: (x: number, y: number) => void): number {
  let cx = x;
  let first = true;
  for (const ch of text) {
    if (!first) cx += font.spacing;
    first = false;
    const g = glyphFor(font, ch);
    if (!g) {
      cx += font.spaceWidth;
      continue;
    }
    g.rows.forEach((row, gy) => {
      for (let gx = 0; gx < row.length; gx++) if (row[gx] === '#') plot(cx + gx, y + gy);
    });
    cx += g.width;
  }
  return cx - x;
}

/** The longest prefix of `text` that fits `maxWidth`, with a trailing '.' when cut. */
export function fitText(font: BitmapFont, text: string, maxWidth: number): string {
  if (measureText(font, text) <= maxWidth) return text;
  let t = text;
  while (t.length > 0 && measureText(font, `${t.trimEnd()}.`) > maxWidth) t = t.slice(0, -1);
  return t.length > 0 ? `${t.trimEnd()}.` : '';
}
