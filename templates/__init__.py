"""Jinja2 templates for cards and client drafts (package data: `parley.templates`)."""
