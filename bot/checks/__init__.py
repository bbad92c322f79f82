"""Offline self-checks behind `python -m bot check`: each returns a list of problems (empty = fine)."""
