UPDATE stories SET author_key = ? WHERE id = ?
