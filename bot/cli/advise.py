"""`python -m parley advise [--json] [--lang xx] TEXT`: classify a situation and print the advice for it.

--json prints exactly {"lang", "confident", "archetypes": [{"id", "score", "why"}],
"advice": [{"id", "text", "source"}]}: all 14 archetypes, best first; "confident": false when the text gives too
little to go on, and then the first archetype is no finding and "advice" is empty; advice in the detected or given
language. Walkthrough answers can be added (--situation, --stage, --safeguard, --keep); TEXT "-" reads stdin.
Empty input exits 2; a knowledge base that can't be loaded gives "advice": [] and a warning on stderr.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import Any

from parley.domain.ranking import rank_advice
from parley.domain.triage import SITUATIONS, Answers, TriageInputError, TriageResult, classify
from parley.domain.triage.answers import KEEP_CHOICES, SAFEGUARDS, STAGES
from parley.domain.triage.langid import SUPPORTED

log = logging.getLogger(__name__)

MAX_READABLE = 3  # the readable output names at most the best three; --json ranks them all
ALSO_POSSIBLE = 0.2  # a runner-up is named in the readable output from this score
ADVICE_LIMIT = 5


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `advise` verb."""
    p = sub.add_parser("advise", help="classify a difficult-client situation and suggest advice", description=__doc__)
    p.add_argument("text", nargs="*", help="the situation in the member's words (any of en, ar, fi, ru); '-' = stdin")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--lang", choices=SUPPORTED, help="language of the text (detected when omitted)")
    p.add_argument("--situation", action="append", default=[], choices=SITUATIONS, help="walkthrough answer (repeat)")
    p.add_argument("--stage", choices=STAGES)
    p.add_argument("--safeguard", action="append", default=[], choices=SAFEGUARDS, help="safeguard in place (repeat)")
    p.add_argument("--keep", choices=KEEP_CHOICES, help="does the member want to keep the client")
    p.set_defaults(func=run)


def ranked_archetypes(result: TriageResult) -> list[dict[str, Any]]:
    """Every archetype, best first, with its score and the member's words that pointed there."""
    return [{"id": a.id, "score": round(a.score, 3), "why": list(a.why)} for a in result.archetypes]


def _load_kb() -> Any | None:
    try:
        from parley.knowledge import load_knowledge

        return load_knowledge()
    except Exception as exc:
        print(f"advise: warning: knowledge base not available ({type(exc).__name__}); no advice", file=sys.stderr)
        return None


def build_answer(text: str, answers: Answers | None, lang: str | None) -> tuple[dict[str, Any], Any, TriageResult]:
    """Classify and rank: returns the JSON payload, the knowledge base (or None) and the triage result."""
    result = classify(text or None, answers, lang)
    kb = _load_kb()
    advice: list[dict[str, str]] = []
    if kb is not None and result.confident:  # advice for a guess would present the guess as a finding
        for ranked in rank_advice(kb, result, answers, None, ADVICE_LIMIT):
            item = ranked.item
            advice.append({"id": item.id, "text": item.t(result.lang), "source": str(item.source)})
    payload = {
        "lang": result.lang,
        "confident": result.confident,
        "archetypes": ranked_archetypes(result),
        "advice": advice,
    }
    return payload, kb, result


def _print_readable(payload: dict[str, Any], kb: Any | None) -> None:
    lang = payload["lang"]

    def name(arch_id: str) -> str:
        try:
            return f"{kb.archetypes[arch_id].name[lang]} ({arch_id})" if kb is not None else arch_id
        except (KeyError, AttributeError):
            return arch_id

    if not payload["confident"]:
        print("Not enough to go on yet: tell a little more about what the client does.")
        return
    shown = [a for i, a in enumerate(payload["archetypes"][:MAX_READABLE]) if i == 0 or a["score"] >= ALSO_POSSIBLE]
    for i, a in enumerate(shown):
        label = "Most likely" if i == 0 else "Also possible"
        why = ", ".join(
            f'"{w}"' if not w.startswith(("answer:", "stage:", "safeguard:", "no_safeguard:", "keep:")) else w
            for w in a["why"]
        )
        print(f"{label}: {name(a['id'])}  score {a['score']:.2f}" + (f"  (because of {why})" if why else ""))
    if payload["advice"]:
        print("\nWhat the guides suggest:")
        for i, item in enumerate(payload["advice"], 1):
            print(f"  {i}. {item['text']}  [{item['source']}]")


def run(args: argparse.Namespace) -> int:
    """Classify the text (and answers) and print the result."""
    text = " ".join(args.text)
    if text.strip() == "-":
        text = sys.stdin.read()
    try:
        answers = Answers(
            situations=tuple(args.situation), stage=args.stage, safeguards=frozenset(args.safeguard), keep=args.keep
        )
        payload, kb, _ = build_answer(text, None if answers.empty else answers, args.lang)
    except TriageInputError as exc:
        if exc.code == "empty":
            print(
                "advise: nothing to classify: give the situation as TEXT (or answers with --situation)", file=sys.stderr
            )
        else:
            print(f"advise: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(payload, ensure_ascii=False))
    else:
        _print_readable(payload, kb)
    return 0
