// The journal domain's markdown utilities, used by every importer. Domains meet through index.ts.
export { extractTags, extractWikilinks, isAttachmentTarget, titleKey, uniqueTags } from '../../journal';
