/** How many pages `hasTextLayer` samples (the first ones; covers pages are often image-only, so more than one). */
export const TEXT_SAMPLE_PAGES = 5;

/** A page needs this many non-space characters to count as having real text (stamps and watermarks stay below). */
export const MIN_TEXT_CHARS_PER_PAGE = 80;

export function countTextChars(items: readonly unknown[]): number {
  let n = 0;
  for (const item of items) {
    const str = (item as { str?: unknown }).str;
    if (typeof str === 'string') n += str.replace(/\s+/g, '').length;
  }
  return n;
}

/** True when at least one sampled page carries real text: a scanned PDF without OCR has none. */
export function hasUsableText(charsPerSampledPage: readonly number[]): boolean {
  return charsPerSampledPage.some((n) => n >= MIN_TEXT_CHARS_PER_PAGE);
}
