INSERT INTO votes (guild_id, kind, item_id, axis, voter_key, value, voted_at) VALUES (?, ?, ?, ?, ?, ?, ?)
