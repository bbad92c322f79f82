"""Sources a member can read: "G0 §non-payer" becomes the guide's title and section in the member's language.

The knowledge base and the drafts cite guide sections by id ("G1 §3; G4 §insatiable"); members see
«“5 types of bad freelance clients”, The non-payer». Titles and section names live in sources.toml; "Parley §own"
marks Parley's own additions so they are never presented as the guides' words.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass

from parley.resources import package_dir

LANGS = ("en", "ar", "fi", "ru")
OWN = "Parley §own"
GUIDE_IDS = ("G0", "G1", "G2", "G3", "G4")
# Spellings of a section id used before the ids were unified.
ALIASES = {"G0 §string-along": "G0 §stringing-along"}
# Quotation marks around a guide title, as each language writes them.
QUOTES = {"en": ("“", "”"), "ar": ("«", "»"), "fi": ("”", "”"), "ru": ("«", "»")}


@dataclass(frozen=True)
class GuideSources:
    """Guide titles, section names and the "Parley's own" label, per language."""

    guides: Mapping[str, Mapping[str, str]]
    sections: Mapping[str, Mapping[str, str]]
    own: Mapping[str, str]

    def title(self, guide_id: str, lang: str) -> str:
        """The guide's title in `lang`, in that language's quotation marks."""
        opening, closing = QUOTES.get(lang, QUOTES["en"])
        return f"{opening}{_pick(self.guides[guide_id], lang)}{closing}"

    def cite_one(self, source: str, lang: str) -> str:
        """One source id as a member reads it: «Guide title», Section (or Parley's own label)."""
        source = ALIASES.get(source.strip(), source.strip())
        if source == OWN:
            return _pick(self.own, lang)
        guide_id = source.split()[0]
        if guide_id not in self.guides:
            return source
        section = self.sections.get(source)
        title = self.title(guide_id, lang)
        comma = "، " if lang == "ar" else ", "
        return f"{title}{comma}{_pick(section, lang)}" if section else title

    def cite(self, source: str, lang: str) -> str:
        """A source field, possibly several ids joined by ";", in `lang`."""
        parts = [self.cite_one(part, lang) for part in str(source).split(";") if part.strip()]
        return ("؛ " if lang == "ar" else "; ").join(parts)

    def listing(self, lang: str) -> list[str]:
        """The five guides' titles in `lang`, in id order (for /parley's sources list)."""
        return [self.title(guide_id, lang) for guide_id in GUIDE_IDS]


def _pick(text: Mapping[str, str], lang: str) -> str:
    return text.get(lang) or text["en"]


@functools.cache
def guide_sources() -> GuideSources:
    """Load sources.toml once."""
    with (package_dir("parley.knowledge") / "sources.toml").open("rb") as handle:
        raw = tomllib.load(handle)
    return GuideSources(raw["guides"], raw["sections"], raw["parley"])


def cite(source: str, lang: str) -> str:
    """Shortcut: `guide_sources().cite(source, lang)`."""
    return guide_sources().cite(source, lang)
