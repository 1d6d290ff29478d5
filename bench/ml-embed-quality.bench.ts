/**
 * Search quality with the embedder (fts vs vector vs hybrid on bench/data/search-quality); see
 * search-quality.ts. Separate file so `npm run bench` picks it up.
 */
export { run } from './search-quality';
