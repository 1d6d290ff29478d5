import type { Annotation, HighlightColor } from './annotation-types';
import { compareReadingOrder } from './annotation-geometry';
import { colorById } from './highlight-colors';

export interface AnnotationsMarkdownOptions {
  /** Embed area snapshots as data-URL images (large); off by default. */
  includeImages?: boolean;
}

/** Escapes text quoted from a PDF so Markdown shows it literally (comments and notes are the user's Markdown and pass through). */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+\-=]|\d+[.)])(?=\s|$)/, (_m, sp: string, mark: string) => `${sp}${mark.replace(/([#+\-=.)])/, '\\$1')}`);
}

function quote(text: string): string {
  return text
    .split(/\n+/)
    .map((line) => `> ${escapeMarkdownText(line.trim())}`)
    .join('\n');
}

function pageLink(page: number, linkForPage: (page: number) => string): string {
  return `[p. ${page}](${linkForPage(page)})`;
}

/**
 * Markdown for a paper's annotations in reading order, grouped by page, each with a link back to its
 * page (e.g. `[p. 3](folio://paper/<id>?page=3)`), ready for "Export" or "Create paper note".
 */
export function annotationsToMarkdown(
  paperTitle: string,
  annotations: readonly Annotation[],
  colors: readonly HighlightColor[],
  linkForPage: (page: number) => string,
  options: AnnotationsMarkdownOptions = {},
): string {
  const blocks: string[] = [`# ${escapeMarkdownText(paperTitle.trim() || 'Untitled paper')}`];
  const sorted = [...annotations].sort(compareReadingOrder);
  if (sorted.length === 0) {
    blocks.push('_No annotations yet._');
    return `${blocks.join('\n\n')}\n`;
  }
  const used = new Set(sorted.filter((a) => a.kind !== 'note').map((a) => a.color));
  const legend = colors.filter((c) => used.has(c.id)).map((c) => `**${escapeMarkdownText(c.label)}**`);
  if (legend.length > 0) blocks.push(`Colours: ${legend.join(' · ')}`);

  let page = -1;
  for (const a of sorted) {
    if (a.page !== page) {
      page = a.page;
      blocks.push(`## Page ${page}`);
    }
    const link = pageLink(a.page, linkForPage);
    switch (a.kind) {
      case 'highlight': {
        const label = escapeMarkdownText(colorById(colors, a.color).label);
        blocks.push(`${quote(a.text || '(no text)')}\n>\n> — ${label} · ${link}`);
        if (a.comment.trim()) blocks.push(a.comment.trim());
        break;
      }
      case 'area': {
        const label = escapeMarkdownText(colorById(colors, a.color).label);
        blocks.push(`**Figure / region** (${label}) · ${link}`);
        if (options.includeImages && a.image) blocks.push(`![Region on page ${a.page}](${a.image})`);
        if (a.comment.trim()) blocks.push(a.comment.trim());
        break;
      }
      case 'note':
        blocks.push(`**Note** · ${link}`);
        if (a.text.trim()) blocks.push(a.text.trim());
        break;
    }
  }
  return `${blocks.join('\n\n')}\n`;
}
