UPDATE stories SET author_key = ? WHERE guild_id = ? AND id BETWEEN ? AND ?
