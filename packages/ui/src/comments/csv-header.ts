/**
 * Just enough CSV reading in the browser to offer the file's columns in the import dialog (the
 * backend parses the file itself): the delimiter and the first record, quotes respected.
 */
export type Delimiter = ',' | '\t' | ';' | '|';

export function guessDelimiter(text: string, fileName = ''): Delimiter {
  if (/\.(tsv|tab)$/i.test(fileName)) return '\t';
  const firstLine = text.slice(0, 64 * 1024).split(/\r?\n/, 1)[0] ?? '';
  let best: Delimiter = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';', '|'] as const) {
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === d) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** The fields of the first record (which may span lines inside quotes). */
export function firstRecord(text: string, delimiter: Delimiter): string[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const fields: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < s.length && i < 1_000_000) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') break;
    else field += ch;
    i++;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

export function looksLikeJson(text: string, fileName: string): boolean {
  if (/\.(json|jsonl|ndjson)$/i.test(fileName)) return true;
  if (/\.(csv|tsv|tab)$/i.test(fileName)) return false;
  const first = /\S/.exec(text)?.[0];
  return first === '{' || first === '[';
}

const GUESSES: Record<string, string[]> = {
  textColumn: ['text', 'content', 'comment', 'message', 'body', 'comment_text', 'comment_content', 'msg'],
  authorColumn: ['author', 'name', 'user', 'username', 'comment_author', 'nickname', 'nick'],
  pageColumn: ['page', 'thread', 'post', 'slug', 'url', 'post_id', 'page_id', 'article', 'video', 'video_id'],
  timeColumn: ['timestamp', 'time', 'date', 'created_at', 'createdat', 'created', 'datetime', 'comment_date'],
  idColumn: ['id', 'comment_id', 'commentid', 'key', 'cid'],
  labelColumn: [],
};

/** The column the backend would pick by itself for each option ('' = none). */
export function guessColumns(header: string[]): Record<keyof typeof GUESSES, string> {
  const norm = header.map((h) => h.toLowerCase().replace(/[\s_\-.]/g, ''));
  const out = {} as Record<keyof typeof GUESSES, string>;
  for (const [key, names] of Object.entries(GUESSES)) {
    const i = names.map((n) => norm.indexOf(n.replace(/[\s_\-.]/g, ''))).find((x) => x >= 0);
    out[key as keyof typeof GUESSES] = i === undefined ? '' : header[i]!;
  }
  return out;
}
