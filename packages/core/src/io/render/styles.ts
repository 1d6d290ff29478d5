// The CSS of pages Folio writes (published site, standalone entry export, print). Plain, readable,
// light and dark, no web fonts (the reader's system fonts, with CJK fallbacks).
export const PAGE_CSS = `:root {
  color-scheme: light dark;
  --bg: #fdfcf9; --fg: #1f2328; --muted: #667085; --line: #e4e2dc; --accent: #3b5bdb; --mark: #fff3b0;
  --code-bg: #f3f1ec; --quote: #8a8f98; --private: #fff4e5;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #16181d; --fg: #e6e6e3; --muted: #9aa3b2; --line: #2c3038; --accent: #8fa8ff; --mark: #5c4d00; --code-bg: #22252c; --quote: #9aa3b2; --private: #3a2f1c; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 17px/1.7 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
}
.wrap { max-width: 44rem; margin: 0 auto; padding: 2.5rem 1.25rem 4rem; }
a { color: var(--accent); text-decoration-thickness: 1px; text-underline-offset: 2px; }
a:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; border-radius: 2px; }
.site-header { display: flex; flex-wrap: wrap; align-items: baseline; gap: .5rem 1.25rem; margin-bottom: 2.5rem; border-bottom: 1px solid var(--line); padding-bottom: 1rem; }
.site-title { font-size: 1.15rem; font-weight: 650; color: var(--fg); text-decoration: none; }
.site-nav { display: flex; gap: 1rem; font-size: .95rem; }
.site-nav a { color: var(--muted); text-decoration: none; }
.site-nav a:hover { color: var(--accent); }
h1, h2, h3, h4 { line-height: 1.3; margin: 1.8em 0 .6em; }
h1 { font-size: 2rem; margin-top: 0; }
h2 { font-size: 1.45rem; } h3 { font-size: 1.2rem; } h4 { font-size: 1.05rem; }
p, ul, ol, blockquote, pre, table { margin: 0 0 1.1em; }
img { max-width: 100%; height: auto; border-radius: 4px; }
blockquote { margin-left: 0; padding-left: 1em; border-left: 3px solid var(--line); color: var(--quote); }
code { font: .9em/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; background: var(--code-bg); padding: .1em .3em; border-radius: 3px; }
pre { background: var(--code-bg); padding: .9em 1em; border-radius: 6px; overflow-x: auto; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; width: 100%; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--line); padding: .4em .7em; text-align: left; }
hr { border: 0; border-top: 1px solid var(--line); margin: 2em 0; }
mark { background: var(--mark); color: inherit; padding: 0 .15em; border-radius: 2px; }
li > input[type=checkbox] { margin-right: .4em; }
.meta { color: var(--muted); font-size: .92rem; margin: -.2em 0 2em; display: flex; flex-wrap: wrap; gap: .35rem .9rem; }
.tags { display: inline-flex; flex-wrap: wrap; gap: .4rem; list-style: none; padding: 0; margin: 0; }
.tags a, .tag { font-size: .85rem; color: var(--muted); text-decoration: none; border: 1px solid var(--line); border-radius: 999px; padding: 0 .6em; }
.tags a:hover { color: var(--accent); border-color: var(--accent); }
.wikilink { color: inherit; border-bottom: 1px dashed var(--muted); text-decoration: none; }
a.wikilink { color: var(--accent); }
.private-block { background: var(--private); border-left: 3px solid #e8a33d; padding: .6em 1em; border-radius: 4px; margin: 0 0 1.1em; }
.private-block::before { content: "Private"; display: block; font-size: .75rem; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
.raw-html { font-size: .85em; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.missing-image { color: var(--muted); font-style: italic; }
.post-list { list-style: none; padding: 0; margin: 0 0 2.5rem; }
.post-list li { display: grid; grid-template-columns: 6.5rem 1fr; gap: .2rem 1rem; padding: .7rem 0; border-bottom: 1px solid var(--line); }
.post-list time { color: var(--muted); font-size: .9rem; font-variant-numeric: tabular-nums; padding-top: .15rem; }
.post-list .title { font-weight: 600; }
.post-list .excerpt { grid-column: 2; color: var(--muted); font-size: .93rem; margin: 0; }
.post-list .tags { grid-column: 2; }
.year { font-size: 1.1rem; color: var(--muted); margin: 2rem 0 .3rem; }
.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--line); font-size: .95rem; }
.site-footer { margin-top: 4rem; color: var(--muted); font-size: .85rem; }
.tag-cloud { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .6rem; }
.tag-cloud .count { color: var(--muted); font-size: .8em; margin-left: .3em; }
@media (max-width: 560px) {
  body { font-size: 16px; }
  .post-list li { grid-template-columns: 1fr; }
  .post-list .excerpt, .post-list .tags { grid-column: 1; }
}
@media print {
  :root { --bg: #fff; --fg: #000; --muted: #555; --line: #ccc; --code-bg: #f4f4f4; }
  body { font-size: 11pt; }
  .wrap { max-width: none; padding: 0; }
  .site-header, .site-nav, .pager, .site-footer { display: none; }
  a { color: inherit; }
  pre, blockquote, img, table { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
}
`;
