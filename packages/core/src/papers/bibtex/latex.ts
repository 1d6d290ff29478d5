/** Unicode <-> LaTeX for BibTeX fields: accents, special characters, dashes and quotes. */

const MARK_TO_COMMAND: Readonly<Record<string, string>> = {
  '\u0300': '`',
  '\u0301': "'",
  '\u0302': '^',
  '\u0303': '~',
  '\u0304': '=',
  '\u0306': 'u',
  '\u0307': '.',
  '\u0308': '"',
  '\u030a': 'r',
  '\u030b': 'H',
  '\u030c': 'v',
  '\u0323': 'd',
  '\u0327': 'c',
  '\u0328': 'k',
};

const COMMAND_TO_MARK: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(MARK_TO_COMMAND).map(([mark, cmd]) => [cmd, mark]),
);

/** Letters LaTeX writes as commands of their own. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: '\\ss',
  ø: '\\o',
  Ø: '\\O',
  ł: '\\l',
  Ł: '\\L',
  æ: '\\ae',
  Æ: '\\AE',
  œ: '\\oe',
  Œ: '\\OE',
  å: '\\aa',
  Å: '\\AA',
  ı: '\\i',
  ȷ: '\\j',
  đ: '\\dj',
  Đ: '\\DJ',
};

const LETTER_COMMANDS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SPECIAL_LETTERS).map(([ch, cmd]) => [cmd.slice(1), ch]),
);

const TEXT_SYMBOLS: Readonly<Record<string, string>> = {
  '\u2013': '--',
  '\u2014': '---',
  '\u2018': '`',
  '\u2019': "'",
  '\u201c': '``',
  '\u201d': "''",
  '\u00a0': '~',
  '\u2026': '\\ldots{}',
};

/**
 * Escapes text for a BibTeX field: LaTeX specials, accented letters as accent commands
 * ("ö" -> {\"o}), typographic dashes and quotes. Other non-ASCII characters stay UTF-8.
 */
export function toLatex(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (ch in TEXT_SYMBOLS) {
      out += TEXT_SYMBOLS[ch];
      continue;
    }
    switch (ch) {
      case '\\':
        out += '\\textbackslash{}';
        continue;
      case '{':
      case '}':
      case '&':
      case '%':
      case '$':
      case '#':
      case '_':
        out += `\\${ch}`;
        continue;
      case '~':
        out += '\\textasciitilde{}';
        continue;
      case '^':
        out += '\\textasciicircum{}';
        continue;
    }
    if (ch.charCodeAt(0) < 0x80) {
      out += ch;
      continue;
    }
    if (ch in SPECIAL_LETTERS) {
      out += `{${SPECIAL_LETTERS[ch]}}`;
      continue;
    }
    const decomposed = ch.normalize('NFD');
    const base = decomposed[0]!;
    const marks = [...decomposed.slice(1)];
    if (base.charCodeAt(0) < 0x80 && /[A-Za-z]/.test(base) && marks.length > 0 && marks.every((m) => m in MARK_TO_COMMAND)) {
      let inner = base === 'i' ? '\\i' : base === 'j' ? '\\j' : base;
      for (const mark of marks) {
        const cmd = MARK_TO_COMMAND[mark]!;
        inner = /[a-zA-Z]/.test(cmd) ? `\\${cmd}{${inner}}` : `\\${cmd}${inner.startsWith('\\') ? `{${inner}}` : inner}`;
      }
      out += `{${inner}}`;
      continue;
    }
    out += ch;
  }
  return out;
}

/** Like toLatex, then braces words with inner capitals so BibTeX styles keep their case ({CNN}, {ImageNet}). */
export function toLatexTitle(text: string): string {
  return text
    .split(/(\s+)/)
    .map((word) => {
      if (/^\s*$/.test(word)) return word;
      const escaped = toLatex(word);
      return /^.[^]*\p{Lu}/u.test(word.replace(/^[^\p{L}]+/u, '')) ? `{${escaped}}` : escaped;
    })
    .join('');
}

/**
 * LaTeX in a parsed field -> Unicode: accent commands in every spelling ({\"o}, \"{o}, \"o),
 * special letters (\ss, {\o}), escaped specials, dashes, ties, simple formatting commands and
 * protective braces.
 */
export function fromLatex(input: string): string {
  let s = input;
  s = s.replace(/\\(?:textbf|textit|emph|textsc|textrm|textsf|texttt|mathrm|mathbf|mbox|url|text)\s*\{([^{}]*)\}/g, '$1');
  const accent = (cmd: string, letter: string) => {
    const base = letter === '\\i' ? 'i' : letter === '\\j' ? 'j' : letter;
    const mark = COMMAND_TO_MARK[cmd];
    return mark ? (base + mark).normalize('NFC') : base;
  };
  // Symbol accents: \"{o}, {\"o}, \"o, {\'\i}.
  s = s.replace(
    /\\([`'^~=."])\s*(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(\\[ij])(?![A-Za-z])|([A-Za-z]))/g,
    (_m, cmd: string, a?: string, b?: string, c?: string) => accent(cmd, a ?? b ?? c ?? ''),
  );
  // Letter accents need braces or a space: \v{z}, \c c (\u followed by "rl" is \url, not an accent).
  s = s.replace(
    /\\([uvHrcdkb])(?:\s*\{\s*(\\[ij]|[A-Za-z])\s*\}|\s+([A-Za-z])(?![A-Za-z]))/g,
    (_m, cmd: string, a?: string, b?: string) => accent(cmd, a ?? b ?? ''),
  );
  s = s.replace(/\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j|dj|DJ)(?![A-Za-z])\s?/g, (_m, cmd: string) => LETTER_COMMANDS[cmd] ?? cmd);
  s = s
    .replace(/\\textbackslash(\{\})?/g, '\u0000')
    .replace(/\\textasciitilde(\{\})?/g, '\u0001')
    .replace(/\\textasciicircum(\{\})?/g, '^')
    .replace(/\\ldots(\{\})?|\\dots(\{\})?/g, '…')
    .replace(/\\([&%$#_{}])/g, (_m, ch: string) => `\u0002${ch.charCodeAt(0)}\u0003`)
    .replace(/---/g, '\u2014')
    .replace(/--/g, '\u2013')
    .replace(/``/g, '\u201c')
    .replace(/''/g, '\u201d')
    .replace(/(?<!\\)~/g, '\u00a0')
    .replace(/[{}]/g, '')
    .replace(/\u0002(\d+)\u0003/g, (_m, code: string) => String.fromCharCode(Number(code)))
    .replace(/\u0000/g, '\\')
    .replace(/\u0001/g, '~');
  return s.replace(/\s+/g, ' ').trim();
}

/** ASCII letters and digits only, lowercase: for citation keys. */
export function asciiFold(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const decomposed = ch.normalize('NFD').replace(/\p{M}/gu, '');
    const special = SPECIAL_LETTERS[ch];
    if (/^[\x00-\x7f]+$/.test(decomposed)) out += decomposed;
    else if (special) out += special.slice(1).toLowerCase().replace('dj', 'd');
  }
  return out.toLowerCase().replace(/[^a-z0-9]/g, '');
}
