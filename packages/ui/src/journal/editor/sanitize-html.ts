import DOMPurify from 'dompurify';

/**
 * Pasted HTML goes through DOMPurify before ProseMirror parses it. ProseMirror would only keep what the
 * schema knows anyway, but parsing happens in a live document (images load, handlers are attached to
 * detached nodes in some engines), so the dangerous parts are removed first.
 */

const FORBID_TAGS = [
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'option',
  'meta',
  'link',
  'base',
  'noscript',
  'template',
  'svg',
  'math',
  'video',
  'audio',
  'source',
  'track',
  'canvas',
  'portal',
];

// DOMPurify's default URI allowlist plus Folio's own scheme (blobs in the data directory).
const ALLOWED_URI = /^(?:(?:https?|mailto|tel|ftp|folio):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

const FORBIDDEN = new Set(FORBID_TAGS);
const URL_ATTRS = new Set([
  'href',
  'src',
  'xlink:href',
  'action',
  'formaction',
  'data',
  'poster',
  'background',
  'cite',
  'srcset',
]);
const BAD_URL = /^(?:javascript|vbscript|data):/i;

/**
 * A second, independent pass over DOMPurify's output inside a <template> (its content is inert: no
 * scripts run, nothing loads). DOMPurify relies on engine details that some DOM implementations do not
 * reproduce (happy-dom lets `onerror` through), so the rules that matter are enforced here as well.
 */
function scrub(html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const el of Array.from(template.content.querySelectorAll('*'))) {
    if (FORBIDDEN.has(el.tagName.toLowerCase())) {
      el.remove();
      continue;
    }
    // An image Folio cannot load later (relative path, blob: of another page) is noise.
    if (el.tagName === 'IMG' && !/^(?:https?|folio):/i.test(el.getAttribute('data-folio-src') ?? el.getAttribute('src') ?? '')) {
      el.remove();
      continue;
    }
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\u0000-\u0020\u007f-\u00a0]+/g, '');
      if (name.startsWith('on') || (URL_ATTRS.has(name) && BAD_URL.test(value))) el.removeAttribute(attr.name);
    }
  }
  return template.innerHTML;
}

let purifyWorks: boolean | null = null;

/**
 * DOMPurify depends on engine details; under some DOM implementations (happy-dom, used by the unit
 * tests) it keeps <script> and drops <a>. Probe once and skip it where it misbehaves, leaving the
 * independent scrub pass to do the job.
 */
function purifyIsReliable(): boolean {
  if (purifyWorks === null) {
    try {
      const out = purify('<p><a href="https://probe.test/">a</a><img src="x" onerror="y()"></p><script>z()</script>');
      purifyWorks = out.includes('href="https://probe.test/"') && out.includes('<p>') && !/onerror|<script/i.test(out);
    } catch {
      purifyWorks = false;
    }
  }
  return purifyWorks;
}

export function sanitizePastedHtml(html: string): string {
  if (!html) return '';
  return scrub(purifyIsReliable() ? purify(html) : html);
}

function purify(html: string): string {
  return DOMPurify.sanitize(html, {
    FORBID_TAGS,
    FORBID_ATTR: ['srcset', 'formaction', 'action', 'ping', 'background'],
    ALLOW_DATA_ATTR: true,
    ALLOWED_URI_REGEXP: ALLOWED_URI,
    // Keep <html>/<body> out: ProseMirror only needs the fragment.
    WHOLE_DOCUMENT: false,
    RETURN_TRUSTED_TYPE: false,
  });
}

const BLOCK_MD = [
  /^#{1,6}\s+\S/m,
  /^\s{0,3}[-*+]\s+\S/m,
  /^\s{0,3}\d{1,9}[.)]\s+\S/m,
  /^\s{0,3}>\s?\S/m,
  /^\s{0,3}(```|~~~)/m,
  /^\s{0,3}[-*+]\s+\[[ xX]\]\s/m,
  /^\|.*\|\s*$\n^\|?\s*:?-{3,}/m,
  /^:::private\s*$/m,
];
const INLINE_MD = [
  /\*\*[^*\n]+\*\*/,
  /(^|[^\w*])\*[^*\s][^*\n]*\*(?!\w)/,
  /~~[^~\n]+~~/,
  /==[^=\s][^=\n]*==/,
  /`[^`\n]+`/,
  /\[[^\]\n]+\]\([^)\s]+\)/,
  /!\[[^\]\n]*\]\([^)\s]+\)/,
  /\[\[[^\]\n]+\]\]/,
];

/** Does plain text look like markdown (so pasting it should produce formatting)? */
export function looksLikeMarkdown(text: string): boolean {
  if (!text.trim()) return false;
  if (BLOCK_MD.some((re) => re.test(text))) return true;
  return INLINE_MD.some((re) => re.test(text));
}

/** Does clipboard HTML carry structure worth keeping (rather than the coloured spans of a code editor)? */
export function hasSemanticHtml(html: string): boolean {
  return /<(p|h[1-6]|ul|ol|li|blockquote|pre|table|strong|b|em|i|a|img|code|s|del|mark)[\s>]/i.test(html);
}

/** Which passes sanitizePastedHtml runs in this environment (for diagnostics and the dev check). */
export function sanitizerMode(): 'dompurify+scrub' | 'scrub' {
  return purifyIsReliable() ? 'dompurify+scrub' : 'scrub';
}
