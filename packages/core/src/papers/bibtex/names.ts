/** Person names in BibTeX: "First von Last", "von Last, First", "von Last, Jr, First". */

const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'delle',
  'dei',
  'di',
  'da',
  'du',
  'des',
  'le',
  'la',
  'dos',
  'das',
  'do',
  'bin',
  'binti',
  'ibn',
  'al',
  'el',
  'ter',
  'ten',
  'zu',
  'af',
  'av',
  "d'",
  'y',
]);

export interface NameParts {
  first: string;
  von: string;
  last: string;
  jr: string;
}

function isParticle(word: string): boolean {
  return PARTICLES.has(word.toLowerCase()) && /^\p{Ll}/u.test(word);
}

/** Splits a display name ("Aäron van den Oord") or a BibTeX name ("van den Oord, Aäron"). */
export function splitPersonName(name: string): NameParts {
  const clean = name.replace(/\s+/g, ' ').trim();
  const commaParts = splitTopLevel(clean, ',').map((p) => p.trim());
  if (commaParts.length >= 2) {
    const [lastPart, second, third] = commaParts as [string, string, string | undefined];
    const { von, last } = splitVonLast(lastPart);
    return third !== undefined ? { first: third, von, last, jr: second } : { first: second, von, last, jr: '' };
  }
  const words = splitTopLevel(clean, ' ').filter(Boolean);
  if (words.length <= 1) return { first: '', von: '', last: clean, jr: '' };
  // First von Last: von starts at the first lowercase particle that is not the last word.
  let vonStart = -1;
  for (let i = 1; i < words.length - 1; i++) {
    if (isParticle(words[i]!)) {
      vonStart = i;
      break;
    }
  }
  if (vonStart > 0) {
    let vonEnd = vonStart;
    while (vonEnd + 1 < words.length - 1 && isParticle(words[vonEnd + 1]!)) vonEnd++;
    return {
      first: words.slice(0, vonStart).join(' '),
      von: words.slice(vonStart, vonEnd + 1).join(' '),
      last: words.slice(vonEnd + 1).join(' '),
      jr: '',
    };
  }
  return { first: words.slice(0, -1).join(' '), von: '', last: words.at(-1)!, jr: '' };
}

function splitVonLast(text: string): { von: string; last: string } {
  const words = splitTopLevel(text, ' ').filter(Boolean);
  let i = 0;
  while (i < words.length - 1 && isParticle(words[i]!)) i++;
  return { von: words.slice(0, i).join(' '), last: words.slice(i).join(' ') };
}

/** Splits on `sep` outside braces. */
export function splitTopLevel(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    if (ch === sep && depth === 0) {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current);
  return out;
}

/** "Aäron van den Oord" from its parts. */
export function displayName(parts: NameParts): string {
  return [parts.first, parts.von, parts.last, parts.jr].filter(Boolean).join(' ');
}
