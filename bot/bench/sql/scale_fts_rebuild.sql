INSERT INTO stories_fts (stories_fts) VALUES ('rebuild')
