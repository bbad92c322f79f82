"""The anonymise and eval-anon verbs."""

from __future__ import annotations

import argparse
import io
import json

import pytest

from parley.cli import anonymise, eval_anon

from .conftest import HERE


def _run(module, argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    module.register(sub)
    args = parser.parse_args(argv)
    return args.func(args)


def test_anonymise_json_output_shape(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Ilmari from Glasshouse Media texts me from +358 44 987 6543."
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    assert _run(anonymise, ["anonymise", "--json", "--lang", "en"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"text", "spans", "suspects"}
    assert out["text"] == "[client] from [company] texts me from [phone]."
    assert out["suspects"] == []
    assert out["spans"] == [
        {"start": 0, "end": 6, "type": "person"},
        {"start": 12, "end": 28, "type": "org"},
        {"start": 43, "end": 59, "type": "phone"},
    ]
    for sp in out["spans"]:
        assert set(sp) == {"start", "end", "type"}


def test_anonymise_json_lists_suspects_as_input_offsets(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Met Harriet in SLC last week, she paid nothing."
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    assert _run(anonymise, ["anonymise", "--json", "--lang", "en"]) == 0
    out = json.loads(capsys.readouterr().out)
    flagged = {text[s["start"] : s["end"]]: s["type"] for s in out["suspects"]}
    assert flagged == {"SLC": "place"}
    removed = {text[s["start"] : s["end"]] for s in out["spans"]}
    assert not removed & set(flagged)


def test_anonymise_plain_output_detects_language(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Заказчица Зарина из Уфы не заплатила."))
    assert _run(anonymise, ["anonymise"]) == 0
    assert capsys.readouterr().out == "Заказчица [заказчик] из [место] не заплатила.\n"


def test_eval_anon_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(eval_anon, ["eval-anon", str(HERE / "heldout_own.jsonl"), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert set(d["by_lang"]) == {"en", "ar", "fi", "ru"}
    assert {"leak_rate", "removed_rate", "caught_of_gold", "over_flagged_rate"} <= set(d["overall"])
    assert {"median", "p99"} == set(d["time_per_story_ms"])
    assert d["stories"] == 24


def test_eval_anon_table_and_missing_file(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    assert _run(eval_anon, ["eval-anon", str(HERE / "heldout_own.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "leaked" in out and "time per story" in out and "caught (removed or flagged)" in out
    assert _run(eval_anon, ["eval-anon", str(tmp_path / "nope.jsonl")]) == 2
