"""Quality figures of the anonymiser against gold spans (leaks, over-removal, speed)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from .anonymiser import Anonymiser

STRUCTURED = ("email", "phone", "url", "handle", "number")
LEAK_COVERAGE = 0.8


@dataclass(slots=True)
class Tally:
    """Counts for one slice (a language, a type, or everything)."""

    gold: int = 0
    leaked: int = 0
    missed: int = 0  # neither removed nor flagged as a suspect
    letters: int = 0
    removed: int = 0
    flagged: int = 0  # letters of non-identifiers flagged as suspects (not removed)

    @property
    def leak_rate(self) -> float:
        return self.leaked / self.gold if self.gold else 0.0

    @property
    def removed_rate(self) -> float:
        return self.removed / self.letters if self.letters else 0.0

    @property
    def missed_rate(self) -> float:
        return self.missed / self.gold if self.gold else 0.0

    @property
    def flagged_rate(self) -> float:
        return self.flagged / self.letters if self.letters else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "gold": self.gold,
            "leaked": self.leaked,
            "leak_rate": round(self.leak_rate, 4),
            "removed_of_gold": round(1 - self.leak_rate, 4) if self.gold else 0.0,
            "missed": self.missed,
            "missed_rate": round(self.missed_rate, 4),
            "caught_of_gold": round(1 - self.missed_rate, 4) if self.gold else 0.0,
            "letters": self.letters,
            "removed": self.removed,
            "removed_rate": round(self.removed_rate, 4),
            "flagged": self.flagged,
            "over_flagged_rate": round(self.flagged_rate, 4),
        }


@dataclass(slots=True)
class Report:
    """All slices plus timing; leaks lists (story id, type) of each leaked gold span."""

    overall: Tally = field(default_factory=Tally)
    structured: Tally = field(default_factory=Tally)
    by_lang: dict[str, Tally] = field(default_factory=dict)
    by_type: dict[str, Tally] = field(default_factory=dict)
    by_lang_type: dict[str, dict[str, Tally]] = field(default_factory=dict)
    removed_by_pred_type: dict[str, int] = field(default_factory=dict)
    times_ms: list[float] = field(default_factory=list)
    leaks: list[tuple[str, str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        t = sorted(self.times_ms) or [0.0]
        p99 = t[min(len(t) - 1, round(0.99 * (len(t) - 1)))]
        leak_rates = [v.leak_rate for v in self.by_lang.values()]
        rem_rates = [v.removed_rate for v in self.by_lang.values()]
        return {
            "stories": len(self.times_ms),
            "overall": self.overall.as_dict(),
            "structured": self.structured.as_dict(),
            "by_lang": {k: v.as_dict() for k, v in sorted(self.by_lang.items())},
            "by_type": {k: v.as_dict() for k, v in sorted(self.by_type.items())},
            "by_lang_type": {
                lang: {k: v.as_dict() for k, v in sorted(d.items())} for lang, d in sorted(self.by_lang_type.items())
            },
            "removed_letters_by_predicted_type": dict(sorted(self.removed_by_pred_type.items())),
            "lang_spread": {
                "leak_rate": round(max(leak_rates) - min(leak_rates), 4) if leak_rates else 0.0,
                "removed_rate": round(max(rem_rates) - min(rem_rates), 4) if rem_rates else 0.0,
            },
            "time_per_story_ms": {"median": round(statistics.median(t), 3), "p99": round(p99, 3)},
        }


def evaluate(anon: Anonymiser, stories: Iterable[dict], use_lang: bool = True) -> Report:
    """Score anon on stories of the anon_dev.jsonl format.

    Removed: a gold identifier at least LEAK_COVERAGE covered by spans. Caught: covered by spans and suspects
    together. Over-flagged: letters outside gold flagged as suspects (and not removed).
    """
    rep = Report()
    suspects_of = getattr(anon, "suspects", None)
    for story in stories:
        text, lang = story["text"], story.get("lang", "")
        t0 = time.perf_counter()
        spans = anon.find(text, lang if use_lang else None)
        rep.times_ms.append((time.perf_counter() - t0) * 1000)
        suspects = suspects_of(text, spans, lang or "en") if suspects_of is not None else ()
        covered = [False] * len(text)
        kind = [""] * len(text)
        for sp in spans:
            for i in range(sp.start, min(sp.end, len(text))):
                covered[i] = True
                kind[i] = sp.type
        flagged = [False] * len(text)
        for su in suspects:
            for i in range(su.start, min(su.end, len(text))):
                flagged[i] = True
        in_gold = [False] * len(text)
        lang_t = rep.by_lang.setdefault(lang, Tally())
        lt = rep.by_lang_type.setdefault(lang, {})
        for g in story["spans"]:
            s, e, typ = g["start"], g["end"], g["type"]
            for i in range(s, e):
                in_gold[i] = True
            cov = sum(covered[s:e]) / max(1, e - s)
            leaked = cov < LEAK_COVERAGE
            missed = sum(covered[i] or flagged[i] for i in range(s, e)) / max(1, e - s) < LEAK_COVERAGE
            slices = [rep.overall, lang_t, rep.by_type.setdefault(typ, Tally()), lt.setdefault(typ, Tally())]
            if typ in STRUCTURED:
                slices.append(rep.structured)
            for tl in slices:
                tl.gold += 1
                tl.leaked += leaked
                tl.missed += missed
            if leaked:
                rep.leaks.append((story.get("id", "?"), lang, typ))
        for i, ch in enumerate(text):
            if in_gold[i] or not ch.isalpha():
                continue
            for tl in (rep.overall, lang_t):
                tl.letters += 1
                tl.removed += covered[i]
                tl.flagged += flagged[i] and not covered[i]
            if covered[i]:
                rep.removed_by_pred_type[kind[i]] = rep.removed_by_pred_type.get(kind[i], 0) + 1
    return rep
