-- The votes counted by the tally triggers (must equal the rows).
SELECT SUM(n) FROM vote_tallies WHERE guild_id = ? AND kind = ?
