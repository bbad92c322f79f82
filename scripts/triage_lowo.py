"""Leave-one-writer-out for triage: per outside writer, train both layers on everything else, score the left-out files.

Usage: python scripts/triage_lowo.py [--writers A,B,...]   (needs the `train` extra: numpy, scipy)

Each outside writer's files (train_real*_<lang>.txt) are one fold; our own examples (train_<lang>.txt) are always
trained on. Scores use the shipped stacking constants (engine.py), so a fold measures the data, not a refit.
Prints top-1 / top-3 per language and overall, pooled over the folds.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict

from parley.domain.triage.archetypes import ARCHETYPE_IDS, ARCHETYPE_ORDER
from parley.domain.triage.engine import LEXICON_SCALE, NGRAM_WEIGHT, STACK_BIAS
from parley.domain.triage.features import extract
from parley.domain.triage.lexicon import DATA_DIR, load_lexicon
from parley.domain.triage.model import feature_values
from parley.domain.triage.ngrams import feature_ids
from parley.domain.triage.train import fit, fit_ngrams, read_examples

# Who wrote which file: a writer is left out with all their languages at once.
WRITERS = {
    "A": ("train_real_en.txt", "train_real_ru.txt"),
    "B": ("train_real_ar.txt", "train_real_fi.txt"),
    "C": ("train_real2_en.txt", "train_real2_fi.txt"),
    "D": ("train_real2_ar.txt", "train_real2_ru.txt"),
    "E": ("train_real3_ar.txt", "train_real3_en.txt", "train_real3_fi.txt", "train_real3_ru.txt"),
    "F": ("train_real4_ar.txt", "train_real4_en.txt", "train_real4_fi.txt", "train_real4_ru.txt"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="leave-one-writer-out top-1/top-3 per language")
    parser.add_argument("--writers", default=",".join(WRITERS))
    parser.add_argument(
        "--fit-stack", action="store_true", help="also fit the stacking constants on out-of-fold logits"
    )
    args = parser.parse_args(argv)
    oof: list[tuple[dict[str, float], dict[str, float], dict[str, float]]] = []
    lexicon = load_lexicon()
    files = sorted(DATA_DIR.glob("train_*.txt"))
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # lang -> top1, top3, n
    for writer in args.writers.split(","):
        held = [f for f in files if f.name in WRITERS[writer]]
        if not held:
            continue
        train = read_examples([f for f in files if f not in held])
        lex_model = fit(lexicon, train)
        ngram_model = fit_ngrams(train)
        for path in held:
            lang = path.stem.rsplit("_", 1)[1]
            for ex in read_examples([path]):
                if not ex.targets:
                    continue
                z = lex_model.logits(feature_values(extract(lexicon, ex.text, typos=lang == "en")))
                g = ngram_model.logits(feature_ids(ex.text))
                oof.append((z, g, ex.targets))
                stacked = {a: LEXICON_SCALE * z[a] + NGRAM_WEIGHT * g[a] + STACK_BIAS for a in ARCHETYPE_IDS}
                ranked = sorted(ARCHETYPE_IDS, key=lambda a: (-stacked[a], ARCHETYPE_ORDER[a]))
                for key in (lang, "all", f"{writer}:{lang}"):
                    row = hits[key]
                    row[0] += ranked[0] in ex.targets
                    row[1] += any(a in ex.targets for a in ranked[:3])
                    row[2] += 1
        # Each fold's counts as soon as it is done, so a long run can be pooled by hand if it is cut short.
        for key in sorted(k for k in hits if k.startswith(f"{writer}:")):
            t1, t3, n = hits[key]
            print(f"fold {key:6} n={n:4}  top-1 {t1:4}  top-3 {t3:4}", file=sys.stderr, flush=True)
    for key in sorted(hits):
        t1, t3, n = hits[key]
        print(f"{key:8} n={n:4}  top-1 {100 * t1 / n:5.1f}  top-3 {100 * t3 / n:5.1f}")
    if args.fit_stack:
        print("stacking (lexicon scale, n-gram weight, bias):", fit_stack(oof))
    return 0


def fit_stack(oof: list[tuple[dict[str, float], dict[str, float], dict[str, float]]]) -> tuple[float, float, float]:
    """Logistic regression of every (example, archetype) target on its two out-of-fold logits."""
    import numpy as np  # pyright: ignore[reportMissingImports]
    from scipy.optimize import minimize  # pyright: ignore[reportMissingImports]

    x = np.array([[z[a], g[a], 1.0] for z, g, _ in oof for a in ARCHETYPE_IDS])
    y = np.array([t.get(a, 0.0) for _, _, t in oof for a in ARCHETYPE_IDS])

    def loss(theta):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ theta, -30, 30)))
        return -(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12)).mean()

    found = minimize(loss, np.array([LEXICON_SCALE, NGRAM_WEIGHT, STACK_BIAS]), method="L-BFGS-B").x
    return tuple(round(float(v), 3) for v in found)


if __name__ == "__main__":
    sys.exit(main())
