// Test helper: the real elements and attributes of HTML Folio wrote (escaped text is not markup), and
// what in them could run script.
const TAG = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-:]+(?:="[^"]*"|='[^']*'|=[^\s>]+)?)*)\s*\/?>/g;
const ATTR = /\s+([a-zA-Z-:]+)(?:="([^"]*)"|='([^']*)'|=([^\s>]+))?/g;
const BAD_ELEMENTS = new Set([
  'script',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'form',
  'base',
  'frame',
  'frameset',
  'applet',
]);

function decode(v: string): string {
  return v
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Reasons the HTML could run script (empty when safe). `allowElements` for the page's own <link>/<meta>. */
export function scriptRisks(html: string, allowElements: readonly string[] = []): string[] {
  const risks: string[] = [];
  for (const m of html.matchAll(TAG)) {
    const name = m[1]!.toLowerCase();
    if (BAD_ELEMENTS.has(name) && !allowElements.includes(name)) risks.push(`<${name}>`);
    for (const a of (m[2] ?? '').matchAll(ATTR)) {
      const attr = a[1]!.toLowerCase();
      const value = decode(a[2] ?? a[3] ?? a[4] ?? '')
        .replace(/[\u0000-\u0020]/g, '')
        .toLowerCase();
      if (attr.startsWith('on')) risks.push(`${name}[${attr}]`);
      if (
        ['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attr) &&
        /^(javascript|vbscript|data:(?!image\/(png|jpe?g|gif|webp|avif|bmp);))/.test(value)
      )
        risks.push(`${name}[${attr}=${value.slice(0, 30)}]`);
      if (attr === 'style' && /expression|url\(/.test(value)) risks.push(`${name}[style]`);
    }
  }
  return risks;
}
