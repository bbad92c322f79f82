"""Arabic names, companies and places: one module per entity kind, each rule a small method with its example."""

from .finder import ArabicFinder
from .words import is_compound_tail, is_tatweel_prefixed

__all__ = ["ArabicFinder", "is_compound_tail", "is_tatweel_prefixed"]
