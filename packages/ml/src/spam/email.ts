/**
 * Turn a raw RFC 822 email (as in the SpamAssassin corpus) into comment-like text: the subject and
 * the readable body, without transport headers, quoted replies, signatures or mailing-list footers.
 * Those parts would teach the model about mail servers and list software instead of about spam.
 * HTML bodies are kept as HTML (the feature extractor strips tags itself and counts links).
 */

export interface ParsedEmail {
  subject: string;
  body: string;
}

const MAX_BODY = 3000;

function splitHeaderBody(raw: string): { headers: Map<string, string>; body: string } {
  const text = raw.replace(/\r\n/g, '\n');
  const sep = text.indexOf('\n\n');
  const head = sep === -1 ? text : text.slice(0, sep);
  const body = sep === -1 ? '' : text.slice(sep + 2);
  const headers = new Map<string, string>();
  // Unfold continuation lines, then keep the first occurrence of each header.
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeQuotedPrintable(text: string): string {
  const softBreaks = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < softBreaks.length; i++) {
    const ch = softBreaks[i]!;
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(softBreaks.slice(i + 1, i + 3))) {
      bytes.push(parseInt(softBreaks.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      const code = softBreaks.charCodeAt(i);
      if (code < 0x80) bytes.push(code);
      else for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
    }
  }
  return bytesToText(Uint8Array.from(bytes));
}

/** UTF-8 when valid, Latin-1 otherwise (most of the corpus predates UTF-8 mail). */
function bytesToText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

function decodeBase64(text: string): string {
  const clean = text.replace(/[^A-Za-z0-9+/=]/g, '');
  return bytesToText(Buffer.from(clean, 'base64'));
}

/** Decode RFC 2047 encoded words in headers (=?charset?B?...?= and =?charset?Q?...?=). */
export function decodeMimeWords(text: string): string {
  return text.replace(/=\?([^?]+)\?([bq])\?([^?]*)\?=/gi, (_m, _charset: string, enc: string, data: string) => {
    if (enc.toLowerCase() === 'b') return decodeBase64(data);
    return decodeQuotedPrintable(data.replace(/_/g, ' '));
  });
}

function decodePart(headers: Map<string, string>, body: string): string {
  const encoding = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (encoding.includes('quoted-printable')) return decodeQuotedPrintable(body);
  if (encoding.includes('base64')) return decodeBase64(body);
  return body;
}

function boundaryOf(contentType: string): string | null {
  const m = /boundary\s*=\s*"?([^";]+)"?/i.exec(contentType);
  return m?.[1]?.trim() ?? null;
}

/** Walk a MIME tree and return the best text: text/plain preferred, text/html otherwise. */
function extractBody(headers: Map<string, string>, body: string, depth = 0): string {
  const contentType = (headers.get('content-type') ?? 'text/plain').toLowerCase();
  if (contentType.startsWith('multipart/') && depth < 5) {
    const boundary = boundaryOf(headers.get('content-type') ?? '');
    if (boundary) {
      const parts = body.split(`--${boundary}`).slice(1);
      const plain: string[] = [];
      const html: string[] = [];
      for (const part of parts) {
        if (part.startsWith('--')) break;
        const parsed = splitHeaderBody(part.replace(/^\n/, ''));
        const partType = (parsed.headers.get('content-type') ?? 'text/plain').toLowerCase();
        const disposition = (parsed.headers.get('content-disposition') ?? '').toLowerCase();
        if (disposition.includes('attachment')) continue;
        if (partType.startsWith('multipart/')) {
          const inner = extractBody(parsed.headers, parsed.body, depth + 1);
          if (inner) plain.push(inner);
        } else if (partType.startsWith('text/plain')) {
          plain.push(decodePart(parsed.headers, parsed.body));
        } else if (partType.startsWith('text/html')) {
          html.push(decodePart(parsed.headers, parsed.body));
        }
      }
      if (plain.length > 0) return plain.join('\n');
      if (html.length > 0) return html.join('\n');
      return '';
    }
  }
  if (contentType.startsWith('text/') || !headers.has('content-type')) return decodePart(headers, body);
  return '';
}

/** Drop quoted replies, attributions, signatures and list footers from a plain-text body. */
export function stripEmailNoise(body: string): string {
  const lines = body.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    // Everything after a signature separator, list footer or forwarded original is not the author's text.
    if (/^-- ?$/.test(line) || /^_{10,}$/.test(trimmed) || /^-{3,}\s*original message\s*-{3,}/i.test(trimmed)) break;
    if (/^-{5,}\s*(forwarded|begin forwarded)/i.test(trimmed)) break;
    if (/^(>|\|)/.test(trimmed)) continue;
    if (/^(on .{0,120} wrote:|.{0,80} (wrote|writes|said):)$/i.test(trimmed)) continue;
    out.push(line);
  }
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function parseEmail(raw: string): ParsedEmail {
  const { headers, body } = splitHeaderBody(raw);
  const subject = decodeMimeWords(headers.get('subject') ?? '')
    .replace(/^(\s*(re|fwd?|aw)\s*:\s*)+/i, '')
    .trim();
  let text = extractBody(headers, body);
  text = text.replace(/<(style|head)\b[\s\S]*?<\/\1\s*>/gi, ' ');
  text = stripEmailNoise(text);
  if (text.length > MAX_BODY) text = text.slice(0, MAX_BODY);
  return { subject, body: text };
}

/** Subject and body joined the way a commenter would write them. */
export function emailToText(raw: string): string {
  const { subject, body } = parseEmail(raw);
  return subject ? `${subject}\n\n${body}` : body;
}
