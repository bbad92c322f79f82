-- Stories an earlier run gave a bench member outside its range (scale: /story mine).
SELECT id FROM stories WHERE guild_id = ? AND author_key = ? AND id NOT BETWEEN ? AND ?
