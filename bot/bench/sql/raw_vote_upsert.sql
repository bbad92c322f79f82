-- The raw baseline: exactly the upsert VotesRepository.cast runs, alone, one commit per row.
INSERT INTO votes (guild_id, kind, item_id, axis, voter_key, value, voted_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (guild_id, kind, item_id, axis, voter_key)
DO UPDATE SET value = excluded.value, voted_at = excluded.voted_at
