"""Archetype data files (<id>.toml); a package only so that setuptools ships them as package data."""
