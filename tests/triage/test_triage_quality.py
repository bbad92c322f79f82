"""Quality targets on the dev set and on our own held-out messages; data files stay consistent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parley.cli.eval import evaluate, read_cases
from parley.domain.triage.archetypes import ARCHETYPE_IDS
from parley.domain.triage.lexicon import LEXICON_PATH, load_lexicon
from parley.domain.triage.model import WEIGHTS_PATH, source_digest
from parley.domain.triage.ngrams import NGRAM_META_PATH, NGRAM_PATH
from parley.domain.triage.train import read_examples

REPO = Path(__file__).resolve().parents[2]
DEV = REPO / ".." / "shared" / "data" / "triage_dev.jsonl"
OWN = Path(__file__).with_name("heldout_own.jsonl")


@pytest.fixture(scope="module")
def dev_report():
    if not DEV.exists():
        pytest.skip("triage_dev.jsonl not found next to the repository")
    return evaluate(read_cases(DEV))


def test_dev_top1_overall(dev_report):
    assert dev_report["overall"]["top1"] >= 0.92


def test_dev_top3_overall(dev_report):
    assert dev_report["overall"]["top3"] >= 0.98


def test_dev_top1_every_language(dev_report):
    assert set(dev_report["by_lang"]) == {"en", "ar", "fi", "ru"}
    for lang, r in dev_report["by_lang"].items():
        assert r["top1"] >= 0.88, lang


def test_dev_language_detection(dev_report):
    assert dev_report["lang_detection"] >= 0.95


def test_own_heldout_set():
    cases = read_cases(OWN)
    assert len(cases) >= 40
    assert {c["lang"] for c in cases} == {"en", "ar", "fi", "ru"}
    assert all(c["gold"] in ARCHETYPE_IDS and set(c["ok"]) <= set(ARCHETYPE_IDS) for c in cases)
    report = evaluate(cases)
    assert report["overall"]["top1"] >= 0.85
    assert report["overall"]["top3"] >= 0.92


def test_weights_are_trained_on_the_current_lexicon_and_examples():
    stored = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))["source_sha256"]
    assert stored == source_digest(), "lexicon or examples changed: run `python -m parley.domain.triage.train`"


def test_ngram_weights_match_the_examples():
    stored = json.loads(NGRAM_META_PATH.read_text(encoding="utf-8"))
    assert stored["source_sha256"] == source_digest(), "examples changed: run `python -m parley.domain.triage.train`"
    assert NGRAM_PATH.stat().st_size == stored["buckets"] * len(ARCHETYPE_IDS)


def test_lexicon_weights_name_real_archetypes():
    lexicon = load_lexicon(LEXICON_PATH)
    for feature, weights in lexicon.prior.items():
        assert set(weights) <= set(ARCHETYPE_IDS), feature
    assert set(lexicon.bias_prior) == set(ARCHETYPE_IDS)


def test_training_examples_cover_every_archetype_in_every_language():
    per: dict[tuple[str, str], int] = {}
    for ex in read_examples():
        lang = ex.source.split("_")[1].split(".")[0]
        for arch, target in ex.targets.items():
            if target == 1.0:
                per[(lang, arch)] = per.get((lang, arch), 0) + 1
    for lang in ("en", "ar", "fi", "ru"):
        for arch in ARCHETYPE_IDS:
            assert per.get((lang, arch), 0) >= 5, (lang, arch)
