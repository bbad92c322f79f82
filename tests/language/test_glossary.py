"""One term per concept per language: catalogs, knowledge base and drafts use the glossary's terms (issue 19)."""

from __future__ import annotations

import re
import tomllib

import pytest

from parley.resources import package_dir
from tests.language.corpus import LANGS, everything

GLOSSARY = tomllib.loads((package_dir("parley.i18n") / "glossary.toml").read_text(encoding="utf-8"))


def test_the_glossary_covers_every_language_and_the_reviewed_drifts():
    for concept, entry in GLOSSARY.items():
        assert set(LANGS) <= set(entry), concept
    for concept in ("client", "guides", "deposit", "revision_round", "moderator", "admin"):
        assert concept in GLOSSARY


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_uses_the_glossary_term_and_none_of_the_drifts(lang):
    texts = everything(lang)
    joined = "\n".join(texts)
    for concept, entry in GLOSSARY.items():
        term = entry[lang]
        assert term["use"].casefold() in joined.casefold(), (lang, concept, term["use"])
        for pattern in term.get("avoid", []):
            hits = [t for t in texts if re.search(pattern, t, re.IGNORECASE)]
            assert not hits, (lang, concept, pattern, hits[:3])


def test_a_drift_would_be_caught():
    drifted = ["Составить сообщение клиенту на его языке"]
    pattern = GLOSSARY["client"]["ru"]["avoid"][0]
    assert any(re.search(pattern, t, re.IGNORECASE) for t in drifted)
