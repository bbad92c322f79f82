"""`python -m parley advise` and `python -m parley eval` through their register()/run() entry points."""

from __future__ import annotations

import argparse
import json

import pytest

from parley.cli import advise
from parley.cli import eval as eval_cli
from parley.domain.triage.archetypes import ARCHETYPE_IDS


def run_verb(module, argv):
    parser = argparse.ArgumentParser(prog="bot")
    sub = parser.add_subparsers()
    module.register(sub)
    args = parser.parse_args(argv)
    return args.func(args)


def test_advise_json_shape(capsys):
    code = run_verb(advise, ["advise", "--json", "He hasn't paid my invoice for two months and insults me"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert list(out) == ["lang", "confident", "archetypes", "advice"]
    assert out["lang"] == "en" and out["confident"] is True
    assert sorted(a["id"] for a in out["archetypes"]) == sorted(ARCHETYPE_IDS)  # always all 14, ranked
    assert {a["id"] for a in out["archetypes"][:2]} == {"non_payer", "abusive"}
    scores = [a["score"] for a in out["archetypes"]]
    assert scores == sorted(scores, reverse=True)
    for a in out["archetypes"]:
        assert list(a) == ["id", "score", "why"] and 0 <= a["score"] <= 1
    assert out["advice"]
    for item in out["advice"]:
        assert list(item) == ["id", "text", "source"]


@pytest.mark.parametrize(
    "text",
    [
        "ok",
        "So I have this client. Long story.",
        "We agreed on 300 euros for the logo.",  # a price is not an unpaid invoice
        "Клиент написал мне в субботу про сайт за 800 долларов.",  # a weekday is not an after-hours client
    ],
)
def test_advise_says_when_the_text_gives_too_little(text, capsys):
    assert run_verb(advise, ["advise", "--json", text]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["confident"] is False
    assert len(out["archetypes"]) == 14  # still ranked, never a lone default
    assert out["advice"] == []  # no advice for a guess
    assert run_verb(advise, ["advise", text]) == 0
    assert "Not enough to go on" in capsys.readouterr().out


def test_advise_detects_language_and_answers_in_it(capsys):
    code = run_verb(advise, ["advise", "--json", "Клиент", "не", "платит", "уже", "два", "месяца"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["lang"] == "ru"
    assert out["archetypes"][0]["id"] == "non_payer"
    if out["advice"]:  # the knowledge base may not be there yet
        assert any("\u0400" <= ch <= "\u04ff" for ch in out["advice"][0]["text"])


def test_advise_lang_flag_wins(capsys):
    run_verb(advise, ["advise", "--json", "--lang", "fi", "he never pays"])
    assert json.loads(capsys.readouterr().out)["lang"] == "fi"


def test_advise_answers_only(capsys):
    code = run_verb(advise, ["advise", "--json", "--situation", "wont_sign", "--stage", "before"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["archetypes"][0]["id"] == "no_contract"
    assert "answer:wont_sign" in out["archetypes"][0]["why"]


@pytest.mark.parametrize("argv", [["advise", "--json", "   "], ["advise"], ["advise", ""]])
def test_advise_empty_text_exits_2(argv, capsys):
    assert run_verb(advise, argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "nothing to classify" in captured.err


def test_advise_without_knowledge_base_prints_no_advice(monkeypatch, capsys):
    monkeypatch.setattr(
        advise,
        "_load_kb",
        lambda: print("advise: warning: knowledge base not available", file=__import__("sys").stderr),
    )
    code = run_verb(advise, ["advise", "--json", "he never pays"])
    captured = capsys.readouterr()
    assert code == 0
    assert json.loads(captured.out)["advice"] == []
    assert "warning" in captured.err


def test_advise_readable_output(capsys):
    assert run_verb(advise, ["advise", "he calls me at 3am every weekend"]) == 0
    out = capsys.readouterr().out
    assert "Most likely" in out and "after_hours" in out


def test_eval_reports_and_json(tmp_path, capsys):
    path = tmp_path / "set.jsonl"
    rows = [
        {"id": "x1", "lang": "en", "text": "he never pays my invoices", "gold": "non_payer", "ok": []},
        {"id": "x2", "lang": "ru", "text": "звонит мне в три часа ночи", "gold": "after_hours", "ok": []},
        {"id": "x3", "lang": "en", "text": "he never pays my invoices", "gold": "creep", "ok": []},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    assert run_verb(eval_cli, ["eval", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["overall"]["n"] == 3 and report["overall"]["top1"] == pytest.approx(2 / 3, abs=1e-3)
    assert report["overall"]["top3"] >= report["overall"]["top1"]
    assert report["by_lang"]["ru"]["top1"] == 1.0
    assert report["confusion"] == [{"gold": "creep", "predicted": "non_payer", "count": 1}]
    assert report["timing_ms"]["median"] >= 0 and report["timing_ms"]["p99"] >= report["timing_ms"]["median"]
    assert run_verb(eval_cli, ["eval", str(path)]) == 0
    text = capsys.readouterr().out
    assert "top-1" in text and "creep -> non_payer: 1" in text


def test_eval_unreadable_file_exits_2(tmp_path, capsys):
    assert run_verb(eval_cli, ["eval", str(tmp_path / "missing.jsonl")]) == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    assert run_verb(eval_cli, ["eval", str(bad)]) == 2
    assert "cannot read" in capsys.readouterr().err
