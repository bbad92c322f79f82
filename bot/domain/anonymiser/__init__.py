"""Offline anonymiser for member stories in en, ar, fi and ru (pure domain code, no Discord)."""

from .anonymiser import Anonymiser
from .detect import detect_language
from .model import SPAN_TYPES, AnonResult, Span

__all__ = ["SPAN_TYPES", "AnonResult", "Anonymiser", "Span", "detect_language"]
