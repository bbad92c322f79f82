"""`python -m parley eval-anon FILE.jsonl [--json]`: score the anonymiser on a gold file."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    """Add the eval-anon verb."""
    p = sub.add_parser("eval-anon", help="score the anonymiser on a JSONL file of gold spans")
    p.add_argument("file", type=Path, help="JSONL in the format of shared/data/anon_dev.jsonl")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--detect-lang", action="store_true", help="ignore the file's lang field and detect it")
    p.add_argument("--show-leaks", action="store_true", help="list story id and type of each leaked span")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print leaks, over-removal and timing per language and type."""
    from parley.domain.anonymiser import Anonymiser
    from parley.domain.anonymiser.scoring import evaluate

    try:
        lines = args.file.read_text(encoding="utf-8").splitlines()
        stories = [json.loads(ln) for ln in lines if ln.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        print(f"eval-anon: cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    report = evaluate(Anonymiser.load(), stories, use_lang=not args.detect_lang)
    data = report.as_dict()
    if args.show_leaks:
        data["leaks"] = [{"id": i, "lang": lang, "type": t} for i, lang, t in report.leaks]
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(_table(data))
    return 0


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def _table(d: dict) -> str:
    o, st = d["overall"], d["structured"]
    rows = [
        f"stories: {d['stories']}",
        f"overall     leaked {o['leaked']:3}/{o['gold']:<3} {_pct(o['leak_rate'])}   "
        f"letters removed {o['removed']}/{o['letters']} {_pct(o['removed_rate'])}",
        f"structured  leaked {st['leaked']:3}/{st['gold']:<3} {_pct(st['leak_rate'])}",
        f"caught (removed or flagged) {_pct(o['caught_of_gold'])}   "
        f"over-flagged letters {o['flagged']}/{o['letters']} {_pct(o['over_flagged_rate'])}",
        "",
        "lang  leaked        removed  caught  over-flagged",
    ]
    for lang, t in d["by_lang"].items():
        rows.append(
            f"{lang:4}  {t['leaked']:2}/{t['gold']:<3} {_pct(t['leak_rate'])}  {_pct(t['removed_rate'])}"
            f"  {_pct(t['caught_of_gold'])}  {_pct(t['over_flagged_rate'])}"
        )
    rows += ["", "type    leaked"]
    for typ, t in d["by_type"].items():
        rows.append(f"{typ:7} {t['leaked']:2}/{t['gold']:<3} {_pct(t['leak_rate'])}")
    rows += ["", "lang/type leaked"]
    for lang, types in d["by_lang_type"].items():
        cells = "  ".join(f"{typ} {t['leaked']}/{t['gold']}" for typ, t in types.items())
        rows.append(f"{lang:4}  {cells}")
    sp = d["lang_spread"]
    rows += [
        "",
        f"spread between languages: leak {_pct(sp['leak_rate'])}, removed {_pct(sp['removed_rate'])}",
        f"time per story: median {d['time_per_story_ms']['median']} ms, p99 {d['time_per_story_ms']['p99']} ms",
    ]
    if "leaks" in d:
        rows += ["", "leaks: " + ", ".join(f"{x['id']}:{x['type']}" for x in d["leaks"])]
    return "\n".join(rows)
