// Search snippets arrive as HTML in which every character is escaped except `<mark>` / `</mark>`.
// The UI never injects that HTML: it is parsed into text runs here and rendered as React text, so
// nothing in a note can become markup even if the server-side escaping were wrong.

export interface MarkedRun {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, e: string) => ENTITIES[e] ?? _);
}

/** Runs of plain and marked text. Any tag other than <mark>/</mark> is kept as literal text. */
export function parseMarked(html: string): MarkedRun[] {
  const runs: MarkedRun[] = [];
  let mark = false;
  const re = /<(\/?)mark>/g;
  let last = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m.index > last) runs.push({ text: decodeEntities(html.slice(last, m.index)), mark });
    mark = m[1] !== '/';
    last = m.index + m[0].length;
  }
  if (last < html.length) runs.push({ text: decodeEntities(html.slice(last)), mark });
  return runs.filter((r) => r.text.length > 0);
}

/** The snippet as plain text (for titles, aria labels). */
export function plainText(html: string): string {
  return parseMarked(html)
    .map((r) => r.text)
    .join('');
}
