-- The A2/A4 anchors on a big database remove their rows again afterwards.
DELETE FROM votes WHERE guild_id = ? AND kind = 'advice' AND item_id = ? AND axis = 'helpful' AND voter_key = ?
