/**
 * Field names a comment record may use, and how their values are read: Firebase Realtime Database
 * exports are whatever the site's author chose (`text`, `message`, `comment`, `body`…), so fields are
 * detected by name, case- and separator-insensitively.
 */

/** `createdAt`, `created_at`, `Created-At` → `createdat`. */
export function normKey(key: string): string {
  return key.toLowerCase().replace(/[\s_\-.]/g, '');
}

const set = (...names: string[]) => new Set(names.map(normKey));

export const TEXT_KEYS = set(
  'text',
  'message',
  'comment',
  'body',
  'content',
  'msg',
  'commenttext',
  'comment_text',
  'commentbody',
  'html',
);
export const AUTHOR_KEYS = set(
  'author',
  'name',
  'username',
  'user',
  'displayname',
  'nickname',
  'nick',
  'authorname',
  'from',
  'poster',
  'commenter',
);
export const TIME_KEYS = set(
  'timestamp',
  'time',
  'date',
  'createdat',
  'created',
  'datetime',
  'ts',
  'postedat',
  'posted',
  'publishedat',
  'published',
  'submittedat',
  'dateadded',
);
export const PAGE_KEYS = set(
  'page',
  'thread',
  'post',
  'slug',
  'url',
  'path',
  'pageid',
  'postid',
  'threadid',
  'articleid',
  'article',
  'postslug',
  'pageurl',
  'pageslug',
  'permalink',
  'topic',
  'pathname',
);
export const ID_KEYS = set('id', '_id', 'key', 'commentid', 'cid', 'uuid');
export const LABEL_KEYS = set('label', 'class', 'isspam', 'spam', 'category');
/** Keys holding nested comments (replies) inside a comment. */
export const REPLY_KEYS = set('replies', 'children', 'responses', 'comments', 'answers');
/** Keys that group records without naming a page (`{comments: {...}}`). */
export const CONTAINER_KEYS = set(
  'comments',
  'comment',
  'data',
  'items',
  'messages',
  'entries',
  'records',
  'rows',
  'results',
  'posts',
  'pages',
  'threads',
  'list',
  'all',
  'export',
  'replies',
);

/** The first own key of `obj` whose normalised name is in `keys` (in `keys`' order of preference). */
export function findKey(obj: Record<string, unknown>, keys: Set<string>): string | undefined {
  let best: string | undefined;
  let bestRank = Infinity;
  const order = [...keys];
  for (const k of Object.keys(obj)) {
    const rank = order.indexOf(normKey(k));
    if (rank >= 0 && rank < bestRank) {
      best = k;
      bestRank = rank;
    }
  }
  return best;
}

/** A scalar as a trimmed string (numbers too); null for anything else or empty. */
export function scalarText(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'bigint') return String(v);
  return null;
}

/** An author may be a string or an object such as `{ name, email }`. */
export function authorText(v: unknown): string | null {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    for (const k of ['name', 'displayName', 'username', 'nick', 'nickname']) {
      const s = scalarText(o[k]);
      if (s) return s.slice(0, 500);
    }
    return null;
  }
  return scalarText(v)?.slice(0, 500) ?? null;
}

/** A page may be a string, a number or an object such as `{ url, title }`. */
export function pageText(v: unknown): string | null {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    for (const k of ['slug', 'url', 'path', 'id', 'title']) {
      const s = scalarText(o[k]);
      if (s) return s.slice(0, 2000);
    }
    return null;
  }
  return scalarText(v)?.slice(0, 2000) ?? null;
}

const EARLIEST = Date.UTC(1990, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

/**
 * A timestamp as ISO (UTC): epoch milliseconds (Firebase's `ServerValue.TIMESTAMP`), seconds,
 * microseconds, digit strings of those, or a date string `Date` understands (ISO 8601, RFC 2822).
 * Null for anything else, including Firebase's unresolved `{".sv": "timestamp"}`.
 */
export function parseTimestamp(v: unknown): string | null {
  let ms: number | null = null;
  if (typeof v === 'number' && Number.isFinite(v)) ms = fromEpoch(v);
  else if (typeof v === 'string') {
    const s = v.trim();
    if (/^-?\d+(\.\d+)?$/.test(s)) ms = fromEpoch(Number(s));
    else if (s) {
      const t = Date.parse(s);
      ms = Number.isNaN(t) ? null : t;
    }
  } else if (v && typeof v === 'object' && !Array.isArray(v)) {
    // Firestore-style `{ seconds, nanoseconds }` / `{ _seconds }`.
    const o = v as Record<string, unknown>;
    const sec = typeof o.seconds === 'number' ? o.seconds : typeof o._seconds === 'number' ? o._seconds : null;
    if (sec !== null) ms = sec * 1000;
  }
  if (ms === null || !Number.isFinite(ms)) return null;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function fromEpoch(n: number): number | null {
  if (n <= 0) return null;
  // Pick the unit that lands between 1990 and 2200.
  for (const scale of [1, 1000, 0.001]) {
    const ms = n * scale;
    if (ms >= EARLIEST && ms < LATEST) return ms;
  }
  return null;
}

const SPAM_LABELS = new Set(['spam', '1', 'true', 'yes', 'y', 't', 'junk', 'positive', 'pos', '1.0']);
const HAM_LABELS = new Set([
  'ham',
  '0',
  'false',
  'no',
  'n',
  'f',
  'not spam',
  'notspam',
  'not_spam',
  'legit',
  'negative',
  'neg',
  '0.0',
]);

/** spam/ham, 1/0, true/false, yes/no (any case) → 'spam' | 'ham'; '' → null; anything else → undefined. */
export function parseLabelCell(raw: unknown): 'spam' | 'ham' | null | undefined {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'boolean') return raw ? 'spam' : 'ham';
  const v = String(raw).trim().toLowerCase().replace(/^"|"$/g, '');
  if (v === '') return null;
  if (SPAM_LABELS.has(v)) return 'spam';
  if (HAM_LABELS.has(v)) return 'ham';
  return undefined;
}
