SELECT value, n FROM vote_tallies WHERE guild_id = ? AND kind = ? AND item_id = ? AND n > 0
