-- Published stories go in as published, with their search stems: the FTS index is rebuilt once afterwards
-- (scale_fts_rebuild).
INSERT INTO stories (id, guild_id, author_key, archetype, lang, title, text, status, featured, shared_on, decided_on,
                     published_on, channel_id, message_id, search_terms)
VALUES (?, ?, ?, ?, ?, NULL, ?, 'published', 0, ?, ?, ?, ?, ?, ?)
