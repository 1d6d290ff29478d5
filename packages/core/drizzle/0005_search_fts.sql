-- Keyword index (FTS5): contentless, rowid = search_docs.id. Each field has three columns:
-- stemmed words, raw words (prefix queries) and CJK grams; see src/search/text/index-text.ts.
CREATE VIRTUAL TABLE search_fts USING fts5(title, body, props, title_raw, body_raw, props_raw, title_cjk, body_cjk, props_cjk, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1);
