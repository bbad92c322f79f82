"""Pieces every Parley cog shares: the service registry, the base cog, the error chain, replies and views.

Modules starting with `_` are not capabilities, so extension discovery skips this package.
"""
