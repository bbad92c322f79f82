-- Published stories go in as published: the FTS index is rebuilt once afterwards (scale_fts_rebuild).
INSERT INTO stories (id, guild_id, author_key, archetype, lang, title, text, status, featured, shared_on, decided_on,
                     published_on, channel_id, message_id)
VALUES (?, ?, ?, ?, ?, NULL, ?, 'published', 0, ?, ?, ?, ?, ?)
