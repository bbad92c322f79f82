"""Tests for the guide knowledge base: the shipped data and the validator."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from parley.knowledge import (
    ARCHETYPE_IDS,
    DEFAULT_PATH,
    DRAFT_KINDS,
    GUIDES,
    LANGS,
    MAX_ITEM_CHARS,
    RED_FLAG_IDS,
    SOURCES,
    KnowledgeBase,
    KnowledgeError,
    load_knowledge,
    read_raw,
    validate,
)

ARABIC = re.compile(r"[\u0600-\u06ff]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN_WORD = re.compile(r"[A-Za-z]+")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


def all_texts(kb: KnowledgeBase):
    """Yield (where, {lang: text}) for every translatable text in the knowledge base."""
    for arch in kb.archetypes.values():
        yield f"{arch.id}.name", arch.name
        yield f"{arch.id}.summary", arch.summary
        for n in range(len(arch.recognise["en"])):
            yield f"{arch.id}.recognise[{n}]", {lang: arch.recognise[lang][n] for lang in LANGS}
        for step in arch.ladder:
            yield f"{arch.id}.ladder.{step.id}", step.text
        for flag in arch.red_flags:
            yield f"{arch.id}.red_flags.{flag.id}", flag.text
    for item in kb.all_items():
        yield item.id, item.text
    for flag in kb.red_flags:
        yield f"redflag.{flag.id}.label", flag.label
        yield f"redflag.{flag.id}.advice", flag.advice


# --- the shipped knowledge base ---------------------------------------------------------------------------------


def test_shipped_knowledge_loads_and_validates_clean(kb):
    raw, read_problems = read_raw()
    assert read_problems == []
    assert validate(raw) == []
    assert len(kb.all_items()) == len({item.id for item in kb.all_items()})


def test_all_fourteen_archetypes_present_in_canonical_order(kb):
    assert len(ARCHETYPE_IDS) == 14
    assert tuple(kb.archetypes) == ARCHETYPE_IDS
    assert sorted(p.stem for p in (DEFAULT_PATH / "archetypes").glob("*.toml")) == sorted(ARCHETYPE_IDS)


def test_every_text_has_all_four_languages_non_empty(kb):
    count = 0
    for where, text in all_texts(kb):
        assert tuple(text) == LANGS, where
        for lang in LANGS:
            assert text[lang].strip(), f"{where}.{lang} is empty"
        count += 1
    assert count > 200  # names, summaries, signals, ladders, items, flags


def test_scripts_match_languages(kb):
    finnish_letters = 0
    total = 0
    for where, text in all_texts(kb):
        total += 1
        assert ARABIC.search(text["ar"]), f"{where}.ar has no Arabic script"
        assert CYRILLIC.search(text["ru"]), f"{where}.ru has no Cyrillic"
        assert not ARABIC.search(text["en"] + text["fi"] + text["ru"]), where
        assert not CYRILLIC.search(text["en"] + text["fi"] + text["ar"]), where
        assert text["fi"] != text["en"], f"{where}.fi is the English text"
        en_words = {w.lower() for w in LATIN_WORD.findall(text["en"])}
        fi_words = [w.lower() for w in LATIN_WORD.findall(text["fi"])]
        shared = sum(w in en_words for w in fi_words)
        assert shared <= max(1, len(fi_words) // 3), f"{where}.fi shares too many words with English"
        finnish_letters += bool(re.search("[äöÄÖ]", text["fi"]))
    # Finnish without ä/ö is possible in a short phrase, but not across the whole knowledge base.
    assert finnish_letters / total > 0.7


def test_arabic_uses_arabic_punctuation_and_isolates(kb):
    for where, text in all_texts(kb):
        bare = re.sub("\u2068[^\u2069]*\u2069", "", text["ar"])
        assert not re.search(r"[,;?]", bare), f"{where}.ar uses ASCII punctuation"
        assert not re.search(r"[A-Za-z0-9]", bare), f"{where}.ar has bare Latin letters or digits"


def test_item_counts_lengths_and_ids(kb):
    for arch in kb.archetypes.values():
        assert 4 <= len(arch.advice) <= 8, arch.id
        for item in arch.advice:
            assert item.id.startswith(f"{arch.id}.")
            assert item.archetype == arch.id
            assert item.archetypes == (arch.id,)
    for item in kb.all_items():
        assert all(len(item.text[lang]) <= MAX_ITEM_CHARS for lang in LANGS), item.id
    for item in kb.general:
        assert item.id.startswith("general.") and item.archetype is None and item.archetypes


def test_every_source_exists_and_every_guide_is_cited(kb):
    cited = [item.source for item in kb.all_items()]
    cited += [step.source for arch in kb.archetypes.values() for step in arch.ladder]
    cited += [flag.source for flag in kb.red_flags]
    assert set(cited) <= set(SOURCES)
    # Parley's own additions are labelled as such ("Parley §own"), never cited to a guide
    assert {source.split()[0] for source in cited} - {"Parley"} == set(GUIDES) == {"G0", "G1", "G2", "G3", "G4"}
    assert {f"G3 §{n}" for n in range(1, 11)} <= set(cited)
    assert {f"G1 §{n}" for n in range(1, 6)} <= set(cited)


def test_drafts_stages_and_keep_values_are_known(kb):
    for arch in kb.archetypes.values():
        assert arch.drafts and set(arch.drafts) <= set(DRAFT_KINDS), arch.id
        assert {s.draft for s in arch.ladder} - {None} <= set(DRAFT_KINDS)
    for item in kb.all_items():
        assert set(item.stages) <= {"before", "during", "after"}
        assert item.keep in (None, "yes", "no")
        assert item.draft is None or item.draft in DRAFT_KINDS


def test_ladders_follow_the_guides(kb):
    assert [s.id for s in kb.archetypes["non_payer"].ladder] == ["friendly", "firm", "final_notice", "platform_dispute"]
    assert [s.id for s in kb.archetypes["scope_creep"].ladder] == ["clarify", "change_order", "pause"]
    assert kb.archetypes["non_payer"].ladder[0].draft == "payment_reminder"
    # every archetype has escalation steps, the three thin ones included (issue 19)
    assert [s.id for s in kb.archetypes["know_it_all"].ladder] == ["explain", "stand_firm", "walk_away"]
    assert [s.id for s in kb.archetypes["sceptic"].ladder] == ["check_first", "confirm_explicitly", "keep_informed"]
    assert "weigh_it" in [s.id for s in kb.archetypes["creep"].ladder]
    assert all(arch.ladder for arch in kb.archetypes.values())


def test_item_lookup_and_items_for(kb):
    item = kb.item("non_payer.escalate_gradually")
    assert item.archetype == "non_payer" and item.source == "G0 §non-payer"
    assert item.t("fi") == item.text["fi"] and item.t("xx") == item.text["en"]
    for_non_payer = kb.items_for("non_payer")
    own = kb.archetypes["non_payer"].advice
    assert for_non_payer[: len(own)] == own
    ids = {i.id for i in for_non_payer}
    assert {"general.boundaries_up_front", "general.qualify_first", "general.keep_records"} <= ids  # "*" and listed
    assert "general.open_mind" not in ids  # serves other archetypes only
    assert all("non_payer" in i.archetypes for i in for_non_payer)
    with pytest.raises(KeyError):
        kb.item("non_payer.no_such_item")
    with pytest.raises(KeyError):
        kb.items_for("ghost_writer")


def test_red_flag_checklist(kb):
    assert tuple(flag.id for flag in kb.red_flags) == RED_FLAG_IDS
    for flag in kb.red_flags:
        assert 1 <= flag.weight <= 3
        assert flag.drafts and set(flag.drafts) <= set(DRAFT_KINDS)
        assert flag.source in SOURCES
    assert kb.red_flag("no_contract").weight == 3
    assert "no_contract" in kb.red_flag("no_contract").archetypes
    assert set(kb.red_flag("unresponsive").archetypes) == {"non_payer", "bad_fit"}
    with pytest.raises(KeyError):
        kb.red_flag("nope")


def test_loaded_objects_are_immutable(kb):
    item = kb.all_items()[0]
    with pytest.raises(TypeError):
        item.text["en"] = "changed"  # type: ignore[index]
    with pytest.raises(AttributeError):
        item.source = "G0 §creep"  # type: ignore[misc]


def test_loading_again_gives_the_same_knowledge():
    # The load time is a bench figure (`python -m parley bench`), not a unit-test bound.
    first, second = load_knowledge(), load_knowledge()
    assert [item.id for item in first.all_items()] == [item.id for item in second.all_items()]
    assert first.all_items(), "the knowledge base is empty"


def test_loader_does_not_import_discord():
    code = "import sys, parley.knowledge as k; k.load_knowledge(); assert 'discord' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=DEFAULT_PATH.parents[1])


# --- validation failures, on corrupted copies in tmp_path --------------------------------------------------------


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    root = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_PATH, root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return root


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first occurrence of ``old`` (which must exist) in ``path``."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(root: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(root)
    assert str(len(info.value.problems)) in str(info.value)
    return list(info.value.problems)


def test_copy_of_shipped_data_loads(kb_copy):
    assert tuple(load_knowledge(kb_copy).archetypes) == ARCHETYPE_IDS


def test_detects_missing_language(kb_copy):
    path = kb_copy / "archetypes" / "non_payer.toml"
    text = path.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("text.ar = "))
    edit(path, line + "\n", "")
    problems = problems_of(kb_copy)
    assert any("non_payer.toml" in p and "missing language 'ar'" in p for p in problems), problems


def test_detects_unknown_source(kb_copy):
    edit(kb_copy / "archetypes" / "creep.toml", 'source = "G0 §creep"', 'source = "G9 §nowhere"')
    problems = problems_of(kb_copy)
    assert any("creep.toml" in p and "unknown source 'G9 §nowhere'" in p for p in problems), problems


def test_detects_missing_source(kb_copy):
    edit(
        kb_copy / "archetypes" / "abusive.toml",
        'id = "abusive.stay_professional"\nsource = "G3 §3"\n',
        'id = "abusive.stay_professional"\n',
    )
    problems = problems_of(kb_copy)
    assert any("abusive.stay_professional" in p and "missing field 'source'" in p for p in problems), problems


def test_detects_unknown_archetype_id(kb_copy):
    edit(kb_copy / "general.toml", 'archetypes = ["non_payer", ', 'archetypes = ["ghost_writer", "non_payer", ')
    rogue = kb_copy / "archetypes" / "ghost.toml"
    shutil.copy(kb_copy / "archetypes" / "bad_fit.toml", rogue)
    edit(rogue, 'id = "bad_fit"', 'id = "ghost"')
    problems = problems_of(kb_copy)
    assert any("general.toml" in p and "unknown archetype id 'ghost_writer'" in p for p in problems), problems
    assert any("ghost.toml" in p and "unknown archetype id 'ghost'" in p for p in problems), problems


def test_detects_duplicate_id(kb_copy):
    edit(kb_copy / "archetypes" / "sceptic.toml", 'id = "sceptic.check_first"', 'id = "sceptic.no_complacency"')
    problems = problems_of(kb_copy)
    assert any("duplicate id 'sceptic.no_complacency'" in p for p in problems), problems


def test_detects_duplicate_id_across_files(kb_copy):
    edit(kb_copy / "general.toml", 'id = "general.compromise"', 'id = "general.support_network"')
    problems = problems_of(kb_copy)
    assert any("duplicate id 'general.support_network'" in p for p in problems), problems


def test_detects_unknown_draft_kind(kb_copy):
    edit(
        kb_copy / "archetypes" / "after_hours.toml",
        'drafts = ["working_hours"',
        'drafts = ["telegram", "working_hours"',
    )
    problems = problems_of(kb_copy)
    assert any("after_hours.toml" in p and "unknown draft kind 'telegram'" in p for p in problems), problems


def test_detects_missing_archetype_file_and_parse_errors(kb_copy):
    (kb_copy / "archetypes" / "creep.toml").unlink()
    edit(kb_copy / "archetypes" / "sceptic.toml", 'id = "sceptic"', 'id = "sceptic')
    problems = problems_of(kb_copy)
    assert any("missing archetype 'creep'" in p for p in problems), problems
    assert any("sceptic.toml: cannot parse" in p for p in problems), problems


def test_reports_every_problem_at_once(kb_copy):
    edit(kb_copy / "archetypes" / "creep.toml", 'source = "G0 §creep"', 'source = "G9 §nowhere"')
    edit(kb_copy / "archetypes" / "after_hours.toml", 'drafts = ["working_hours"', 'drafts = ["telegram"')
    edit(kb_copy / "general.toml", "weight = 3", "weight = 7")
    problems = problems_of(kb_copy)
    assert len(problems) == 3, problems


# --- validate() on raw data ---------------------------------------------------------------------------------------


@pytest.fixture
def raw():
    data, problems = read_raw()
    assert problems == []
    return data


def test_validate_item_count_bounds(raw):
    raw["archetypes"]["creep"]["advice"] = raw["archetypes"]["creep"]["advice"][:3]
    raw["archetypes"]["sceptic"]["advice"] = raw["archetypes"]["sceptic"]["advice"][:6] * 2  # 12 items, ids duplicated
    problems = validate(raw)
    assert any("creep.toml: has 3 advice items" in p for p in problems)
    assert any("sceptic.toml: has 12 advice items" in p for p in problems)


def test_validate_text_problems(raw):
    items = raw["archetypes"]["non_payer"]["advice"]
    items[0]["text"]["en"] = "x" * (MAX_ITEM_CHARS + 1)
    items[1]["text"]["fi"] = "   "
    items[2]["text"]["ar"] = "ادفع ٥٠٪ مقدّمًا, من فضلك"
    items[3]["text"]["ar"] = "اطلب دفعة قدرها 50"
    items[4]["text"]["ru"] = "Pay up front"
    problems = validate(raw)
    assert any("text too long" in p and items[0]["id"] in p for p in problems)
    assert any("empty text" in p and items[1]["id"] in p for p in problems)
    assert any("ASCII , ; ?" in p and items[2]["id"] in p for p in problems)
    assert any("FSI/PDI" in p and items[3]["id"] in p for p in problems)
    assert any("no Cyrillic" in p and items[4]["id"] in p for p in problems)


def test_validate_accepts_isolated_latin_in_arabic(raw):
    raw["archetypes"]["non_payer"]["advice"][0]["text"]["ar"] = (
        "اطلب دفعة قدرها \u206850 %\u2069 مقدّمًا عبر \u2068PayPal\u2069."
    )
    assert validate(raw) == []


def test_validate_red_flag_checklist(raw):
    flags = raw["general"]["red_flags"]
    flags[0]["weight"] = 4
    flags[:] = [flag for flag in flags if flag["id"] != "any_hour"]
    problems = validate(raw)
    assert any("weight must be an integer 1-3" in p for p in problems)
    assert any("missing ['any_hour']" in p for p in problems)


def test_validate_unknown_fields_stage_and_tags(raw):
    item = raw["archetypes"]["bad_fit"]["advice"][0]
    item["stage"] = "before"  # typo for `stages`
    item["tags"] = ["payment", "vibes"]
    raw["archetypes"]["bad_fit"]["ladder"][0]["stage"] = "someday"
    problems = validate(raw)
    assert any("unknown field 'stage'" in p for p in problems)
    assert any("unknown tag 'vibes'" in p for p in problems)
    assert any("unknown stage 'someday'" in p for p in problems)
