import { badgeText, drawText, fitText, FONT_3X5, FONT_5X7, measureText, type BitmapFont } from './font';
import { ICONS } from './icons';
import { PALETTES, type BadgePalette } from './palettes';
import { encodePng } from './png';
import { hexToRgb, mix, Raster, type Rgb } from './raster';
import type { BadgeSpec } from './spec';

/**
 * Draws an 88×31 badge — the size of the classic web "button" — from a spec: a patterned
 * background, a bevelled border, an optional 16×16 icon, a title in the 5×7 font (3×5 when it is
 * too long) and an optional subtitle in the 3×5 font. Pure: the same spec gives the same bytes.
 */
export const BADGE_WIDTH = 88;
export const BADGE_HEIGHT = 31;

const BAYER4 = [
  [0, 8, 2, 10],
  [12, 4, 14, 6],
  [3, 11, 1, 9],
  [15, 7, 13, 5],
].map((r) => r.map((v) => (v + 0.5) / 16));

export interface RenderOptions {
  /** The locked look: grey and dim. */
  locked?: boolean;
  /** Integer upscale (nearest neighbour) for previews. Default 1. */
  scale?: number;
}

function resolvePalette(p: BadgeSpec['palette']): BadgePalette {
  if (!p) return PALETTES.ink;
  return typeof p === 'string' ? (PALETTES[p] ?? PALETTES.ink) : p;
}

function paintBackground(r: Raster, style: NonNullable<BadgeSpec['background']>, a: Rgb, b: Rgb): void {
  const W = r.width;
  const H = r.height;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let c: Rgb;
      switch (style) {
        case 'solid':
          c = a;
          break;
        case 'stripes':
          c = ((x + y) >> 2) & 1 ? mix(a, b, 0.35) : a;
          break;
        case 'checker':
          c = ((x >> 2) + (y >> 2)) & 1 ? mix(a, b, 0.3) : a;
          break;
        case 'dots':
          c = x % 4 === 1 && y % 4 === 1 ? mix(a, b, 0.6) : a;
          break;
        case 'gradient': {
          // Four ordered-dithered steps from a (top) to b (bottom): a pixel-art gradient.
          const v = (y / (H - 1)) * 4;
          const base = Math.floor(v);
          const step = base + (v - base > BAYER4[y % 4]![x % 4]! ? 1 : 0);
          c = mix(a, b, Math.min(4, step) / 4);
          break;
        }
      }
      r.set(x, y, c);
    }
  }
}

function paintText(r: Raster, font: BitmapFont, text: string, x: number, y: number, color: Rgb, shadow: Rgb): void {
  drawText(font, text, x + 1, y + 1, (px, py) => r.set(px, py, shadow));
  drawText(font, text, x, y, (px, py) => r.set(px, py, color));
}

export function renderBadge(spec: BadgeSpec, opts: RenderOptions = {}): Raster {
  const W = BADGE_WIDTH;
  const H = BADGE_HEIGHT;
  const pal = resolvePalette(spec.palette);
  const c = {
    bg1: hexToRgb(pal.bg1),
    bg2: hexToRgb(pal.bg2),
    fg: hexToRgb(pal.fg),
    sub: hexToRgb(pal.sub),
    shadow: hexToRgb(pal.shadow),
    border: hexToRgb(pal.border),
    light: hexToRgb(pal.light),
    dark: hexToRgb(pal.dark),
  };
  const r = new Raster(W, H);
  paintBackground(r, spec.background ?? 'gradient', c.bg1, c.bg2);

  // Border and bevel.
  r.fillRect(0, 0, W, 1, c.border);
  r.fillRect(0, H - 1, W, 1, c.border);
  r.fillRect(0, 0, 1, H, c.border);
  r.fillRect(W - 1, 0, 1, H, c.border);
  r.fillRect(1, 1, W - 2, 1, c.light);
  r.fillRect(1, 1, 1, H - 2, c.light);
  r.fillRect(1, H - 2, W - 2, 1, c.dark);
  r.fillRect(W - 2, 1, 1, H - 2, c.dark);

  // Icon.
  let textLeft = 4;
  if (spec.icon) {
    const icon = ICONS[spec.icon];
    const ix = 4;
    const iy = Math.floor((H - 16) / 2);
    const colors = new Map(Object.entries(icon.colors).map(([k, v]) => [k, hexToRgb(v)]));
    icon.rows.forEach((row, y) => {
      for (let x = 0; x < row.length; x++) {
        const col = colors.get(row[x]!);
        if (col) r.set(ix + x, iy + y, col);
      }
    });
    textLeft = ix + 16 + 2;
  }
  // The title's drop shadow may touch x = 85; the bevel starts at 86.
  const textRight = W - 3;
  const width = textRight - textLeft;

  // Title: 5×7 if it fits, else 3×5, else cut.
  const title = badgeText(spec.text);
  let titleFont: BitmapFont = FONT_5X7;
  let titleText = title;
  if (measureText(FONT_5X7, title) > width) {
    titleFont = FONT_3X5;
    titleText = fitText(FONT_3X5, title, width);
  }
  const sub = spec.subtext ? fitText(FONT_3X5, badgeText(spec.subtext), width) : '';
  const gap = 3;
  const blockHeight = titleFont.height + (sub ? gap + FONT_3X5.height : 0);
  const top = Math.floor((H - blockHeight) / 2);
  const tw = measureText(titleFont, titleText);
  paintText(r, titleFont, titleText, textLeft + Math.floor((width - tw) / 2), top, c.fg, c.shadow);
  if (sub) {
    const sw = measureText(FONT_3X5, sub);
    paintText(r, FONT_3X5, sub, textLeft + Math.floor((width - sw) / 2), top + titleFont.height + gap, c.sub, c.shadow);
  }

  let out = opts.locked ? r.greyed() : r;
  if (opts.scale && opts.scale > 1) out = out.scaled(Math.floor(opts.scale));
  return out;
}

export function renderStampPng(spec: BadgeSpec, opts: RenderOptions = {}): Buffer {
  const r = renderBadge(spec, opts);
  return encodePng(r.width, r.height, r.pixels, 3);
}

export function renderStampDataUrl(spec: BadgeSpec, opts: RenderOptions = {}): string {
  return `data:image/png;base64,${renderStampPng(spec, opts).toString('base64')}`;
}
