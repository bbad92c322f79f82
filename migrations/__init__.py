"""Numbered SQL migrations, forward only (package data: `parley.migrations`)."""
