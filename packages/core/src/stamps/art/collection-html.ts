/**
 * The stamp collection as one static, self-contained HTML page for the user's website: inline
 * CSS, no JavaScript, images referenced by file name (the lead writes the PNGs beside it).
 * Earned stamps first (newest first), then locked ones with their progress.
 */
export interface CollectionStamp {
  name: string;
  description: string;
  /** `YYYY-MM-DD` when earned; null/absent when locked. */
  earnedAt?: string | null;
  /** A short evidence summary ("7 days, 2026-06-01 – 2026-06-07"). */
  evidence?: string;
  /** The image's file name inside the exported folder, e.g. `first-paper.png`. */
  image: string;
  /** Alt text for the image; defaults to the stamp's name. */
  alt?: string;
  /** Locked stamps: 0..1. */
  progress?: number;
  /** Locked stamps: e.g. "12 of 30 this month". */
  progressText?: string;
}

export interface CollectionOptions {
  title?: string;
  /** Shown under the title, e.g. the owner's name. */
  subtitle?: string;
  /** `YYYY-MM-DD` of the export (passed in so the output is reproducible). */
  generatedOn?: string;
  /** Include locked stamps. Default true. */
  includeLocked?: boolean;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function longDate(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** A file name usable as a relative URL: path separators refused, the rest percent-encoded. */
function imageUrl(file: string): string {
  const base = file.replace(/^.*[\\/]/, '');
  return encodeURIComponent(base);
}

const CSS = `
:root{color-scheme:light dark;--bg:#fbfaf7;--fg:#1f2328;--muted:#5b636e;--card:#ffffff;--line:#e3e0d8;--accent:#2d6a4f;--bar:#e9e6de}
@media (prefers-color-scheme:dark){:root{--bg:#15171c;--fg:#e8e6e1;--muted:#a3a9b3;--card:#1d2027;--line:#2e323b;--accent:#7fd1a8;--bar:#2e323b}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:64rem;margin:0 auto;padding:2rem 1.25rem 3rem}
h1{font-size:1.75rem;margin:0 0 .25rem}
.lede{color:var(--muted);margin:0 0 2rem}
h2{font-size:1.15rem;margin:2rem 0 1rem;border-bottom:1px solid var(--line);padding-bottom:.35rem}
ul.stamps{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1rem}
li.stamp{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:1rem;display:flex;flex-direction:column;gap:.4rem}
li.stamp img{width:176px;height:62px;image-rendering:pixelated;image-rendering:crisp-edges;display:block}
li.stamp h3{font-size:1rem;margin:.35rem 0 0}
li.stamp p{margin:0}
.desc{color:var(--muted);font-size:.925rem}
.when{font-size:.875rem;color:var(--accent);font-weight:600}
.evidence{font-size:.8rem;color:var(--muted)}
li.locked img{filter:grayscale(1);opacity:.55}
.progress{font-size:.85rem;color:var(--muted)}
.bar{height:.4rem;background:var(--bar);border-radius:.2rem;overflow:hidden}
.bar span{display:block;height:100%;background:var(--accent)}
footer{color:var(--muted);font-size:.8rem;margin-top:3rem}
`.trim();

function stampItem(s: CollectionStamp): string {
  const earned = Boolean(s.earnedAt);
  const alt = escapeHtml(s.alt ?? `${s.name} stamp${earned ? '' : ' (locked)'}`);
  const parts = [
    `<img src="${imageUrl(s.image)}" width="88" height="31" alt="${alt}">`,
    `<h3>${escapeHtml(s.name)}</h3>`,
    `<p class="desc">${escapeHtml(s.description)}</p>`,
  ];
  if (earned) {
    parts.push(
      `<p class="when">Earned <time datetime="${escapeHtml(s.earnedAt!)}">${escapeHtml(longDate(s.earnedAt!))}</time></p>`,
    );
    if (s.evidence) parts.push(`<p class="evidence">${escapeHtml(s.evidence)}</p>`);
  } else {
    const pct = Math.round(Math.min(1, Math.max(0, s.progress ?? 0)) * 100);
    const label = s.progressText ? `${escapeHtml(s.progressText)} (${pct}%)` : `${pct}%`;
    parts.push(`<p class="progress">Locked · ${label}</p>`);
    parts.push(`<div class="bar" role="img" aria-label="${pct}% of the way"><span style="width:${pct}%"></span></div>`);
  }
  return `<li class="stamp ${earned ? 'earned' : 'locked'}">${parts.join('')}</li>`;
}

export function renderCollectionHtml(stamps: readonly CollectionStamp[], opts: CollectionOptions = {}): string {
  const title = opts.title ?? 'My stamps';
  const earned = stamps
    .filter((s) => s.earnedAt)
    .sort((a, b) => (a.earnedAt! < b.earnedAt! ? 1 : a.earnedAt! > b.earnedAt! ? -1 : a.name.localeCompare(b.name)));
  const locked =
    (opts.includeLocked ?? true)
      ? stamps.filter((s) => !s.earnedAt).sort((a, b) => (b.progress ?? 0) - (a.progress ?? 0) || a.name.localeCompare(b.name))
      : [];
  const lede = `${earned.length} of ${stamps.length} stamp${stamps.length === 1 ? '' : 's'} earned${opts.subtitle ? ` · ${escapeHtml(opts.subtitle)}` : ''}`;
  const section = (id: string, heading: string, list: readonly CollectionStamp[]) =>
    list.length === 0
      ? ''
      : `<section aria-labelledby="${id}"><h2 id="${id}">${heading}</h2><ul class="stamps">${list.map(stampItem).join('\n')}</ul></section>`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="lede">${lede}</p>`,
    section('earned', 'Earned', earned),
    section('locked', 'Still to earn', locked),
    `<footer>Made with Folio${opts.generatedOn ? ` · ${escapeHtml(longDate(opts.generatedOn))}` : ''}</footer>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n')
    .concat('\n');
}
