-- PostgreSQL version of migrations/0018_story_search_prefixes.sql: nothing to change. The SQLite file rebuilds the
-- FTS5 table with prefix indexes; PostgreSQL's GIN index on the tsvector (0011) already finds 'key':* prefixes
-- without merging every matching term first.

-- A file must run something: this version is recorded as applied, and nothing else changes.
SELECT 1;
