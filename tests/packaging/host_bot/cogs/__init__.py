"""The host's own cogs package (no setup: loading "cogs" itself would fail, as in many bots)."""
