// The journal domain's markdown utilities, used by every importer. Domains meet through index.ts;
// until journal/index.ts re-exports ./markdown, this is the one place that reaches into it.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- see above; switch to '../../journal' once it exports these
export { extractTags, extractWikilinks, isAttachmentTarget, titleKey, uniqueTags } from '../../journal/markdown';
