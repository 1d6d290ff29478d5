// Windows-1252 as a byte <-> character table. iconv-lite maps the five bytes that 1252 leaves
// undefined (0x81 0x8D 0x8F 0x90 0x9D) to U+FFFD; browsers and most tools that damage text map
// them to the C1 control of the same value instead, so we do the same and stay reversible.

const HIGH: readonly number[] = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f, 0x90,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

const charToByte = new Map<number, number>();
for (let b = 0x80; b <= 0xff; b++) charToByte.set(b >= 0xa0 ? b : (HIGH[b - 0x80] ?? b), b);
// Latin-1 readings of 0x80-0x9F (C1 controls) also stand for their byte: some tools decode as ISO-8859-1.
for (let b = 0x80; b <= 0x9f; b++) if (!charToByte.has(b)) charToByte.set(b, b);

/** The byte a character stands for when UTF-8 bytes were shown as Windows-1252 (or Latin-1); undefined if none. */
export function cp1252ByteOf(codePoint: number): number | undefined {
  return charToByte.get(codePoint);
}

/** Decode bytes as Windows-1252, keeping undefined bytes as C1 controls (lossless). */
export function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const end = Math.min(bytes.length, i + CHUNK);
    const codes: number[] = new Array(end - i);
    for (let j = i; j < end; j++) {
      const b = bytes[j]!;
      codes[j - i] = b < 0x80 || b >= 0xa0 ? b : HIGH[b - 0x80]!;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}
