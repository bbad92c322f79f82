INSERT INTO tips (id, guild_id, author_key, archetype, lang, text, status, created_at, decided_at)
VALUES (?, ?, ?, ?, ?, ?, 'approved', ?, ?)
