// Front matter: YAML between `---` fences (Obsidian, Hexo, Jekyll) and the simple TOML Hugo writes
// between `+++` fences. Parsing uses the YAML 1.2 core schema so dates stay strings (we parse them
// ourselves, in more shapes than YAML knows) and `yes`/`no` stay words.
import { parseDocument } from 'yaml';

export interface FrontMatter {
  /** Parsed key/value pairs ({} when there is no front matter). */
  data: Record<string, unknown>;
  /** 'yaml' | 'toml' when a block was found. */
  format: 'yaml' | 'toml' | null;
  /** Text after the block. */
  body: string;
  /** 1-based line number in the original text where `body` starts. */
  bodyLine: number;
  /** Set when the block exists but cannot be parsed; `data` is then {}. */
  error?: { message: string; line?: number };
}

const OPEN_YAML = /^---[ \t]*$/;
const CLOSE_YAML = /^(---|\.\.\.)[ \t]*$/;
const OPEN_TOML = /^\+\+\+[ \t]*$/;
const MAX_LINES = 500;

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Split and parse the front matter of a markdown text. Never throws. */
export function parseFrontMatter(input: string): FrontMatter {
  const text = stripBom(input).replace(/\r\n?/g, '\n');
  const lines = text.split('\n', MAX_LINES + 2);
  const first = lines[0] ?? '';
  const isYaml = OPEN_YAML.test(first);
  const isToml = OPEN_TOML.test(first);
  if (!isYaml && !isToml) return { data: {}, format: null, body: text, bodyLine: 1 };

  let close = -1;
  for (let i = 1; i < lines.length && i <= MAX_LINES; i++) {
    if (isYaml ? CLOSE_YAML.test(lines[i]!) : OPEN_TOML.test(lines[i]!)) {
      close = i;
      break;
    }
  }
  if (close < 0) {
    // A leading `---` is also a thematic break. Only call it broken front matter when the next
    // line looks like a key.
    const next = lines[1] ?? '';
    if (/^[\w"'-][^:=]*\s*[:=]/.test(next)) {
      return {
        data: {},
        format: isYaml ? 'yaml' : 'toml',
        body: text,
        bodyLine: 1,
        error: { message: `front matter opened on line 1 is never closed with ${isYaml ? '---' : '+++'}`, line: 1 },
      };
    }
    return { data: {}, format: null, body: text, bodyLine: 1 };
  }

  const raw = lines.slice(1, close).join('\n');
  let offset = 0;
  for (let i = 0; i <= close; i++) offset += lines[i]!.length + 1;
  const body = text.slice(Math.min(offset, text.length));
  const bodyLine = close + 2;
  const format = isYaml ? 'yaml' : 'toml';
  const parsed = isYaml ? parseYamlBlock(raw) : parseTomlBlock(raw);
  if ('error' in parsed) {
    const line = parsed.line !== undefined ? parsed.line + 1 : undefined;
    return { data: {}, format, body, bodyLine, error: { message: parsed.error, ...(line !== undefined ? { line } : {}) } };
  }
  return { data: parsed.data, format, body, bodyLine };
}

type BlockResult = { data: Record<string, unknown> } | { error: string; line?: number };

function parseYamlBlock(raw: string): BlockResult {
  if (raw.trim() === '') return { data: {} };
  let doc;
  try {
    doc = parseDocument(raw, { schema: 'core', prettyErrors: true, uniqueKeys: false });
  } catch (e) {
    return { error: `front matter is not valid YAML: ${(e as Error).message}` };
  }
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = err.linePos?.[0]?.line;
    const msg = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return { error: `front matter is not valid YAML: ${msg}`, ...(line !== undefined ? { line } : {}) };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    return { error: `front matter is not valid YAML: ${(e as Error).message}` };
  }
  if (value === null || value === undefined) return { data: {} };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { error: 'front matter is not a set of key: value pairs' };
  }
  return { data: toPlain(value) as Record<string, unknown> };
}

/** Make values JSON-safe: Maps to objects, Dates to ISO strings, drop functions/symbols. */
function toPlain(value: unknown, depth = 0): unknown {
  if (depth > 20) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of value) o[String(k)] = toPlain(v, depth + 1);
    return o;
  }
  if (value instanceof Set) return [...value].map((v) => toPlain(v, depth + 1));
  if (Array.isArray(value)) return value.map((v) => toPlain(v, depth + 1));
  if (value && typeof value === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) o[k] = toPlain(v, depth + 1);
    return o;
  }
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'function' || typeof value === 'symbol') return null;
  return value;
}

/**
 * The subset of TOML that Hugo front matter uses: `key = value` with strings, numbers, booleans,
 * dates and flat arrays, plus `[table]` headers (keys inside become nested objects).
 */
function parseTomlBlock(raw: string): BlockResult {
  const data: Record<string, unknown> = {};
  let target = data;
  const lines = raw.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith('#')) continue;
    const table = /^\[([\w.-]+)\]$/.exec(line);
    if (table) {
      const obj: Record<string, unknown> = {};
      data[table[1]!] = obj;
      target = obj;
      continue;
    }
    const m = /^("[^"]+"|'[^']+'|[\w.-]+)\s*=\s*(.+)$/.exec(line);
    if (!m) return { error: `front matter is not valid TOML: cannot read "${line.slice(0, 40)}"`, line: i + 1 };
    const key = m[1]!.replace(/^["']|["']$/g, '');
    const v = parseTomlValue(m[2]!.trim());
    if (v === undefined) return { error: `front matter is not valid TOML: bad value for ${key}`, line: i + 1 };
    target[key] = v;
  }
  return { data };
}

function parseTomlValue(s: string): unknown {
  const noComment = s.replace(/\s+#.*$/, '');
  if (/^".*"$/.test(noComment)) {
    try {
      return JSON.parse(noComment) as unknown;
    } catch {
      return noComment.slice(1, -1);
    }
  }
  if (/^'.*'$/.test(noComment)) return noComment.slice(1, -1);
  if (noComment === 'true' || noComment === 'false') return noComment === 'true';
  if (/^[+-]?\d+(\.\d+)?$/.test(noComment)) return Number(noComment);
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+)?(Z|[+-]\d{2}:\d{2})?$/.test(noComment)) return noComment;
  if (noComment.startsWith('[') && noComment.endsWith(']')) {
    const inner = noComment.slice(1, -1).trim();
    if (!inner) return [];
    const items: unknown[] = [];
    for (const part of inner.match(/"(?:[^"\\]|\\.)*"|'[^']*'|[^,]+/g) ?? []) {
      const t = part.trim();
      if (!t || t === ',') continue;
      const v = parseTomlValue(t);
      if (v === undefined) return undefined;
      items.push(v);
    }
    return items;
  }
  return undefined;
}
