-- revises: 0010
-- date: 2026-12-07
-- why: story search finds inflected forms (issue 18, point 15): "soittaa" finds "soitteli", "заплатить" finds
--      "заплатил", "فاتورتي" finds "الفاتورة". A published story is also indexed under the stems of its words
--      (search_terms, computed by parley.domain.search_terms when it is published), and queries are stemmed the
--      same way. (Numbered 0015 in the session plan; renumber at merge.)

-- The stems of the story's anonymised title and text, space-separated: derived from text already in this row,
-- erased with it. NULL until the story is published (only published stories are searched).
ALTER TABLE stories ADD COLUMN search_terms TEXT NULL;

-- FTS5 cannot add a column to an index: rebuild it with the stems, with the same four triggers as 0005.
DROP TRIGGER stories_fts_publish;
DROP TRIGGER stories_fts_unpublish;
DROP TRIGGER stories_fts_edit;
DROP TRIGGER stories_fts_delete;
DROP TABLE stories_fts;

CREATE VIRTUAL TABLE stories_fts USING fts5(
    title,
    text,
    search_terms,
    content = 'stories',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER stories_fts_publish AFTER UPDATE OF status ON stories
WHEN new.status = 'published' AND old.status <> 'published'
BEGIN
    INSERT INTO stories_fts (rowid, title, text, search_terms)
    VALUES (new.id, coalesce(new.title, ''), new.text, coalesce(new.search_terms, ''));
END;

CREATE TRIGGER stories_fts_unpublish AFTER UPDATE OF status ON stories
WHEN old.status = 'published' AND new.status <> 'published'
BEGIN
    INSERT INTO stories_fts (stories_fts, rowid, title, text, search_terms)
    VALUES ('delete', old.id, coalesce(old.title, ''), old.text, coalesce(old.search_terms, ''));
END;

CREATE TRIGGER stories_fts_edit AFTER UPDATE OF title, text, search_terms ON stories
WHEN old.status = 'published' AND new.status = 'published'
BEGIN
    INSERT INTO stories_fts (stories_fts, rowid, title, text, search_terms)
    VALUES ('delete', old.id, coalesce(old.title, ''), old.text, coalesce(old.search_terms, ''));
    INSERT INTO stories_fts (rowid, title, text, search_terms)
    VALUES (new.id, coalesce(new.title, ''), new.text, coalesce(new.search_terms, ''));
END;

CREATE TRIGGER stories_fts_delete AFTER DELETE ON stories
WHEN old.status = 'published'
BEGIN
    INSERT INTO stories_fts (stories_fts, rowid, title, text, search_terms)
    VALUES ('delete', old.id, coalesce(old.title, ''), old.text, coalesce(old.search_terms, ''));
END;

-- Stories published before this migration have no stems yet: they stay findable by their words as before, and
-- StoriesRepository.index_missing_terms() fills their stems in (the edit trigger re-indexes each one).
INSERT INTO stories_fts (rowid, title, text, search_terms)
SELECT id, coalesce(title, ''), text, '' FROM stories WHERE status = 'published';
