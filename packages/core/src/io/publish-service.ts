// Publishing: public entries (posts, weekly reviews — whatever is marked public) as a static site the
// user pushes to their own host: `index.html` by date, `posts/<date>-<slug>.html`, `tags/`, `feed.xml`
// (RSS 2.0), `style.css`, `media/` (images the published text shows). Private entries never appear;
// `:::private` blocks are left out of everything (pages, excerpts, tags, feed, copied media). Raw HTML
// in an entry is never rendered (see render/html.ts), and every page carries a strict CSP.
import crypto from 'node:crypto';
import type { CoreContext } from '../app/context';
import type { PublishResultDto } from '../contract/io';
import type { EntryDto } from '../contract/journal';
import { iterateAllEntries, listKinds, titleKey } from '../journal';
import { blobExtension } from './export-service';
import { blobShaOf, escapeHtml, MarkdownRenderer } from './render/html';
import { PAGE_CSS } from './render/styles';
import { NameAllocator, openOutputDir } from './output-dir';
import { recordRun } from './runs';

export const SITE_MARKER = '.folio-site.json';
const FEED_ITEMS = 50;

interface Post {
  entry: EntryDto;
  slug: string;
  title: string;
  tags: string[];
  html: string;
  excerpt: string;
  text: string;
}

export function slugify(title: string, maxChars = 60): string {
  const s = title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return [...s].slice(0, maxChars).join('').replace(/-+$/, '');
}

/** A path segment for an href: the file on disk keeps its Unicode name; the link percent-encodes it. */
function seg(name: string): string {
  return encodeURIComponent(name);
}

/** XML 1.0 allows only these characters; anything else (control characters from pasted text) is dropped. */
export function xmlText(s: string): string {
  return escapeHtml(s.replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, ''));
}

function rfc822(date: string, time: string | null): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = (time ?? '12:00').split(':').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, d, hh, mm)).toUTCString();
}

function langOf(text: string): string {
  const sample = text.slice(0, 2000);
  const cjk = (sample.match(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g) ?? []).length;
  const letters = (sample.match(/\p{L}/gu) ?? []).length;
  return letters > 0 && cjk / letters > 0.3 ? 'zh' : 'en';
}

function excerptOf(text: string, max = 180): string {
  const one = text.replace(/\s+/g, ' ').trim();
  if ([...one].length <= max) return one;
  return `${[...one]
    .slice(0, max)
    .join('')
    .replace(/\s+\S*$/, '')}…`;
}

/** Tags a public page may show: the entry's tags field and the #tags of its visible text. */
function publicTags(e: EntryDto, visibleTags: string[]): string[] {
  const field = e.properties.tags;
  const fromField = Array.isArray(field)
    ? field.filter((t): t is string => typeof t === 'string')
    : typeof field === 'string'
      ? field.split(/[,\s]+/)
      : [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of [...fromField, ...visibleTags]) {
    const tag = t.replace(/^#/, '').trim();
    const key = tag.toLocaleLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

const CSP = "default-src 'none'; img-src 'self' https: data:; style-src 'self'; base-uri 'none'; form-action 'none'";

function page(opts: {
  title: string;
  siteTitle: string;
  root: string;
  body: string;
  lang: string;
  description?: string;
}): string {
  return `<!doctype html>
<html lang="${opts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="Folio">
${opts.description ? `<meta name="description" content="${escapeHtml(opts.description)}">\n` : ''}<title>${escapeHtml(opts.title)}</title>
<link rel="stylesheet" href="${opts.root}style.css">
<link rel="alternate" type="application/rss+xml" title="${escapeHtml(opts.siteTitle)}" href="${opts.root}feed.xml">
</head>
<body>
<div class="wrap">
<header class="site-header">
<a class="site-title" href="${opts.root}index.html">${escapeHtml(opts.siteTitle)}</a>
<nav class="site-nav" aria-label="Site"><a href="${opts.root}index.html">Posts</a><a href="${opts.root}tags/index.html">Tags</a><a href="${opts.root}feed.xml">RSS</a></nav>
</header>
<main>
${opts.body}
</main>
<footer class="site-footer">Written in Folio.</footer>
</div>
</body>
</html>
`;
}

function tagList(tags: string[], tagSlug: Map<string, string>, root: string): string {
  if (tags.length === 0) return '';
  return `<ul class="tags" aria-label="Tags">${tags
    .map((t) => `<li><a href="${root}tags/${seg(tagSlug.get(t.toLocaleLowerCase())!)}.html">#${escapeHtml(t)}</a></li>`)
    .join('')}</ul>`;
}

function postList(posts: Post[], tagSlug: Map<string, string>, root: string, byYear: boolean): string {
  let out = '';
  let year = '';
  let open = false;
  for (const p of posts) {
    const y = p.entry.date.slice(0, 4);
    if (byYear && y !== year) {
      if (open) out += '</ul>\n';
      out += `<h2 class="year">${y}</h2>\n<ul class="post-list">\n`;
      year = y;
      open = true;
    } else if (!open) {
      out += '<ul class="post-list">\n';
      open = true;
    }
    out += `<li><time datetime="${p.entry.date}">${p.entry.date}</time><a class="title" href="${root}posts/${seg(p.slug)}.html">${escapeHtml(p.title)}</a>${
      p.excerpt ? `<p class="excerpt">${escapeHtml(p.excerpt)}</p>` : ''
    }${tagList(p.tags, tagSlug, root)}</li>\n`;
  }
  if (open) out += '</ul>\n';
  return out;
}

export async function runPublish(
  ctx: CoreContext,
  input: { dir: string; siteTitle?: string; baseUrl?: string; description?: string; force: boolean },
): Promise<PublishResultDto> {
  const started = Date.now();
  const startedAt = ctx.now().toISOString();
  const siteTitle = input.siteTitle?.trim() || 'Journal';
  const base = input.baseUrl ? input.baseUrl.replace(/\/*$/, '/') : null;
  const out = openOutputDir(input.dir, SITE_MARKER, 'site', input.force);
  const kindNames = new Map(listKinds(ctx).map((k) => [k.key, k.name]));
  const renderer = new MarkdownRenderer();

  // Public, live entries, newest first.
  const entries: EntryDto[] = [];
  for (const e of iterateAllEntries(ctx)) if (e.isPublic && !e.deletedAt) entries.push(e);
  entries.sort((a, b) =>
    a.date !== b.date
      ? a.date < b.date
        ? 1
        : -1
      : (a.time ?? '') !== (b.time ?? '')
        ? (a.time ?? '') < (b.time ?? '')
          ? 1
          : -1
        : a.id < b.id
          ? 1
          : -1,
  );

  // Slugs first, so [[links]] between published posts resolve.
  const slugs = new NameAllocator();
  const slugOf = new Map<string, string>();
  const byTitle = new Map<string, string>();
  for (const e of [...entries].reverse()) {
    const s = slugify(e.title) || crypto.createHash('sha1').update(e.id).digest('hex').slice(0, 8);
    const file = slugs.take('', `${e.date}-${s}`, '');
    slugOf.set(e.id, file);
    const key = titleKey(e.title);
    if (key && !byTitle.has(key)) byTitle.set(key, file);
  }

  const media = new Map<string, string | null>();
  const mediaFor = (sha: string, body: string): string | null => {
    if (media.has(sha)) return media.get(sha)!;
    let name: string | null = null;
    if (ctx.blobs.has(sha)) {
      const bytes = ctx.blobs.read(sha);
      const ext = blobExtension(bytes.subarray(0, 512), body, sha);
      // Only images and PDFs are published: an unknown blob could be anything.
      if (['png', 'jpg', 'gif', 'webp', 'pdf'].includes(ext)) {
        name = `media/${sha.slice(0, 16)}.${ext}`;
        out.write(name, bytes);
      }
    }
    media.set(sha, name);
    return name;
  };
  const renderFor = (e: EntryDto, root: string) =>
    renderer.render(e.body, {
      includePrivate: false,
      resolveUrl: (url) => {
        const sha = blobShaOf(url);
        if (!sha) return url;
        const m = mediaFor(sha, e.body);
        return m ? `${root}${m}` : null;
      },
      resolveWikilink: (target) => {
        const file = byTitle.get(titleKey(target)) ?? byTitle.get(titleKey(target.slice(target.lastIndexOf('/') + 1)));
        return file ? `${root}posts/${seg(file)}.html` : null;
      },
    });

  const posts: Post[] = [];
  let n = 0;
  for (const e of entries) {
    const r = renderFor(e, '../');
    posts.push({
      entry: e,
      slug: slugOf.get(e.id)!,
      title: e.title || e.date,
      tags: publicTags(e, r.tags),
      html: r.html,
      excerpt: excerptOf(r.text),
      text: r.text,
    });
    if (++n % 200 === 0) await new Promise((res) => setImmediate(res));
  }

  // Tags
  const tagSlug = new Map<string, string>();
  const tagPosts = new Map<string, { tag: string; posts: Post[] }>();
  const tagNames = new NameAllocator();
  for (const p of [...posts].reverse()) {
    for (const t of p.tags) {
      const key = t.toLocaleLowerCase();
      if (!tagSlug.has(key)) tagSlug.set(key, tagNames.take('', slugify(t.replace(/\//g, '-')) || 'tag', ''));
    }
  }
  for (const p of posts) {
    for (const t of p.tags) {
      const key = t.toLocaleLowerCase();
      const slot = tagPosts.get(key) ?? { tag: t, posts: [] };
      slot.posts.push(p);
      tagPosts.set(key, slot);
    }
  }

  // Pages
  for (let i = 0; i < posts.length; i++) {
    const p = posts[i]!;
    const newer = posts[i - 1];
    const older = posts[i + 1];
    const kind = kindNames.get(p.entry.kind) ?? p.entry.kind;
    const body = `<article>
<h1>${escapeHtml(p.title)}</h1>
<div class="meta"><time datetime="${p.entry.date}">${p.entry.date}</time><span>${escapeHtml(kind)}</span>${tagList(p.tags, tagSlug, '../')}</div>
${p.html}
</article>
<nav class="pager" aria-label="More posts">${older ? `<a rel="prev" href="${seg(older.slug)}.html">← ${escapeHtml(older.title)}</a>` : '<span></span>'}${
      newer ? `<a rel="next" href="${seg(newer.slug)}.html">${escapeHtml(newer.title)} →</a>` : '<span></span>'
    }</nav>`;
    out.write(
      `posts/${p.slug}.html`,
      page({
        title: `${p.title} · ${siteTitle}`,
        siteTitle,
        root: '../',
        body,
        lang: langOf(p.text || p.title),
        description: p.excerpt,
      }),
    );
  }
  const indexBody = posts.length
    ? `<h1 class="visually-hidden">${escapeHtml(siteTitle)}</h1>\n${input.description ? `<p>${escapeHtml(input.description)}</p>\n` : ''}${postList(posts, tagSlug, '', true)}`
    : '<h1>Nothing published yet</h1>\n<p>Mark an entry public in Folio and publish again.</p>';
  out.write(
    'index.html',
    page({
      title: siteTitle,
      siteTitle,
      root: '',
      body: indexBody,
      lang: langOf(posts.map((p) => p.title).join(' ')),
      ...(input.description ? { description: input.description } : {}),
    }),
  );

  const sortedTags = [...tagPosts.entries()].sort(
    (a, b) => b[1].posts.length - a[1].posts.length || a[1].tag.localeCompare(b[1].tag),
  );
  out.write(
    'tags/index.html',
    page({
      title: `Tags · ${siteTitle}`,
      siteTitle,
      root: '../',
      lang: 'en',
      body: `<h1>Tags</h1>\n<ul class="tag-cloud">${sortedTags
        .map(
          ([key, t]) =>
            `<li><a class="tag" href="${seg(tagSlug.get(key)!)}.html">#${escapeHtml(t.tag)}<span class="count">${t.posts.length}</span></a></li>`,
        )
        .join('')}</ul>`,
    }),
  );
  for (const [key, t] of sortedTags) {
    out.write(
      `tags/${tagSlug.get(key)!}.html`,
      page({
        title: `#${t.tag} · ${siteTitle}`,
        siteTitle,
        root: '../',
        lang: 'en',
        body: `<h1>#${escapeHtml(t.tag)}</h1>\n${postList(t.posts, tagSlug, '../', false)}`,
      }),
    );
  }
  out.write('style.css', PAGE_CSS);

  // RSS 2.0: the newest posts, full text (images made absolute when a base URL is known).
  const link = (rel: string) => (base ? `${base}${rel}` : rel);
  const items = posts.slice(0, FEED_ITEMS).map((p) => {
    const r = renderFor(p.entry, base ?? '');
    const url = link(`posts/${seg(p.slug)}.html`);
    return `<item>
<title>${xmlText(p.title)}</title>
<link>${xmlText(url)}</link>
<guid isPermaLink="${base ? 'true' : 'false'}">${xmlText(base ? url : `folio:${p.entry.id}`)}</guid>
<pubDate>${rfc822(p.entry.date, p.entry.time)}</pubDate>
${p.tags.map((t) => `<category>${xmlText(t)}</category>`).join('\n')}${p.tags.length ? '\n' : ''}<description>${xmlText(r.html)}</description>
</item>`;
  });
  const newest = posts.reduce<string | null>((m, p) => (m === null || p.entry.updatedAt > m ? p.entry.updatedAt : m), null);
  const feed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${xmlText(siteTitle)}</title>
<link>${xmlText(base ?? 'index.html')}</link>
<description>${xmlText(input.description ?? `${siteTitle}: posts written in Folio`)}</description>
<generator>Folio</generator>
${newest ? `<lastBuildDate>${new Date(newest).toUTCString()}</lastBuildDate>\n` : ''}${base ? `<atom:link href="${xmlText(`${base}feed.xml`)}" rel="self" type="application/rss+xml"/>\n` : ''}${items.join('\n')}
</channel>
</rss>
`;
  out.write('feed.xml', feed);

  const removed = out.finish(ctx.now());
  const result: PublishResultDto = {
    dir: out.root,
    posts: posts.length,
    tags: tagPosts.size,
    files: [...out.written].sort(),
    removed,
    feed: base ? `${base}feed.xml` : `${out.root}/feed.xml`,
    durationMs: Date.now() - started,
  };
  recordRun(ctx, 'publish', out.root, startedAt, { posts: posts.length, tags: tagPosts.size, removed });
  return result;
}
