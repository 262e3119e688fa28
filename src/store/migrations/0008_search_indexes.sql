-- Two-character words (most Chinese names, and words such as 赔偿 or 排水) cannot use a trigram
-- index. Every pair of adjacent Chinese characters of a record's names and text is a word of its own
-- in a kind's pairs index (rowid = the record's rid; only the rowids are kept), so a two-character
-- search finds names and text alike. The rows are written by this migration's own step
-- (`store::migration_step`) from the text the records already hold.

-- 人民调解: the pairs replace the index of name pieces, which found names only.
CREATE VIRTUAL TABLE mediation_pair USING fts5 (pairs, content = '', contentless_delete = 1, detail = none, tokenize = 'unicode61');
DROP TABLE mediation_name_gram;

-- 法律援助申请: searched by a substring test over every row until now, which grew with the years;
-- a trigram index of the search text and number (3+ characters) and a pairs index (2) instead.
CREATE VIRTUAL TABLE legal_aid_application_search USING fts5 (text, content = '', contentless_delete = 1, tokenize = 'trigram');
CREATE VIRTUAL TABLE legal_aid_application_pair USING fts5 (pairs, content = '', contentless_delete = 1, detail = none, tokenize = 'unicode61');
