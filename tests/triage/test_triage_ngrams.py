"""The n-gram layer: stable hashed features, faithful int8 storage, and what it adds over the word lists."""

from __future__ import annotations

from array import array

from parley.domain.triage import classify
from parley.domain.triage.ngrams import (
    BUCKETS,
    MAX_PACKED_IDS,
    MAX_WORDS,
    NgramModel,
    feature_ids,
    feature_set,
    load_ngram_model,
    quantise,
)


def test_features_are_stable_distinct_and_in_range():
    ids = feature_ids("He wants to see my screen every hour")
    assert ids == feature_ids("he wants to SEE my screen every hour")  # normalised like the lexicon's tokens
    assert ids == sorted(set(ids)) and all(0 <= i < BUCKETS for i in ids)
    assert feature_ids("") == [] and feature_ids("!!!") == []


def test_inflected_forms_share_most_features():
    # Character n-grams are why «экран» and «экраном» are nearly the same evidence while a word list needs both.
    a, b = set(feature_ids("экран")), set(feature_ids("экраном"))
    assert len(a & b) / len(a) > 0.6


def test_long_text_is_read_for_its_first_words_only():
    words = " ".join(f"w{i}x" for i in range(MAX_WORDS + 50))
    head = " ".join(f"w{i}x" for i in range(MAX_WORDS))
    assert feature_ids(words) == feature_ids(head)


def test_quantised_weights_round_trip_within_half_a_step():
    column = [0.0, 1.27, -0.5, 0.333, -1.27]
    stored, scale = quantise(column)
    assert all(abs(q * scale - v) <= scale / 2 + 1e-9 for q, v in zip(stored, column, strict=True))


def test_stored_layer_loads_and_scores_every_archetype():
    model = load_ngram_model()
    assert isinstance(model, NgramModel)
    logits = model.logits(feature_ids("she never paid the invoice"))
    assert len(logits) == 14 and logits == model.logits(feature_ids("she never paid the invoice"))


def test_behaviour_told_in_plain_words_is_recognised():
    # Watching the screen and ringing all day, with none of the lexicon's "check-in" or "status" words: the n-gram
    # layer has seen such stories told in other words.
    result = classify("He wants to watch my screen while I work and rings five times a day to see what I'm doing.")
    assert result.top.id == "micromanager" and result.confident


def test_packed_scores_are_the_column_sums_bit_for_bit():
    # Scoring adds all archetypes at once from packed buckets; it must give exactly what summing each int8 column
    # gives (the stored weights and the tests' expected outputs were made that way), in any order of the ids.
    model = load_ngram_model()
    assert model is not None
    texts = [
        "she never paid the invoice",
        "он хочет видеть мой экран каждый час, а платить не хочет",
        "asiakas ei ole maksanut laskua kolmeen kuukauteen",
        "العميل ما دفع الفاتورة من شهرين",
        "x",
    ]
    for text in texts:
        ids = feature_ids(text)
        assert model.logits(ids) == model._logits_by_column(ids)
        assert model.logits(feature_set(text)) == model._logits_by_column(ids)


def test_packing_holds_extreme_weights_and_many_features():
    # Every weight at -127 or 127 in a tiny model, and more features than a field can carry before falling back.
    buckets = 8
    weights = tuple(array("b", [(-127 if (i + k) % 2 else 127) for i in range(buckets)]) for k in range(14))
    model = NgramModel(weights, tuple(0.5 for _ in range(14)), tuple(0.0 for _ in range(14)))
    for ids in ([0], [1, 2, 3], list(range(buckets))):
        assert model.logits(ids) == model._logits_by_column(ids)
    assert MAX_PACKED_IDS > 10 * MAX_WORDS * 5  # far above what a message's words can produce
