"""Quality targets on the public dev set and on our own held-out stories (other names, places, companies)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from parley.domain.anonymiser import Anonymiser
from parley.domain.anonymiser.lexicon import LANGS, load_lexicon
from parley.domain.anonymiser.morph import fi_candidates, ru_candidates
from parley.domain.anonymiser.scoring import evaluate
from parley.domain.anonymiser.textutil import norm_ar, norm_key

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


@pytest.mark.parametrize("name", ["heldout_own.jsonl", "stress_own.jsonl", "heldout_fresh.jsonl", "clean_own.jsonl"])
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
            from parley.domain.anonymiser import Span

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


# --- held-out stories with names, companies and places that no list of ours holds -----------------------------------

BLIND_SETS = ("heldout_blind.jsonl", "heldout_fresh.jsonl")


def test_heldout_blind_targets(anon: Anonymiser) -> None:
    """48 stories (12 per language) written to break the lists: the figures the product is judged by."""
    stories = load_jsonl(HERE / "heldout_blind.jsonl")
    assert len(stories) == 48
    assert {lang: sum(s["lang"] == lang for s in stories) for lang in LANGS} == dict.fromkeys(LANGS, 12)
    for s in stories:
        for sp in s["spans"]:
            assert s["text"][sp["start"] : sp["end"]] == sp["value"], (s["id"], sp)
    _assert_targets(evaluate(anon, stories).as_dict(), leak_max=0.05, structured_max=0.01, removed_max=0.03)


def _name_forms(lang: str, word: str) -> set[str]:
    """Every form a list entry could match the word by (the finders stem Finnish and Russian words)."""
    if lang == "ar":
        w = norm_ar(word)
        return {w, w.removeprefix("ال")}
    if lang == "fi":
        return fi_candidates(word)
    if lang == "ru":
        return ru_candidates(word)
    return {norm_key(word).removesuffix("'s")}


def test_heldout_names_are_in_no_list() -> None:
    """The held-out sets stay honest: none of their people, companies or places was added to a gazetteer.

    Checked: whole values against every line of every list and cue file, and each word of a value against the
    lists that make a word a name (first names, surnames, places, ambiguous names) in every language. The
    vocabulary, common-word, country and platform lists are left out on purpose: they can only make a word look
    ordinary (never a span), so a held-out name in them makes the test harder, never easier.
    """
    data = resources.files("parley.domain.anonymiser") / "data"
    lines: set[str] = set()
    for path in data.iterdir():
        if path.name.startswith(("vocab_", "common_", "countries_", "platforms")):
            continue  # lists of ordinary words: see the docstring
        if path.name.endswith(".txt"):
            lines |= {norm_key(ln.strip()) for ln in path.read_text(encoding="utf-8").splitlines()}
            lines |= {norm_ar(ln.strip()) for ln in path.read_text(encoding="utf-8").splitlines()}
        elif path.name.endswith(".json"):
            for v in json.loads(path.read_text(encoding="utf-8")).values():
                if isinstance(v, list):
                    lines |= {norm_key(x) for x in v} | {norm_ar(x) for x in v}
    lexicons = [load_lexicon(lang) for lang in LANGS]
    naming = set().union(*(lx.first_names | lx.surnames | lx.places | lx.ambiguous for lx in lexicons))
    generic = set().union(*(set().union(*lx.cues.values()) | lx.common for lx in lexicons))
    checked = 0
    for name in BLIND_SETS:
        for s in load_jsonl(HERE / name):
            for sp in s["spans"]:
                if sp["type"] not in ("person", "org", "place"):
                    continue
                value = sp["value"]
                assert norm_key(value) not in lines and norm_ar(value) not in lines, (s["id"], value)
                # Split at spaces only: a hyphenated name (Ukko-Pekka) is one token for the finders, too.
                for word in value.replace(",", " ").split():
                    if not any(c.isalpha() for c in word) or norm_key(word) in generic:
                        continue  # "Oy", "ул.", "Media", "&": words that only say what kind of thing it is
                    hits = _name_forms(s["lang"], word) & naming
                    assert not hits, (s["id"], value, word, hits)
                    checked += 1
    assert checked > 150


def test_heldout_blind3_floor(anon: Anonymiser) -> None:
    """100 stories (25 a language) written for issue 17 by a helper who never saw our lists, scored once at the end.

    Measured then: 11.2 % of identifiers not removed (ar 13.3, en 9.5, fi 14.8, ru 7.5; structured 7.3 %), 92.5 %
    caught (removed or flagged), 2.0 % of letters over-removed; the anonymiser before issue 17 left 12.1 %. Short of
    the issue's goal (5 %): these floors stop a regression, they are not the goal. After the second pass (no rule
    written from this set): 8.8 % (ar 9.7, en 6.0, fi 13.0, ru 6.7; structured 4.9 %), 1.4 % over-removed.
    """
    stories = load_jsonl(HERE / "heldout_blind3.jsonl")
    assert {lang: sum(s["lang"] == lang for s in stories) for lang in LANGS} == dict.fromkeys(LANGS, 25)
    report = evaluate(anon, stories).as_dict()
    assert report["overall"]["leak_rate"] <= 0.10, report["overall"]
    assert report["overall"]["removed_rate"] <= 0.02, report["overall"]
    for lang, r in report["by_lang"].items():
        assert r["leak_rate"] <= 0.15, (lang, r)


def test_heldout_blind4_floor(anon: Anonymiser) -> None:
    """100 stories (25 a language, 514 identifiers) written for the third pass of issue 17 by a helper who read only
    public posts and the guides (blind4_SOURCES.md), kept outside the repository until scored once at the end.

    Measured then: 5.5 % not removed (ar 13.7, en 3.5, fi 0.8, ru 4.1; structured 3.3 %), 95.3 % caught, 2.0 % of
    letters over-removed; main before the third pass left 6.8 % (ar 16.1). Floors stop a regression; the goal is 5 %.
    """
    stories = load_jsonl(HERE / "heldout_blind4.jsonl")
    assert {lang: sum(s["lang"] == lang for s in stories) for lang in LANGS} == dict.fromkeys(LANGS, 25)
    report = evaluate(anon, stories).as_dict()
    assert report["overall"]["leak_rate"] <= 0.07, report["overall"]
    assert report["overall"]["removed_rate"] <= 0.03, report["overall"]
    for lang, r in report["by_lang"].items():
        assert r["leak_rate"] <= 0.17, (lang, r)


def test_heldout_blind5_floor(anon: Anonymiser) -> None:
    """100 longer stories (25 a language, 782 identifiers, 60-245 words) written for the fourth pass of issue 17 by a
    helper who read only public posts (blind5_SOURCES.md), kept outside the repository until scored once at the end.

    Measured then: 10.2 % not removed (ar 24.1, en 6.1, fi 6.6, ru 5.0; structured 10.2 %), 92.5 % caught, 1.8 % of
    letters over-removed; main before the fourth pass left 10.9 % (ar 24.6), 91.2 % caught. Floors stop a
    regression; the goal is 5 %.
    """
    stories = load_jsonl(HERE / "heldout_blind5.jsonl")
    assert {lang: sum(s["lang"] == lang for s in stories) for lang in LANGS} == dict.fromkeys(LANGS, 25)
    report = evaluate(anon, stories).as_dict()
    assert report["overall"]["leak_rate"] <= 0.12, report["overall"]
    assert report["overall"]["removed_rate"] <= 0.03, report["overall"]
    for lang, r in report["by_lang"].items():
        assert r["leak_rate"] <= 0.27, (lang, r)


def test_heldout_blind6_floor(anon: Anonymiser) -> None:
    """100 stories (25 a language, 767 identifiers, 60-199 words) written for the fifth pass of issue 17 by a helper
    who read only public posts (blind6_SOURCES.md), with many id shapes, handles without @ and names with no cue; kept
    outside the repository until scored once at the end of the pass.

    Measured then: 5.6 % not removed (ar 13.1, en 4.0, fi 1.4, ru 3.9; structured 6.1 %), 95.2 % caught, 1.6 % of
    letters over-removed, 2.0 % over-flagged; main before the fifth pass left 7.8 % (ar 16.6; structured 9.8 %),
    93.2 % caught. Floors stop a regression; the goal is 5 % (8 % in every language), structured 1 %.
    """
    stories = load_jsonl(HERE / "heldout_blind6.jsonl")
    assert {lang: sum(s["lang"] == lang for s in stories) for lang in LANGS} == dict.fromkeys(LANGS, 25)
    report = evaluate(anon, stories).as_dict()
    assert report["overall"]["leak_rate"] <= 0.065, report["overall"]
    assert report["overall"]["removed_rate"] <= 0.03, report["overall"]
    assert report["structured"]["leak_rate"] <= 0.08, report["structured"]
    for lang, r in report["by_lang"].items():
        assert r["leak_rate"] <= 0.15, (lang, r)


def test_heldout_blind7_floor(anon: Anonymiser) -> None:
    """100 stories (25 a language, 864 identifiers) written in the sixth session by a helper who read only public
    posts (blind7_SOURCES.md, conventions in blind7_NOTES.md): in each language 01-13 member stories, 14-25 public
    register (news, testimonials, credit lines, forum answers, interviews, lists, job ads). Scored once, after the
    seventh pass: 11.3 % not removed (ar 21.5, en 10.6, fi 7.6, ru 6.2; structured 6.9 %), 92.2 % caught. The eighth
    pass then worked on its misses, so what it scores now flatters: 5.2 % (ar 11.7, en 2.7, fi 2.9, ru 3.6),
    structured 2.3 %, 96.6 % caught, 1.8 % over-removed. Floors stop a regression; the goal is 5 % (8 % in every
    language), structured 1 %.
    """
    stories = load_jsonl(HERE / "heldout_blind7.jsonl")
    assert {lang: sum(s["lang"] == lang for s in stories) for lang in LANGS} == dict.fromkeys(LANGS, 25)
    report = evaluate(anon, stories).as_dict()
    assert report["overall"]["leak_rate"] <= 0.065, report["overall"]
    assert report["overall"]["removed_rate"] <= 0.025, report["overall"]
    assert report["overall"]["caught_of_gold"] >= 0.955, report["overall"]
    assert report["structured"]["leak_rate"] <= 0.035, report["structured"]
    for lang, r in report["by_lang"].items():
        assert r["leak_rate"] <= (0.14 if lang == "ar" else 0.05), (lang, r)


def test_heldout_blind8_floor(anon: Anonymiser) -> None:
    """100 texts (25 a language, 465 identifiers, shorter than blind7's) written at the end of the sixth session by a
    helper who read only public posts (blind8_SOURCES.md): 01-13 member stories, 14-25 public register. Scored once,
    on the session's final anonymiser: 8.0 % not removed (ar 22.0, en 4.8, fi 3.5, ru 2.6; structured 4.3 %), 94.8 %
    caught, 1.8 % over-removed, 1.6 % over-flagged. The session's starting main scored 8.2 % (ar 22.9), 93.3 % caught:
    the session's rules, written on blind3-7's misses, moved new text little. Floors stop a regression; the goal is
    5 % (8 % in every language), structured 1 %.
    """
    stories = load_jsonl(HERE / "heldout_blind8.jsonl")
    assert {lang: sum(s["lang"] == lang for s in stories) for lang in LANGS} == dict.fromkeys(LANGS, 25)
    report = evaluate(anon, stories).as_dict()
    assert report["overall"]["leak_rate"] <= 0.095, report["overall"]
    assert report["overall"]["removed_rate"] <= 0.025, report["overall"]
    assert report["overall"]["caught_of_gold"] >= 0.935, report["overall"]
    assert report["structured"]["leak_rate"] <= 0.06, report["structured"]
    for lang, r in report["by_lang"].items():
        assert r["leak_rate"] <= (0.25 if lang == "ar" else 0.065), (lang, r)


def test_second_pass_sets_floor(anon: Anonymiser) -> None:
    """dev17 (tuned on) and heldout17 (scored once; dev17_SOURCES.md): the second pass of issue 17 keeps them.

    Measured: dev17 1.5 % not removed, 1.5 % neither removed nor flagged, 0.9 % over-removed (before: 12.8 %);
    heldout17 5.1 % not removed (ar 13.3, en 6.7, fi 0, ru 0), 3.4 % neither removed nor flagged (before: 8.5 %).
    """
    dev = evaluate(anon, load_jsonl(HERE / "dev17.jsonl")).as_dict()
    assert dev["overall"]["leak_rate"] <= 0.03 and dev["overall"]["missed_rate"] <= 0.02, dev["overall"]
    assert dev["structured"]["leak_rate"] <= 0.01 and dev["overall"]["removed_rate"] <= 0.02, dev["overall"]
    held = evaluate(anon, load_jsonl(HERE / "heldout17.jsonl")).as_dict()
    assert held["overall"]["leak_rate"] <= 0.07 and held["overall"]["missed_rate"] <= 0.05, held["overall"]
