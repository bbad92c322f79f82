"""Quality targets on the public dev set and on our own held-out stories (other names, places, companies)."""

from __future__ import annotations

import pytest

from bot.domain.anonymiser import Anonymiser
from bot.domain.anonymiser.scoring import evaluate

from .conftest import DEV_SET, HERE, load_jsonl


def _assert_targets(report_dict: dict, leak_max: float, structured_max: float, removed_max: float) -> None:
    assert report_dict["overall"]["leak_rate"] <= leak_max, report_dict["overall"]
    assert report_dict["structured"]["leak_rate"] <= structured_max, report_dict["structured"]
    assert report_dict["overall"]["removed_rate"] <= removed_max, report_dict["overall"]
    assert report_dict["lang_spread"]["leak_rate"] <= 0.05, report_dict["by_lang"]
    assert report_dict["lang_spread"]["removed_rate"] <= 0.05, report_dict["by_lang"]


def test_dev_set_targets(anon: Anonymiser) -> None:
    if not DEV_SET.is_file():
        pytest.skip("shared/data/anon_dev.jsonl is not beside the repository")
    stories = load_jsonl(DEV_SET)
    report = evaluate(anon, stories)
    _assert_targets(report.as_dict(), leak_max=0.03, structured_max=0.01, removed_max=0.03)
    assert len(report.times_ms) == len(stories)


def test_dev_set_targets_with_detected_language(anon: Anonymiser) -> None:
    if not DEV_SET.is_file():
        pytest.skip("shared/data/anon_dev.jsonl is not beside the repository")
    d = evaluate(anon, load_jsonl(DEV_SET), use_lang=False).as_dict()
    _assert_targets(d, leak_max=0.03, structured_max=0.01, removed_max=0.03)


@pytest.mark.parametrize("name", ["heldout_own.jsonl", "stress_own.jsonl"])
def test_own_heldout_targets(anon: Anonymiser, name: str) -> None:
    stories = load_jsonl(HERE / name)
    assert len({s["lang"] for s in stories}) == 4
    for s in stories:
        for sp in s["spans"]:
            assert s["text"][sp["start"] : sp["end"]] == sp["value"], (s["id"], sp)
    _assert_targets(evaluate(anon, stories).as_dict(), leak_max=0.03, structured_max=0.01, removed_max=0.03)


def test_scoring_counts_leaks_and_over_removal() -> None:
    class Fake:
        def find(self, text: str, lang: str | None = None):
            from bot.domain.anonymiser import Span

            return (Span(0, 4, "person", "[client]"), Span(10, 14, "org", "[company]"))

    story = {
        "id": "x",
        "lang": "en",
        "text": "Anna paid Acme Ltd late",
        "spans": [{"start": 0, "end": 4, "type": "person"}, {"start": 10, "end": 18, "type": "org"}],
    }
    d = evaluate(Fake(), [story]).as_dict()  # type: ignore[arg-type]
    assert d["by_type"]["person"]["leaked"] == 0
    assert d["by_type"]["org"]["leaked"] == 1  # 4 of 8 characters covered
    assert d["overall"]["removed"] == 0
