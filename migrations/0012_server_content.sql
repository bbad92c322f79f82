-- revises: 0011
-- date: 2026-12-07
-- why: a server's own advice items (issue 23, part 5): admins import them from a TOML or Markdown file and they
--      are listed and voted beside the guides' items. Assigned number 0017 in the session plan; numbered to follow
--      main until the branches in between land (renumber at merge).

-- One row per item; the slug is the admin's id, unique in the server, and votes use "server.<slug>".
-- Texts are the languages the admin wrote (at least one); archetypes are space-separated client type ids.
CREATE TABLE server_advice (
    guild_id    INTEGER NOT NULL,
    slug        TEXT    NOT NULL CHECK (length(slug) BETWEEN 1 AND 40),
    archetypes  TEXT    NOT NULL CHECK (length(archetypes) >= 1),
    source      TEXT    NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
    text_en     TEXT    NULL,
    text_ar     TEXT    NULL,
    text_fi     TEXT    NULL,
    text_ru     TEXT    NULL,
    position    INTEGER NOT NULL,
    added_at    TEXT    NOT NULL,
    PRIMARY KEY (guild_id, slug),
    CHECK (coalesce(text_en, text_ar, text_fi, text_ru) IS NOT NULL)
);

-- Know your rights (issue 23, part 6): the place a member last picked, so the next result card offers it first.
-- A member's own choice like their language: exported by /privacy export, erased with the row by /privacy forget.
ALTER TABLE member_settings ADD COLUMN rights_place TEXT NULL
    CHECK (rights_place IS NULL OR length(rights_place) BETWEEN 1 AND 32);
