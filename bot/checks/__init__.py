"""Offline self-checks behind `python -m parley check`: each returns a list of problems (empty = fine)."""
