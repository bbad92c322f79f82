"""Names, companies and places in languages that capitalise proper nouns (English, Finnish, Russian).

finder.py walks the text and cuts runs of capitalised words; the rules it asks live one concern per module:
stops.py (words that are never names), initial.py (is a sentence-initial word a name?), persons.py (names in
lower case, repeated names), orgs.py (quoted names, kinds of business, title-case roles), register.py (headings,
chat typed in lower case); ../kinds.py decides which kind a run is.
"""

from .finder import CasedFinder
from .orgs import P_QUOTED
from .persons import P_NAME
from .register import chat_register, heading_lines, moved_before

__all__ = ["P_NAME", "P_QUOTED", "CasedFinder", "chat_register", "heading_lines", "moved_before"]
