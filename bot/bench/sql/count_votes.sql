SELECT COUNT(*) FROM votes WHERE guild_id = ? AND kind = ?
