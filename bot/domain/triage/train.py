"""Train the triage weights: `python -m parley.domain.triage.train [--cv K]` writes data/weights.json and
data/ngram_weights.bin (+ .json).

One-vs-rest logistic regression over the lexicon's cue features, trained on the hand-written examples in
data/train_*.txt and pulled toward the lexicon priors by an L2 penalty, so a cue that no example uses keeps its
hand-set weight and a cue the examples contradict moves. Pure Python, under a minute; run it after editing
the lexicon or the examples (tests/triage check the stored digest).

The n-gram layer (ngrams.py) is fitted on the same examples by L-BFGS over sparse matrices: training needs numpy and
scipy (`pip install -e .[train]`); the bot itself reads the stored int8 weights without them.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from parley.domain.triage.archetypes import ARCHETYPE_IDS
from parley.domain.triage.features import WORD_PREFIX, extract
from parley.domain.triage.lexicon import Lexicon, load_lexicon
from parley.domain.triage.model import (
    WEIGHTS_PATH,
    LinearModel,
    feature_values,
    prior_model,
    source_digest,
    training_files,
)
from parley.domain.triage.ngrams import BUCKETS, NgramModel, feature_ids, quantise, save_ngram_model

L2 = 0.005  # pull toward the priors; chosen by --cv on the training examples, never on the dev set
L2_BIAS = 0.002
POSITIVE_WEIGHT = 3.0  # each archetype is positive in ~1/14 of the examples
SOFT_TARGET = 0.5  # "?archetype": defensible, not wrong
ITERATIONS = 400
LEARNING_RATE = 0.05
L2_WORDS = 0.005  # bag-of-stems weights start at 0 and stay small: they only back up the lexicon
WORD_MIN_DF = 2  # a stem must occur in at least this many examples...
WORD_MAX_DF_SHARE = 0.03  # ...and in at most this share of them


@dataclass(frozen=True)
class Example:
    """One training line: its text and target per archetype."""

    text: str
    targets: dict[str, float]
    source: str


def parse_labels(fields: list[str], where: str) -> dict[str, float]:
    """Turn label fields ("non_payer abusive", "?bad_fit", "-") into targets."""
    targets: dict[str, float] = {}
    for field in fields:
        for label in field.split():
            soft = label.startswith("?")
            name = label.lstrip("?")
            if name == "-":
                continue
            if name not in ARCHETYPE_IDS:
                raise ValueError(f"{where}: unknown archetype {name!r}")
            targets[name] = max(targets.get(name, 0.0), SOFT_TARGET if soft else 1.0)
    return targets


def read_examples(paths: list[Path] | None = None) -> list[Example]:
    """Read labels<TAB>text[<TAB>more labels] lines from the training files."""
    out: list[Example] = []
    for path in paths or training_files():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) < 2:
                raise ValueError(f"{path.name}:{n}: expected labels<TAB>text")
            targets = parse_labels([fields[0], *fields[2:]], f"{path.name}:{n}")
            out.append(Example(fields[1].strip(), targets, f"{path.name}:{n}"))
    return out


def featurise(lexicon: Lexicon, examples: list[Example]) -> list[dict[str, float]]:
    """Feature values of every example."""
    return [feature_values(extract(lexicon, ex.text)) for ex in examples]


def fit(lexicon: Lexicon, examples: list[Example], l2: float = L2, iterations: int = ITERATIONS) -> LinearModel:
    """Fit weights by full-batch Adam on the weighted logistic loss plus the pull toward the priors."""
    prior = prior_model(lexicon)
    xs = featurise(lexicon, examples)
    # A stem seen in one example is an accident of wording, one seen everywhere carries no signal.
    df: dict[str, int] = {}
    for x in xs:
        for f in x:
            if f.startswith(WORD_PREFIX):
                df[f] = df.get(f, 0) + 1
    keep = {f for f, c in df.items() if WORD_MIN_DF <= c <= WORD_MAX_DF_SHARE * len(xs)}
    xs = [{f: v for f, v in x.items() if not f.startswith(WORD_PREFIX) or f in keep} for x in xs]
    features = sorted(set(prior.weights) | {f for x in xs for f in x})
    index = {f: i for i, f in enumerate(features)}
    archs = ARCHETYPE_IDS
    k = len(archs)
    w0 = [[prior.weights.get(f, {}).get(a, 0.0) for a in archs] for f in features]
    b0 = [prior.bias[a] for a in archs]
    w = [row[:] for row in w0]
    b = b0[:]
    rows = [[(index[f], v) for f, v in x.items()] for x in xs]
    is_word = [f.startswith(WORD_PREFIX) for f in features]
    ys = [[ex.targets.get(a, 0.0) for a in archs] for ex in examples]
    n = len(examples)
    # Class-balanced positive weights: an archetype with more examples must not win ties (and second places in
    # two-problem messages) just because it was written about more often.
    positives = [sum(1 for y in ys if y[j] > 0) for j in range(k)]
    mean_pos = sum(positives) / k
    pos_weight = [POSITIVE_WEIGHT * (mean_pos / p if p else 1.0) for p in positives]
    mw = [[0.0] * k for _ in features]
    vw = [[0.0] * k for _ in features]
    mb, vb = [0.0] * k, [0.0] * k
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for t in range(1, iterations + 1):
        gw: dict[int, list[float]] = {}
        gb = [0.0] * k
        for row, y in zip(rows, ys, strict=True):
            z = b[:]
            for fi, v in row:
                wf = w[fi]
                for j in range(k):
                    z[j] += wf[j] * v
            g = [0.0] * k
            for j in range(k):
                p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z[j]))))
                sw = pos_weight[j] if y[j] > 0 else 1.0
                g[j] = sw * (p - y[j]) / n
                gb[j] += g[j]
            for fi, v in row:
                acc = gw.setdefault(fi, [0.0] * k)
                for j in range(k):
                    acc[j] += g[j] * v
        for fi in range(len(features)):
            grad = gw.get(fi)
            wf, w0f, m, vv = w[fi], w0[fi], mw[fi], vw[fi]
            for j in range(k):
                gj = 2 * (L2_WORDS if is_word[fi] else l2) * (wf[j] - w0f[j]) + (grad[j] if grad else 0.0)
                if gj == 0.0 and m[j] == 0.0:
                    continue
                m[j] = beta1 * m[j] + (1 - beta1) * gj
                vv[j] = beta2 * vv[j] + (1 - beta2) * gj * gj
                wf[j] -= LEARNING_RATE * (m[j] / (1 - beta1**t)) / (math.sqrt(vv[j] / (1 - beta2**t)) + eps)
        for j in range(k):
            gj = gb[j] + 2 * L2_BIAS * (b[j] - b0[j])
            mb[j] = beta1 * mb[j] + (1 - beta1) * gj
            vb[j] = beta2 * vb[j] + (1 - beta2) * gj * gj
            b[j] -= LEARNING_RATE * (mb[j] / (1 - beta1**t)) / (math.sqrt(vb[j] / (1 - beta2**t)) + eps)
    weights = {
        f: {a: round(w[i][j], 4) for j, a in enumerate(archs) if abs(w[i][j]) >= 0.005} for i, f in enumerate(features)
    }
    return LinearModel({a: round(b[j], 4) for j, a in enumerate(archs)}, {f: ws for f, ws in weights.items() if ws})


DEFAULT_NGRAM_BIAS = -3.0
NGRAM_L2 = 3e-4  # chosen on the leave-one-writer-out folds
NGRAM_ITERATIONS = 300


def fit_ngrams(examples: list[Example], l2: float = NGRAM_L2) -> NgramModel:
    """One-vs-rest logistic regression over the hashed n-grams, class-balanced like the lexicon layer."""
    # Training only (the `train` extra): the bot reads the stored weights without numpy, and CI's type check runs
    # without the extra installed.
    import numpy as np  # pyright: ignore[reportMissingImports]
    import scipy.sparse as sp  # pyright: ignore[reportMissingImports]
    from scipy.optimize import minimize  # pyright: ignore[reportMissingImports]

    k = len(ARCHETYPE_IDS)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for i, ex in enumerate(examples):
        ids = feature_ids(ex.text)
        rows += [i] * len(ids)
        cols += ids
        vals += [1.0 / math.sqrt(max(len(ids), 1))] * len(ids)
    x = sp.csr_matrix((vals, (rows, cols)), shape=(len(examples), BUCKETS))
    y = np.array([[ex.targets.get(a, 0.0) for a in ARCHETYPE_IDS] for ex in examples])
    n = len(examples)
    positives = (y > 0).sum(0)
    pos_weight = POSITIVE_WEIGHT * positives.mean() / np.maximum(positives, 1)
    sample_weight = np.where(y > 0, pos_weight, 1.0)

    def loss_and_grad(theta):
        w, b = theta[:-k].reshape(BUCKETS, k), theta[-k:]
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w + b, -30, 30)))
        loss = -(sample_weight * (y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))).sum() / n
        g = sample_weight * (p - y) / n
        grad_w = x.T @ g + 2 * l2 * w
        return loss + l2 * (w * w).sum(), np.concatenate([np.asarray(grad_w).ravel(), g.sum(0)])

    theta = np.zeros(BUCKETS * k + k)
    theta[-k:] = DEFAULT_NGRAM_BIAS
    found = minimize(loss_and_grad, theta, jac=True, method="L-BFGS-B", options={"maxiter": NGRAM_ITERATIONS}).x
    w = found[:-k].reshape(BUCKETS, k)
    columns = [quantise(w[:, j].tolist()) for j in range(k)]
    return NgramModel(
        tuple(c[0] for c in columns), tuple(c[1] for c in columns), tuple(round(float(v), 4) for v in found[-k:])
    )


def top1_rate(lexicon: Lexicon, model: LinearModel, examples: list[Example]) -> float:
    """Share of labelled examples whose best archetype is one of their (hard or soft) labels."""
    hits = total = 0
    for ex in examples:
        if not ex.targets:
            continue
        logits = model.logits(feature_values(extract(lexicon, ex.text)))
        best = max(ARCHETYPE_IDS, key=lambda a: logits[a])
        hits += best in ex.targets
        total += 1
    return hits / max(total, 1)


def cross_validate(lexicon: Lexicon, examples: list[Example], folds: int, l2: float) -> float:
    """K-fold top-1 on the training examples (shuffled with a fixed seed)."""
    order = list(range(len(examples)))
    random.Random(7).shuffle(order)
    scores = []
    for f in range(folds):
        test = [examples[i] for i in order[f::folds]]
        train = [examples[i] for j, i in enumerate(order) if j % folds != f]
        scores.append(top1_rate(lexicon, fit(lexicon, train, l2), test))
    return sum(scores) / len(scores)


def save(model: LinearModel, path: Path = WEIGHTS_PATH) -> None:
    """Write the weights with the digest of the sources they were trained on."""
    data = {"source_sha256": source_digest(), "bias": model.bias, "weights": model.weights}
    path.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Train and save, or cross-validate with --cv."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cv", type=int, default=0, help="k-fold cross-validation on the examples instead of saving")
    parser.add_argument("--l2", type=float, default=L2)
    args = parser.parse_args(argv)
    lexicon = load_lexicon()
    examples = read_examples()
    if args.cv:
        print(f"{args.cv}-fold top-1 (l2={args.l2}): {cross_validate(lexicon, examples, args.cv, args.l2):.3f}")
        print(f"priors only, all examples: {top1_rate(lexicon, prior_model(lexicon), examples):.3f}")
        return 0
    model = fit(lexicon, examples, args.l2)
    save(model)
    save_ngram_model(fit_ngrams(examples), source_digest())
    print(f"trained on {len(examples)} examples; training top-1 {top1_rate(lexicon, model, examples):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
