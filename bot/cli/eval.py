"""`python -m parley eval FILE.jsonl [--json]`: score the triage engine on a labelled set.

Reads {"id", "lang", "text", "gold", "ok"} lines; reports top-1 (first answer is gold or in ok) and top-3 (gold among
the first three) per language and overall, the confusion pairs of the misses, language-detection accuracy, and the
median / p99 time per message after a warm-up pass. Exit 0 (it is a report), 2 if the file can't be read.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from parley.domain.triage import classify, get_engine


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `eval` verb."""
    p = sub.add_parser("eval", help="score triage on a labelled JSONL file", description=__doc__)
    p.add_argument("file", type=Path, help="JSONL with id, lang, text, gold, ok")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--given-lang", action="store_true", help="pass each line's lang instead of detecting it")
    p.set_defaults(func=run)


def read_cases(path: Path) -> list[dict[str, Any]]:
    """Load and validate the JSONL cases (ValueError/OSError on bad input)."""
    cases = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        case = json.loads(line)
        missing = {"text", "gold"} - set(case)
        if missing:
            raise ValueError(f"line {n}: missing {', '.join(sorted(missing))}")
        case.setdefault("id", f"#{n}")
        case.setdefault("lang", "?")
        case["ok"] = list(case.get("ok") or [])
        cases.append(case)
    return cases


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[rank]


def evaluate(cases: list[dict[str, Any]], given_lang: bool = False) -> dict[str, Any]:
    """Classify every case and build the report."""
    get_engine()  # load outside the timing
    lang_of = (
        (lambda c: c["lang"] if c["lang"] in ("en", "ar", "fi", "ru") else None) if given_lang else (lambda c: None)
    )
    for c in cases:  # warm-up pass: caches filled, code paths hot
        classify(c["text"], lang=lang_of(c))
    times: list[float] = []
    per_lang: dict[str, Counter] = {}
    confusion: Counter = Counter()
    misses = []
    detected_ok = 0
    for c in cases:
        t0 = time.perf_counter()
        result = classify(c["text"], lang=lang_of(c))
        times.append((time.perf_counter() - t0) * 1000)
        ranked = [a.id for a in result.archetypes]
        top1 = ranked[0] == c["gold"] or ranked[0] in c["ok"]
        top3 = c["gold"] in ranked[:3]
        detected_ok += result.lang == c["lang"]
        for key in (c["lang"], "all"):
            stats = per_lang.setdefault(key, Counter())
            stats["n"] += 1
            stats["top1"] += top1
            stats["top3"] += top3
        if not top1:
            confusion[(c["gold"], ranked[0])] += 1
            misses.append({"id": c["id"], "lang": c["lang"], "gold": c["gold"], "ok": c["ok"], "predicted": ranked[:3]})

    def rates(s: Counter) -> dict[str, Any]:
        return {"n": s["n"], "top1": round(s["top1"] / s["n"], 4), "top3": round(s["top3"] / s["n"], 4)}

    return {
        "overall": rates(per_lang.get("all", Counter(n=1))),
        "by_lang": {k: rates(v) for k, v in sorted(per_lang.items()) if k != "all"},
        "confusion": [{"gold": g, "predicted": p, "count": n} for (g, p), n in confusion.most_common()],
        "misses": misses,
        "lang_detection": round(detected_ok / max(len(cases), 1), 4),
        "timing_ms": {
            "median": round(statistics.median(times), 3) if times else 0.0,
            "p99": round(_percentile(times, 0.99), 3),
        },
    }


def _print_text(report: dict[str, Any], path: Path) -> None:
    o = report["overall"]
    print(f"{path}: {o['n']} messages")
    print(f"  overall  top-1 {o['top1']:.1%}  top-3 {o['top3']:.1%}")
    for lang, r in report["by_lang"].items():
        print(f"  {lang:<7}  top-1 {r['top1']:.1%}  top-3 {r['top3']:.1%}  (n={r['n']})")
    print(f"  language detected correctly: {report['lang_detection']:.1%}")
    t = report["timing_ms"]
    print(f"  time per message: median {t['median']:.3f} ms, p99 {t['p99']:.3f} ms")
    if report["confusion"]:
        print("  confusions (gold -> predicted):")
        for c in report["confusion"]:
            print(f"    {c['gold']} -> {c['predicted']}: {c['count']}")


def run(args: argparse.Namespace) -> int:
    """Run the evaluation and print the report."""
    try:
        cases = read_cases(args.file)
    except (OSError, ValueError) as exc:  # json.JSONDecodeError is a ValueError
        print(f"eval: cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    report = evaluate(cases, given_lang=getattr(args, "given_lang", False))
    if args.json:
        print(json.dumps({"file": str(args.file), **report}, ensure_ascii=False, indent=2))
    else:
        _print_text(report, args.file)
    return 0
