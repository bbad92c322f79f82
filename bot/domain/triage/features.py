"""From text to cue matches: phrase matching, negation scope and contrast weighting.

Negation: a negator (not, never, ei, не, لا/لم/ما/مش, and verbs like refuse/forget/stop) negates the first cue in
the next few words of its clause (in Arabic only the next word, past an auxiliary), so "never pays" fires `pay!neg`
and "not rude at all" fires `insult!neg`; each concept has its own weights for the negated form (for most cues they
count against). "and/ja/и" and punctuation end the scope; "not only" does not negate; stacked negators agree
(никогда не нравится). Contrast: in a sentence with "but/mutta/но/لكن", what comes before the last contrast
word counts less and what follows counts more, so "always pays on time, but..." leaves the complaint in charge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.triage.lexicon import NEG_SUFFIX, Lexicon, TokenInfo
from bot.domain.triage.stemmers import arabic_forms
from bot.domain.triage.text import ARABIC, Token, tokenise

NEG_SCOPE = 3  # words after a negator that it can negate
PHRASE_GAP = 1  # words allowed between two parts of a phrase
BEFORE_CONTRAST = 0.6
AFTER_CONTRAST = 1.2

# Clock times at night or at dawn (22:00-06:59, 10pm-6am) are an after-hours cue in any language.
_NIGHT_RE = re.compile(
    r"(?<![\d:])(?:(?:22|23|00|0?[0-6])[:.][0-5]\d|(?:1[01]|10)\s?(?:pm|p\.m\.)|(?:12|0?[1-6])(?:[:.][0-5]\d)?\s?(?:am|a\.m\.))(?!\d)"
    r"|(?:\bklo|\bkello|\bв|الساعه|الساعة)\s?(?:22|23|24|00|0?[0-4])(?![\d:.])",
    re.IGNORECASE,
)
# "the 12th version", "round 9", "версия 7", "12-й раз", "kierros 6", "النسخة 11": many rounds of the same work.
_ROUNDS_RE = re.compile(
    r"\b(?:[4-9]|[1-9]\d)(?:st|nd|rd|th)\b"
    r"|\b(?:v|version|round|revision|draft|iteration|versio|kierros|korjauskierros|luonnos)\s?#?(?:[4-9]|[1-9]\d)\b"
    r"|\b(?:[4-9]|[1-9]\d)\.\s?(?:versio|kierros|korjaus|luonnos|kerta)"
    r"|\b(?:[4-9]|[1-9]\d)-?(?:й|я|ю|ый|ая|ую|ой|ом|ий)\s(?:раз|круг|верси|правк|вариант|итерац)"
    r"|(?:верси[яюи]|круг|правк[аи]|вариант|итераци[яи])\s?№?\s?(?:[4-9]|[1-9]\d)\b"
    r"|(?:نسخه|النسخه|نسخة|النسخة|تعديل|جوله|جولة|المره|المرة|للمره|للمرة)\s?(?:رقم\s?)?(?:ال)?(?:[4-9]|[1-9]\d)(?!\d)",
    re.IGNORECASE,
)
ROUNDS_CONCEPT = "endless"
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_MONEY_RE = re.compile(
    r"(?:[$€£₽]\s?\d[\d\s.,]*|\d[\d.,]*\s?(?:[$€£₽]|k\b|usd|eur|euro|euros|dollars?|bucks|руб|доллар|евро|"
    r"دولار|ريال|جنيه|درهم|دينار))",
    re.IGNORECASE,
)
# Words after which Arabic "ما" means "whenever/after/as", not "not".
_AR_MA_NOT_NEGATION = frozenset({"كل", "بعد", "قبل", "زي", "مثل", "متل", "عند", "اول", "حسب", "طالما", "مهما", "لين"})
_AR_NEG_PARTICLES = frozenset("كان كانت يكون عاد حتى ابدا هو هي انا له لها لي عم قد قاعد راح رح حد".split())  # noqa: SIM905
WORD_PREFIX = "w:"
NIGHT_CONCEPT = "night_time"
MONEY_CONCEPT = "money_amount"


@dataclass(frozen=True, slots=True)
class Match:
    """One cue found in the text: its feature name, character span, weight factor and whether it was negated."""

    feature: str
    start: int
    end: int
    factor: float
    negated: bool


def _negation_marks(tokens: list[Token], infos: list[TokenInfo]) -> list[int]:
    """For each token, the index of the negator that governs it, or -1."""
    marks = [-1] * len(tokens)
    n = len(tokens)
    for i, info in enumerate(infos):
        if info.self_negated:
            marks[i] = i
        if not info.negator:
            continue
        if i > 0 and tokens[i].norm in ("ما", "وما") and tokens[i - 1].norm in _AR_MA_NOT_NEGATION:
            continue  # كل ما / بعد ما / زي ما: "ما" is a conjunction here
        if i + 1 < n and infos[i + 1].only and tokens[i + 1].clause == tokens[i].clause:
            continue  # "not only ... but also"
        if tokens[i].script == ARABIC:
            # Arabic negation sits right before what it negates (ما دفع، مش راضي، لم يرد); only an auxiliary or a
            # particle may come between (ما كان يرد، مش عم يدفع).
            j = i + 1
            while j < n and tokens[j].norm in _AR_NEG_PARTICLES and j - i < 3:
                j += 1
            if j < n and tokens[j].clause == tokens[i].clause and marks[j] == -1:
                marks[j] = i
            continue
        for j in range(i + 1, min(n, i + 1 + NEG_SCOPE)):
            if tokens[j].clause != tokens[i].clause or infos[j].conj or infos[j].contrast:
                break
            if marks[j] == -1:
                marks[j] = i
    return marks


def _contrast_factors(tokens: list[Token], infos: list[TokenInfo]) -> list[float]:
    """Weight tokens before the last contrast word of their sentence down and those after it up."""
    factors = [1.0] * len(tokens)
    last_contrast: dict[int, int] = {}
    for i, info in enumerate(infos):
        if info.contrast and i > 0:
            last_contrast[tokens[i].sentence] = i
    for i, tok in enumerate(tokens):
        c = last_contrast.get(tok.sentence)
        if c is not None:
            factors[i] = BEFORE_CONTRAST if i < c else AFTER_CONTRAST
    return factors


# Words no cue covers also become weak "w:<stem>" features; their weights are learned from the examples only (they
# start at 0), so they can break near-ties but never outvote the lexicon. Frequent words that say nothing about a
# client stay out (the trainer also drops stems seen in too few or too many examples).
_STOPWORDS = frozenset(
    """this that with have from they them their there then than what when where which will would could should about
    just also even into over only very some more most much been were being does doing done client client's customer
    asks asked says said told tell wants want every always never still again because after before while really että
    mutta kun hän hänen minä minun mulle minulle sinä meidän heidän niin kuin joka jotka vain myös kanssa aina vielä
    taas sitten koska mikä mitä miten miksi asiakas asiakkaan asiakkaalle asiakkaani tilaaja nyt меня мне мной тебя
    тебе него нему ним она неё ему они них это этот эта что чтобы как когда потом тоже уже ещё еще очень всё все
    всех клиент клиента клиенту заказчик заказчика заказчику заказчица клиентка было была были هذا هذه ذلك التي الذي
    اللي عشان علشان لانه انه انها اني عليه عليها عندي عنده معه معي كان كانت يكون العميل عميل العميله وهو وهي بس كمان
    برضو لسه هلا هلأ الحين""".split()  # noqa: SIM905 - a word list reads better as text
)


def bow_key(t: Token) -> str:
    """A crude language-neutral stem for words no cue covers: 5-letter prefix, or the Arabic clitic-free form."""
    if t.script == ARABIC:
        forms, _, _ = arabic_forms(t.norm)
        base = min((f for f in forms if len(f) >= 3), key=len, default="")
        return base[:5]
    return t.norm[:5]


def extract(lexicon: Lexicon, text: str) -> list[Match]:
    """Find the cue matches in a text, longest phrases first, with negation and contrast applied."""
    tokens = tokenise(text)
    infos = [lexicon.token_info(t.script, t.norm) for t in tokens]
    marks = _negation_marks(tokens, infos)
    factors = _contrast_factors(tokens, infos)
    n = len(tokens)
    candidates: list[tuple[int, int, str]] = []  # (first token, last token, concept)
    for i, info in enumerate(infos):
        for eid in info.elements:
            for phrase in lexicon.phrases_by_first.get(eid, ()):
                j = i
                ok = True
                for part in phrase.elements[1:]:
                    nxt = next(
                        (
                            k
                            for k in range(j + 1, min(n, j + 2 + PHRASE_GAP))
                            if tokens[k].clause == tokens[i].clause and part in infos[k].elements
                        ),
                        None,
                    )
                    if nxt is None:
                        ok = False
                        break
                    j = nxt
                if ok:
                    candidates.append((i, j, phrase.concept))
    # A match inside a longer one is dropped ("pays" inside "pays on time"); overlapping ones both count.
    candidates = sorted(set(candidates), key=lambda c: (c[0] - c[1], c[0], c[2]))
    spans: list[tuple[int, int]] = []
    accepted: list[tuple[int, int, str, int]] = []
    for first, last, concept in candidates:
        if any(a <= first and last <= b and (b - a) > (last - first) for a, b in spans):
            continue
        spans.append((first, last))
        neg_by = marks[first]
        # A negator inside the phrase itself ("no reviews" as a written cue) is part of the cue, not a negation; a
        # phrase that starts with a negator is not negated again (никогда не нравится: negative concord).
        if neg_by != -1 and (first < neg_by <= last or infos[first].negator):
            neg_by = -1
        accepted.append((first, last, concept, neg_by))
    # A negator governs only the first cue after it: "doesn't pay, for three months" negates paying, not the months.
    first_governed: dict[int, int] = {}
    for first, _, _, neg_by in accepted:
        if neg_by != -1:
            first_governed[neg_by] = min(first_governed.get(neg_by, first), first)
    matches: list[Match] = []
    for first, last, concept, neg_by in accepted:
        negated = neg_by != -1 and first_governed[neg_by] == first
        start = tokens[neg_by].start if negated and neg_by < first else tokens[first].start
        feature = concept + NEG_SUFFIX if negated else concept
        matches.append(Match(feature, start, tokens[last].end, factors[first], negated))
    covered = {k for m_first, m_last, _, _ in accepted for k in range(m_first, m_last + 1)}
    for i, t in enumerate(tokens):
        if i in covered or len(t.norm) < 4 or infos[i].negator or infos[i].conj or t.norm in _STOPWORDS:
            continue
        key = bow_key(t)
        if key:
            matches.append(Match(WORD_PREFIX + key, t.start, t.end, factors[i], False))
    ascii_digits = text.translate(_DIGITS)  # same length, so offsets still point into the input
    for regex, concept in ((_NIGHT_RE, NIGHT_CONCEPT), (_MONEY_RE, MONEY_CONCEPT), (_ROUNDS_RE, ROUNDS_CONCEPT)):
        for m in regex.finditer(ascii_digits):
            matches.append(Match(concept, m.start(), m.end(), 1.0, False))
    return matches
