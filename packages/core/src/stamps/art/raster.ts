/** An RGB raster with the few drawing operations the badges need. */
export type Rgb = readonly [number, number, number];

export class Raster {
  readonly pixels: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint8Array(width * height * 3);
  }

  set(x: number, y: number, c: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 3;
    this.pixels[i] = c[0];
    this.pixels[i + 1] = c[1];
    this.pixels[i + 2] = c[2];
  }

  get(x: number, y: number): Rgb {
    const i = (y * this.width + x) * 3;
    return [this.pixels[i]!, this.pixels[i + 1]!, this.pixels[i + 2]!];
  }

  fillRect(x: number, y: number, w: number, h: number, c: Rgb): void {
    for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) this.set(xx, yy, c);
  }

  /** A copy scaled up by an integer factor (nearest neighbour), for previews. */
  scaled(factor: number): Raster {
    const out = new Raster(this.width * factor, this.height * factor);
    for (let y = 0; y < out.height; y++) {
      for (let x = 0; x < out.width; x++) out.set(x, y, this.get(Math.floor(x / factor), Math.floor(y / factor)));
    }
    return out;
  }

  /** Grey, dimmed copy: the locked look. */
  greyed(): Raster {
    const out = new Raster(this.width, this.height);
    for (let i = 0; i < this.pixels.length; i += 3) {
      const l = 0.299 * this.pixels[i]! + 0.587 * this.pixels[i + 1]! + 0.114 * this.pixels[i + 2]!;
      const v = Math.round(70 + l * 0.55);
      out.pixels[i] = v;
      out.pixels[i + 1] = v;
      out.pixels[i + 2] = v;
    }
    return out;
  }
}

export function hexToRgb(hex: string): Rgb {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new RangeError(`Not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [Math.round(a[0] + (b[0] - a[0]) * t), Math.round(a[1] + (b[1] - a[1]) * t), Math.round(a[2] + (b[2] - a[2]) * t)];
}
