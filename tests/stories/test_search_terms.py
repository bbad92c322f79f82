"""Search keys (domain, no database): inflected forms share a key in en, fi, ru and ar; queries are built safely."""

from __future__ import annotations

import re

import pytest

from parley.domain.search_terms import MAX_QUERY_WORDS, index_terms, query_groups, word_keys


def finds(query: str, text: str) -> bool:
    """What both engines do with the index: every query word has an alternative equal to (or, as a prefix, starting)
    one of the text's keys."""
    keys = index_terms(text).split()
    return all(
        any(key == k or (prefix and key.startswith(k)) for k, prefix in group for key in keys)
        for group in query_groups(query)
    )


def prefix_only(query: str, text: str) -> bool:
    """The search before stems: each query word a prefix of some word of the text."""
    words = re.findall(r"\w+", text.lower())
    return all(any(w.startswith(q) for w in words) for q in re.findall(r"\w+", query.lower()))


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("reply", "The client never replied."),
        ("ignoring invoices", "They ignored my invoice."),
        ("soittaa", "Asiakas soitteli minulle joka ilta."),
        ("soitteli", "Hän ei suostu soittamaan."),
        ("laskuni", "Asiakas ei maksanut laskua."),
        ("заплатить", "Заказчик так и не заплатил."),
        ("клиентом", "Проблемы с клиентами."),
        ("فاتورتي", "لم يدفع الفاتورة."),
        ("العميل", "ولعميلي طلبات كثيرة."),
    ],
)
def test_an_inflected_form_finds_the_text_where_a_prefix_did_not(query, text):
    assert not prefix_only(query, text)
    assert finds(query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [("unicorn", "The client never replied."), ("soittaa", "Asiakas maksoi."), ("заплатить", "Заказчик пропал.")],
)
def test_unrelated_words_still_do_not_match(query, text):
    assert not finds(query, text)


def test_keys_are_normalised_per_script():
    assert word_keys("Заплатил")[0] == "заплатил"  # lowercased
    assert word_keys("Ёлка")[0] == "елка"  # ё folded as triage does
    assert "فاتوره" in word_keys("فَاتُورَة")  # tashkeel dropped, taa marbuta unified
    assert word_keys("2024") == ("2024",)


def test_query_groups_drop_covered_alternatives_and_never_carry_syntax():
    assert query_groups("days") == [(("day", True),)]  # "day"* already covers "days"
    assert query_groups("ab") == [(("ab", False),)]  # short keys match exactly
    groups = query_groups('"invoice" OR NEAR(x*) ' + "word " * 30)
    assert len(groups) == MAX_QUERY_WORDS
    assert all(re.fullmatch(r"\w+", k) for group in groups for k, _ in group)


def test_index_terms_lists_each_key_once():
    # the word, its English stem, its Finnish key; repeated and inflected occurrences add nothing
    assert index_terms("Invoices, invoices", None, "invoice") == "invoices invoice invoic"
