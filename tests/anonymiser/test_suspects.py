"""Suspects: words left in place that may identify someone, each rule on its own and through the anonymiser."""

from __future__ import annotations

import pytest

from parley.domain.anonymiser import Anonymiser
from parley.domain.anonymiser.model import Span
from parley.domain.anonymiser.suspects import SuspectFinder, suspects_in_output

from .conftest import HERE, load_jsonl


def _flagged(anon: Anonymiser, text: str, lang: str) -> dict[str, str]:
    res = anon.anonymise(text, lang)
    return {text[s.start : s.end]: s.type for s in res.suspects}


@pytest.mark.parametrize(
    ("lang", "text", "word", "kind"),
    [
        ("en", "We met in SLC last week and nothing came of it.", "SLC", "place"),
        ("en", "She moved to Portugal after that.", "Portugal", "place"),
        ("en", "I pinged kestrel.moth twice about it.", "kestrel.moth", "handle"),
        ("ru", "Потом он уехал в Мытищи и пропал.", "Мытищи", "place"),
        ("ar", "قالت إنها من المغرب ولم ترسل شيئا.", "المغرب", "place"),
        ("ar", "كتبت لرئيس التحرير وليد القضاة مرتين.", "القضاة", "person"),
    ],
)
def test_identifying_words_left_in_place_are_flagged(anon: Anonymiser, lang: str, text: str, word: str, kind: str):
    res = anon.anonymise(text, lang)
    kept = {text[s.start : s.end] for s in res.spans}
    flagged = _flagged(anon, text, lang)
    assert word in flagged or any(word in k for k in kept), (flagged, kept)
    if word in flagged:
        assert flagged[word] == kind


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Then the invoice bounced and I updated my profile photo."),
        ("fi", "Hänen Teams-käyttäjänsä vaihtui ja hän kirjoitti LinkedInissä."),
        ("ru", "Созванивались каждый день, но оплату так и не прислали."),
        ("ar", "وعدني بالدفع خلال أسبوع ونصيحتي لا تبدأ بدون عقد."),
        ("en", "I sent report.pdf and v2.1 of the deck."),
    ],
)
def test_ordinary_words_are_not_flagged(anon: Anonymiser, lang: str, text: str) -> None:
    assert _flagged(anon, text, lang) == {}


def test_adjacent_unknown_words_are_one_suspect(anon: Anonymiser) -> None:
    finder = SuspectFinder(anon._lex["en"], anon._lex["en"])
    text = "I never worked with Zorvenna Quillsby again."
    found = finder.find(text, ())
    assert [(text[s.start : s.end], s.type) for s in found] == [("Zorvenna Quillsby", "person")]


def test_suspects_never_overlap_removed_spans_and_are_never_cut(anon: Anonymiser) -> None:
    # The review shows 25 and says how many more: the anonymiser itself drops none.
    text = " ".join(f"Zq{chr(97 + i % 26)}{chr(97 + i // 26)}x met me." for i in range(40))
    assert len(SuspectFinder(anon._lex["en"], anon._lex["en"]).find(text, ())) == 40
    res = anon.anonymise(text, "en")
    for s in res.suspects:
        assert all(s.end <= sp.start or sp.end <= s.start for sp in res.spans)


def test_output_offsets_point_at_the_same_words_in_the_anonymised_text(anon: Anonymiser) -> None:
    text = "Harriet Quill moved to Portugal and her handle was q.harriet.99 there."
    res = anon.anonymise(text, "en")
    assert [text[s.start : s.end] for s in res.suspects] == [res.text[s.start : s.end] for s in res.output_suspects]
    moved = suspects_in_output(res.suspects, (Span(0, 0, "person", "[x]"),))
    assert [s.start for s in moved] == [s.start + 3 for s in res.suspects]


def test_iteration_set_is_caught_and_not_over_flagged(anon: Anonymiser) -> None:
    """24 stories in real registers (scripts/build_gold.py from iter_real.txt): removed or flagged, per language."""
    from parley.domain.anonymiser.scoring import evaluate

    d = evaluate(anon, load_jsonl(HERE / "iter_real.jsonl")).as_dict()
    for lang, t in d["by_lang"].items():
        assert t["missed_rate"] <= 0.05, (lang, t)
        assert t["over_flagged_rate"] <= 0.08, (lang, t)
        assert t["removed_rate"] <= 0.03, (lang, t)
    assert d["overall"]["leak_rate"] <= 0.08, d["overall"]


def test_check_set_scored_once_stays_caught(anon: Anonymiser) -> None:
    """12 stories written after the rules, never tuned on (check_real.txt): a regression floor, not a target."""
    from parley.domain.anonymiser.scoring import evaluate

    d = evaluate(anon, load_jsonl(HERE / "check_real.jsonl")).as_dict()
    assert d["overall"]["caught_of_gold"] >= 0.95, d["overall"]
    assert d["overall"]["over_flagged_rate"] <= 0.02, d["overall"]
    assert d["structured"]["leak_rate"] == 0.0, d["structured"]
