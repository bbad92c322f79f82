-- A2/A4 anchors: the statements of one vote exactly as VotesRepository.cast runs them (the member's votes on the
-- item by primary key, the insert, the item's tally from vote_tallies), here in plain sqlite3.
SELECT axis, value FROM votes
WHERE guild_id = ? AND kind = ? AND item_id = ? AND axis IN ('helpful', 'outcome') AND voter_key = ?
