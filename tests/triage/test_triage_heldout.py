"""Blind held-out sets: written before the changes they measure, never tuned on, never copied into the engine's data.

heldout_blind.jsonl (112 = 14 archetypes x 4 languages x 2) was written and scored before the robustness pass; its
failure classes (not its sentences) guided the fixes. heldout_blind2.jsonl (56 = 14 x 4) was sealed before the fixes
and scored once afterwards: that first look is the honest estimate. The floors below are the measured scores minus
a margin, so a regression fails CI while an honest change of a message or two does not.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from parley.cli.eval import evaluate, read_cases
from parley.domain.triage.archetypes import ARCHETYPE_IDS

HERE = Path(__file__).parent
REPO = HERE.parents[1]
DATA_DIR = REPO / "bot" / "domain" / "triage" / "data"
DEV = REPO / ".." / "shared" / "data" / "triage_dev.jsonl"
BLIND1 = HERE / "heldout_blind.jsonl"
BLIND2 = HERE / "heldout_blind2.jsonl"
# Written for issue 16 by a helper with its own brief (real registers studied, sources in blind3_SOURCES.md), sealed
# before the model work and never shown to the engineer who built it; scored once at the end.
BLIND3 = HERE / "heldout_blind3.jsonl"
# Written for round 4 by a helper who read only the guides and public posts (blind4_SOURCES.md), never our data or
# sets, while writer F wrote round 4's examples; kept outside the repository until it was scored once at the end.
BLIND4 = HERE / "heldout_blind4.jsonl"
LANGS = {"en", "ar", "fi", "ru"}
RUN = 6

# Measured: blind 1 first look 84.8 % top-1 / 94.6 % top-3, final 100.0 % / 100.0 % (no longer an estimate: its
# failure classes were worked on); blind 2 first look, after the changes and never tuned on: 78.6 % / 94.6 %, worst
# language en 64.3 % (the engine before this pass: 66.1 % / 83.9 %). A language has 28 (blind 1) or 14 (blind 2)
# messages, so one message is 3.6 or 7.1 points.
BLIND1_FLOOR = {"top1": 0.95, "top3": 0.97, "lang_top1": 0.89}
BLIND2_FLOOR = {"top1": 0.73, "top3": 0.89, "lang_top1": 0.57}
# Blind 3 (160: 40 a language), scored once after issue 16: 95.6 % / 100 % (ar 92.5, en 100, fi 97.5, ru 92.5);
# the engine before issue 16 scored 89.4 % / 96.2 % on it. One message is 2.5 points of a language.
# Round 3 of issue 16 (writer E's examples, story weighing; never tuned on blind 3): 96.9 % / 100 % (ar 95.0, en 100,
# fi 100, ru 92.5).
BLIND3_FLOOR = {"top1": 0.94, "top3": 0.97, "lang_top1": 0.9}
# Blind 4 (120: 30 a language, mostly 60-170 words in forum registers), scored once after round 4: 95.0 % / 98.3 %
# (ar 90.0, en 100, fi 96.7, ru 93.3); the engine before round 4 scored 94.2 % / 97.5 %. One message is 3.3 points.
BLIND4_FLOOR = {"top1": 0.92, "top3": 0.95, "lang_top1": 0.86}


_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def _words(text: str) -> list[str]:
    """Lowercase, punctuation stripped, whitespace tokens (as in test_no_dev_leak)."""
    return _PUNCT.sub(" ", text.lower()).split()


def _runs(tokens: list[str], n: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def _texts(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize(("path", "per_cell"), [(BLIND1, 2), (BLIND2, 1)])
def test_blind_set_shape(path, per_cell):
    cases = read_cases(path)
    assert len(cases) == 14 * 4 * per_cell
    assert len({c["id"] for c in cases}) == len(cases)
    cells = Counter((c["lang"], c["gold"]) for c in cases)
    assert set(cells) == {(lang, a) for lang in LANGS for a in ARCHETYPE_IDS}
    assert set(cells.values()) == {per_cell}
    for c in cases:
        assert set(c["ok"]) <= set(ARCHETYPE_IDS) - {c["gold"]}, c["id"]


# Blinds 3 and 4 were written at the same time as new training data, by other hands that never saw it; they share
# a few stock phrases by coincidence ("wants it fixed within the hour", "what's the next step here"), so the six-word
# checks below guard the two sets written before their training data only.
@pytest.mark.parametrize("path", [BLIND1, BLIND2])
def test_no_six_word_run_of_a_blind_set_in_the_triage_data(path):
    forbidden: set[tuple[str, ...]] = set()
    for text in _texts(path):
        forbidden |= _runs(_words(text))
    leaks = []
    for data in sorted(DATA_DIR.iterdir()):
        if data.is_file() and data.suffix != ".bin":  # the n-gram weights are numbers, not text
            found = _runs(_words(data.read_text(encoding="utf-8"))) & forbidden
            leaks += [f"{data.name}: {' '.join(r)}" for r in sorted(found)[:3]]
    assert not leaks, "blind-set text copied into the triage data:\n" + "\n".join(leaks)


@pytest.mark.parametrize("path", [BLIND1, BLIND2, BLIND4])
def test_blind_sets_share_no_six_word_run_with_the_dev_set(path):
    if not DEV.exists():
        pytest.skip("triage_dev.jsonl not found next to the repository")
    dev: set[tuple[str, ...]] = set()
    for text in _texts(DEV):
        dev |= _runs(_words(text))
    for text in _texts(path):
        assert not _runs(_words(text)) & dev, text


@pytest.mark.parametrize(
    ("path", "floor"), [(BLIND1, BLIND1_FLOOR), (BLIND2, BLIND2_FLOOR), (BLIND3, BLIND3_FLOOR), (BLIND4, BLIND4_FLOOR)]
)
def test_blind_set_scores_stay_above_their_floors(path, floor):
    report = evaluate(read_cases(path))
    assert report["overall"]["top1"] >= floor["top1"], report["overall"]
    assert report["overall"]["top3"] >= floor["top3"], report["overall"]
    for lang, r in report["by_lang"].items():
        assert r["top1"] >= floor["lang_top1"], (lang, r)
    assert report["lang_detection"] == 1.0
