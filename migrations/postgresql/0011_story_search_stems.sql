-- PostgreSQL version of migrations/0011_story_search_stems.sql: the same column; the search index covers it too.
-- The expression must stay exactly what bot.database.dialect.text_match builds for ('title', 'text',
-- 'search_terms'), or the planner cannot use the index.

ALTER TABLE stories ADD COLUMN search_terms TEXT NULL;

DROP INDEX stories_search;

CREATE INDEX stories_search ON stories
    USING GIN (
        to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(text, '') || ' ' || coalesce(search_terms, ''))
    )
    WHERE status = 'published';
