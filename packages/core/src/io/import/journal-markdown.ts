// The journal domain's markdown utilities, used by every importer. Domains meet through index.ts.
export { extractTags, extractWikilinks, titleKey } from '../../journal';
// journal/index.ts does not re-export these two yet; until it does, this is the one place that
// reaches into journal/markdown (switch to '../../journal' once it exports them).
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
export { isAttachmentTarget, uniqueTags } from '../../journal/markdown';
