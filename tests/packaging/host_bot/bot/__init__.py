"""The host bot's own package (named `bot`, as in many bots)."""
