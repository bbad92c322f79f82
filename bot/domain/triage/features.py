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
from bisect import bisect_right
from typing import NamedTuple

from parley.domain.triage.langid import detect_language
from parley.domain.triage.lexicon import NEG_SUFFIX, Lexicon, TokenInfo
from parley.domain.triage.stemmers import arabic_forms
from parley.domain.triage.text import ARABIC, LATIN, Token, tokenise

NEG_SCOPE = 3  # words after a negator that it can negate
PHRASE_GAP = 1  # words allowed between two parts of a phrase
BEFORE_CONTRAST = 0.6
AFTER_CONTRAST = 1.2

# Clock times at night or at dawn (22:00-06:59, 10pm-6am) are an after-hours cue in any language.
_NIGHT_RE = re.compile(
    r"(?<![\d:])(?:(?:22|23|00|0?[0-6])[:.][0-5]\d(?!\s?p\.?m)|(?:9|1[01])(?:[:.][0-5]\d)?\s?(?:pm|p\.m\.)"
    r"|(?:12|0?[1-6])(?:[:.][0-5]\d)?\s?(?:am|a\.m\.))(?!\d)"
    r"|(?:\bklo|\bkello|\bв|الساعه|الساعة)\s?(?:22|23|24|00|0?[0-4])(?![\d:.])",
    re.IGNORECASE,
)
# Counts from four up, spelled out, for the rounds pattern below.
_EN_COUNT = "four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|twenty"
_EN_NTH = (
    "fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|twentieth"
    "|umpteenth|millionth|hundredth|nth"
)
_FI_NTH = (
    "neljäs|neljänne|viides|viidenne|kuudes|kuudenne|seitsemäs|seitsemänne|kahdeksas|kahdeksanne|yhdeksäs"
    "|yhdeksänne|kymmenes|kymmenenne|yhdestoista|kahdestoista|sadas|sadanne|miljoonas|miljoonanne|ties monenne"
)
_FI_COUNT = (
    "neljä|viisi|viis|kuusi|kuus|seitsemän|seittemän|kahdeksan|kaheksan|yhdeksän|yheksän|kymmenen|kymmene"
    "|yksitoista|ykstoista|kaksitoista|kakstoista|kolmetoista|kolmetoist|viisitoista|viistoista|kaksikymmentä|kakskyt"
)
_RU_NTH = "четверт|пят|шест|седьм|восьм|девят|десят|одиннадцат|двенадцат|пятнадцат|двадцат|сот|миллионн|энн"
_AR_NTH = "رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر|الحادي?ه? عشر|المليون"
# "the 12th version", "round 9", "версия 7", "12-й раз", "kierros 6", "النسخة 11": many rounds of the same work.
_ROUNDS_RE = re.compile(
    r"\b(?:[4-9]|[1-9]\d)(?:st|nd|rd|th)\b"
    r"|\b(?:v|version|round|revision|draft|iteration|versio|kierros|korjauskierros|luonnos)\s?#?(?:[4-9]|[1-9]\d)\b"
    r"|\b(?:[4-9]|[1-9]\d)\.\s?(?:versio|kierros|korjaus|luonnos|kerta)"
    r"|\b(?:[4-9]|[1-9]\d)-?(?:й|я|ю|ый|ая|ую|ой|ом|ий)\s(?:раз|круг|верси|правк|вариант|итерац)"
    r"|(?:верси[яюи]|круг|правк[аи]|вариант|итераци[яи])\s?№?\s?(?:[4-9]|[1-9]\d)\b"
    r"|(?:نسخه|النسخه|نسخة|النسخة|تعديل|جوله|جولة|المره|المرة|للمره|للمرة)\s?(?:رقم\s?)?(?:ال)?(?:[4-9]|[1-9]\d)(?!\d)"
    # The same with the count spelled out: "round nine", "ninth version", "yhdeksäs kierros", "девятая итерация",
    # "المرة السابعة" / "سابع مرة" (sarcastic counts are how members usually report endless revisions).
    # Dozens of fixes at once: "40 fixes", "25 korjausta", "30 исправлений", "٢٠ تعديل".
    r"|\b[1-9]\d\s?['\"“«]?(?:fixes|changes|edits|corrections|comments|notes|tweaks|revisions|change requests)\b"
    r"|\b[1-9]\d\s?['\"“«]?(?:korjau|muutok|muutos|kommentti|kommentte|huomio|huomautu)\w*"
    r"|(?<!\d)[1-9]\d\s?['\"“«]?(?:исправлен|правок|правк|замечани|комментари|доработ)\w*"
    r"|(?<!\d)[1-9]\d\s?['\"“«]?(?:تصليح|تعديل|ملاحظ|تعليق)"
    rf"|\b(?:round|revision|version|draft|iteration|attempt|take)s?\s(?:number\s|no\.?\s)?(?:{_EN_COUNT})\b"
    rf"|\b(?:{_EN_NTH})\s(?:round|revision|version|draft|iteration|attempt|try|pass|time|set of (?:edits|changes))"
    rf"|\b(?:versio|kierro|korjauskierro|luonno)\w*\s(?:numero\s)?(?:{_FI_COUNT}|[4-9]|[1-9]\d)\b"
    rf"|\b(?:{_FI_NTH})\w*\s(?:kierro|versi|korjau|luonno|kert|muutos|muokkau|yritt)\w*"
    rf"|(?<![а-яё])(?:{_RU_NTH})(?:ый|ая|ую|ой|ий|ое|ого|ом|ей|ые|ых)\s(?:раз|круг|верси|правк|вариант|итерац|попытк|заход|дубл)\w*"
    rf"|(?:مر[ةه]|نسخ[ةه]|تعديل|جول[ةه]|راوند)\s(?:ال)?(?:{_AR_NTH})[ةه]?(?![\u0621-\u064a])"
    rf"|(?<![\u0621-\u064a])(?:{_AR_NTH})\s(?:مر[ةه]|نسخ[ةه]|تعديل|جول[ةه]|راوند)",
    re.IGNORECASE,
)
ROUNDS_CONCEPT = "endless"
# "every 2 hours", "every 15 min", "parin tunnin välein", "каждые 10 минут", "раз в полчаса", "كل ١٠ دقايق": check-ins
# counted in minutes or hours.
_EVERY_N_RE = re.compile(
    r"\bevery\s(?:\d+|few|couple(?: of)?|two|three|four|five|ten|fifteen|twenty|thirty)\s?"
    r"(?:min|mins|minutes|hours?|hrs?)\b"
    r"|\b(?:\d+|parin|muutaman|kahden|kolmen|viiden|kymmenen|vartin)\s(?:minuutin|tunnin)\svälein"
    r"|\bjoka\s\d+\.?\s(?:minuutti|tunti)"
    r"|(?<![а-яё])(?:каждые|раз в)\s(?:\d+\s|пару\s|пять\s|десять\s|пятнадцать\s|два\s|три\s)?(?:мин|час)"
    r"|(?:كل)\s(?:\d+|ربع|خمس|عشر|تلت|ثلث)\s(?:دقايق|دقائق|دقيق[ةه]|ساعات|ساع[ةه])",
    re.IGNORECASE,
)
EVERY_N_CONCEPT = "every_n_minutes"
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_MONEY_RE = re.compile(
    r"(?:[$€£₽]\s?\d[\d\s.,]*|\d[\d.,]*\s?(?:[$€£₽]|k\b|usd|eur|euro|euros|dollars?|bucks|руб|доллар|евро|"
    r"دولار|ريال|جنيه|درهم|دينار))",
    re.IGNORECASE,
)
# What each pattern needs: every alternative of it has a digit or one of these words (lowercase). A text with
# neither can't match, so the pattern is not run on it (the four cost ~0.2 ms a message, most of it _ROUNDS_RE on
# texts without a single number).
_ROUNDS_WORDS = tuple(
    w
    for group in (_EN_COUNT, _EN_NTH, _FI_COUNT, _FI_NTH, _RU_NTH, "رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر|عشر|المليون")
    for w in group.split("|")
)  # the Arabic ones are _AR_NTH with "عشر" for "الحادي?ه? عشر" (which always contains it)
_EVERY_N_WORDS = ("every", "välein", "каждые", "раз в", "كل")
_ANY_DIGIT = re.compile(r"\d")
# The patterns ignore case the way `re` does, which for a few letters is not what str.lower() gives: `re` also
# takes ı for i, ſ for s and the old Cyrillic letter forms ᲀ-ᲆ for в д о с т ъ, and İ lowers to i + U+0307. A text
# with any of them is always run through the patterns (tests/triage check this list against `re` itself).
FOLD_EXCEPTIONS = frozenset("ıſ\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u0307")


def patterns_for(text: str) -> list[tuple[re.Pattern[str], str]]:
    """The patterns (with their concepts) that could match `text`, in their order: a pattern is left out only when
    the text has no digit and none of the words it needs."""
    if _ANY_DIGIT.search(text) is not None:
        return [(regex, concept) for regex, concept, _ in _PATTERNS]
    lowered = text.lower()
    if not FOLD_EXCEPTIONS.isdisjoint(lowered):
        return [(regex, concept) for regex, concept, _ in _PATTERNS]
    return [(regex, concept) for regex, concept, words in _PATTERNS if any(w in lowered for w in words)]


# Words after which Arabic "ما" means "whenever/after/as", not "not".
_AR_MA_NOT_NEGATION = frozenset({"كل", "بعد", "قبل", "زي", "مثل", "متل", "عند", "اول", "حسب", "طالما", "مهما", "لين"})
_AR_NEG_PARTICLES = frozenset("كان كانت يكون عاد حتى ابدا هو هي انا له لها لي عم قد قاعد راح رح حد".split())  # noqa: SIM905
WORD_PREFIX = "w:"
ASK_PREFIX = "ask:"  # the same cue in the member's closing sentence or question (_the_ask)
PAY_CONCEPT = "pay"
DEPOSIT_PAY_CONCEPT = "deposit_pay"
UPFRONT_CONCEPTS = frozenset({"deposit", "before_delivery"})
NIGHT_CONCEPT = "night_time"
MONEY_CONCEPT = "money_amount"
_PATTERNS = (
    (_NIGHT_RE, NIGHT_CONCEPT, ()),  # a clock time: always a digit
    (_MONEY_RE, MONEY_CONCEPT, ()),  # an amount: always a digit
    (_ROUNDS_RE, ROUNDS_CONCEPT, _ROUNDS_WORDS),
    (_EVERY_N_RE, EVERY_N_CONCEPT, _EVERY_N_WORDS),
)
# Time words point to an after-hours client only when the client's contact is what the story is about: "we started
# on a Saturday evening" is a date, "he calls me on Saturday evenings" is the complaint. A time cue with no contact cue
# (calls, messages, "right away", replies...) in its sentence or the next/previous one counts this much.
TIME_CONCEPTS = frozenset({NIGHT_CONCEPT, "weekend_holiday", "working_hours"})
CONTACT_CONCEPTS = frozenset(
    {
        "messages",
        "voice_calls",
        "immediate",
        "constant_contact",
        "every_n_minutes",
        "reply",
        "urgent_broken",
        "questions",
    }
)
TIME_WITHOUT_CONTACT = 0.35
# Money words point to a non-payer only when something in the story says the money didn't come: "he pays 300 for the
# site and now wants a shop too" is scope creep, "the 300 still hasn't arrived" is not. Without any non-payment cue in
# the message, paying, an invoice, a delivery or an amount sets the scene and counts this much. ("waiting" is no such
# cue: "weeks", "since" are in every kind of story.)
MONEY_SCENE_CONCEPTS = frozenset({PAY_CONCEPT, "invoice", "delivered", MONEY_CONCEPT})
NONPAYMENT_CONCEPTS = frozenset(
    {
        "pay!neg",
        "unpaid",
        "later_excuse",
        "money_trouble",
        "chase",
        "payment_limbo",
        "arrive!neg",
        "invoice!neg",
        "pays_on_time!neg",
        "dispute",
        "legal",
        "ghosted",
    }
)
MONEY_WITHOUT_NONPAYMENT = 0.35
# Swearing is the member's own anger unless it sits in the client's quoted words ('...', "...", «...», “...”): only
# then does it count as the client being abusive (the "profanity" concept becomes "profanity_quoted").
PROFANITY_CONCEPT = "profanity"
QUOTED_PROFANITY = "profanity_quoted"
_QUOTED_RE = re.compile(
    r"\"[^\"\n]{1,300}\"|“[^”\n]{1,300}”|«[^»\n]{1,300}»|„[^“”\n]{1,300}[“”]"
    r"|(?<!\w)'.{1,300}?'(?!\w)"  # 'single quotes': an apostrophe inside a word (I'm, don't) neither opens nor closes
)


class Match(NamedTuple):
    """One cue found in the text: its feature name, character span, weight factor and whether it was negated.
    (A named tuple, as Token: cheap to build, and a message makes dozens.)"""

    feature: str
    start: int
    end: int
    factor: float
    negated: bool
    scene: bool = False  # a time cue far from any contact cue: it sets the scene, it isn't the complaint


# Spoken Finnish says "et" for "että" (that): "asiakas jankkaa et sen serkku...". It is the negation verb "you don't"
# only next to a second-person pronoun or a question word, or right before a verb in its negative form ("et oo",
# "et vastannu").
_FI_ET_BEFORE = frozenset({"sä", "sinä", "sää", "sie", "miks", "miksi", "jos", "kun", "ku", "vai", "etkä"})
_FI_CONNEGATIVE = frozenset(
    """ole oo voi saa tiedä tiiä osaa jaksa halua tarvi tarvitse muista ymmärrä tajua vastaa maksa kerro sano usko
    pysty ehdi viitsi anna tee tule mene näe kuule lue""".split()  # noqa: SIM905 - a word list reads better as text
)


def _fi_et_is_negation(tokens: list[Token], i: int) -> bool:
    """Whether the Finnish "et" at position i is "you don't" rather than colloquial "että"."""
    prev = tokens[i - 1].norm if i > 0 and tokens[i - 1].clause == tokens[i].clause else ""
    nxt = tokens[i + 1].norm if i + 1 < len(tokens) and tokens[i + 1].clause == tokens[i].clause else ""
    if prev in _FI_ET_BEFORE or nxt in ("sä", "sinä", "sää", "sie"):
        return True
    return nxt in _FI_CONNEGATIVE or (len(nxt) >= 5 and nxt.endswith(("nut", "nyt", "nu", "ny")))


# "can't send a line without him asking why", "en voi tehdä mitään ilman että se kysyy", "ни шагу без вопроса": a
# "without" after a negation in the same clause cancels it (he always asks), so it negates nothing.
_WITHOUT = frozenset({"without", "ilman", "без"})


def _roles(tokens: list[Token], infos: list[TokenInfo]) -> tuple[list[bool], list[bool]]:
    """Per token: does it negate, does it join clauses (context decides for the few ambiguous words)."""
    negator = [info.negator for info in infos]
    conj = [info.conj for info in infos]
    for i, t in enumerate(tokens):
        if t.norm == "et" and t.script == LATIN and not _fi_et_is_negation(tokens, i):
            negator[i], conj[i] = False, True
        elif t.norm in _WITHOUT and any(
            negator[k] and tokens[k].clause == t.clause and tokens[k].norm not in _WITHOUT for k in range(i)
        ):
            negator[i] = False
    return negator, conj


def _negation_marks(tokens: list[Token], infos: list[TokenInfo], negator: list[bool], conj: list[bool]) -> list[int]:
    """For each token, the index of the negator that governs it, or -1."""
    marks = [-1] * len(tokens)
    n = len(tokens)
    for i, info in enumerate(infos):
        if info.self_negated:
            marks[i] = i
        if not negator[i]:
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
            if tokens[j].clause != tokens[i].clause or conj[j] or infos[j].contrast:
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


def extract(lexicon: Lexicon, text: str, typos: bool | None = None) -> list[Match]:
    """Find the cue matches in a text, longest phrases first, with negation and contrast applied.

    typos: allow one-edit (typo) matches of English cue words; by default only when the text reads as English, since
    in Finnish an inflected loanword is often one letter from an unrelated English word (googlen / googled).
    """
    tokens = tokenise(text)
    if typos is None:
        typos = detect_language(text) == "en"
    infos = [lexicon.token_info(t.script, t.norm, typos) for t in tokens]
    negator, conj = _roles(tokens, infos)
    marks = _negation_marks(tokens, infos, negator, conj)
    factors = _contrast_factors(tokens, infos)
    n = len(tokens)
    candidates: list[tuple[int, int, str]] = []  # (first token, last token, concept)
    # Each next part of a phrase is the first of the following 1 + PHRASE_GAP tokens, in the same clause and quote
    # segment, that carries it. (Plain loops over precomputed lists: this runs ~150 times per message.)
    elements = [info.elements for info in infos]
    where = [(t.clause, t.segment) for t in tokens]
    phrases_by_first = lexicon.phrases_by_first
    for i, first_elements in enumerate(elements):
        here = where[i]
        for eid in first_elements:
            for phrase in phrases_by_first.get(eid, ()):
                j = i
                for part in phrase.elements[1:]:
                    stop = j + 2 + PHRASE_GAP
                    for k in range(j + 1, stop if stop < n else n):
                        if part in elements[k] and where[k] == here:
                            j = k
                            break
                    else:
                        break  # a part is missing: no match
                else:
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
        if neg_by != -1 and (first < neg_by <= last or negator[first]):
            neg_by = -1
        accepted.append((first, last, concept, neg_by))
    # "won't pay anything before delivery", "до сдачи платить не хочет": paying in the same clause as an up-front cue
    # is about a deposit (a bad-fit sign), not about an unpaid invoice.
    upfront = {tokens[f].clause for f, _, c, _ in accepted if c in UPFRONT_CONCEPTS}
    if upfront:
        accepted = [
            (f, la, DEPOSIT_PAY_CONCEPT if c == PAY_CONCEPT and tokens[f].clause in upfront else c, nb)
            for f, la, c, nb in accepted
        ]
    # A negator governs only the first cue after it: "doesn't pay, for three months" negates paying, not the months.
    first_governed: dict[int, int] = {}
    for first, _, _, neg_by in accepted:
        if neg_by != -1:
            first_governed[neg_by] = min(first_governed.get(neg_by, first), first)
    matches: list[Match] = []
    for first, last, concept, neg_by in accepted:
        if concept in lexicon.absorbing:
            continue  # set phrases ("each other", "oh great") only keep their words from firing other cues
        negated = neg_by != -1 and first_governed[neg_by] == first
        start = tokens[neg_by].start if negated and neg_by < first else tokens[first].start
        feature = concept + NEG_SUFFIX if negated else concept
        matches.append(Match(feature, start, tokens[last].end, factors[first], negated))
    covered = {k for m_first, m_last, _, _ in accepted for k in range(m_first, m_last + 1)}
    for i, t in enumerate(tokens):
        if i in covered or len(t.norm) < 4 or negator[i] or conj[i] or t.norm in _STOPWORDS:
            continue
        key = bow_key(t)
        if key:
            matches.append(Match(WORD_PREFIX + key, t.start, t.end, factors[i], False))
    ascii_digits = text.translate(_DIGITS)  # same length, so offsets still point into the input
    for regex, concept in patterns_for(ascii_digits):
        for m in regex.finditer(ascii_digits):
            matches.append(Match(concept, m.start(), m.end(), 1.0, False))
    weighed = _weigh_money_by_nonpayment(_attribute_profanity(_weigh_time_by_contact(matches, tokens), text))
    return weighed + _the_ask(weighed, tokens, text)


def _the_ask(matches: list[Match], tokens: list[Token], text: str) -> list[Match]:
    """Cues in a longer message's closing sentence or in one of its questions, again as "ask:<feature>".

    Real posts tell several things and end with what the member needs ("how do I get him to pay?", «как ему
    объяснить, что это другой проект?»): the trained weights of these features let the ask count more than the
    scene-setting around it. They start at 0, are learned from the examples only and are never quoted as a reason.
    """
    if not tokens or tokens[-1].sentence == tokens[0].sentence:
        return []
    starts = [t.start for t in tokens]
    asked = {tokens[-1].sentence}
    for i, t in enumerate(tokens[:-1]):
        if tokens[i + 1].sentence != t.sentence and any(q in text[t.end : tokens[i + 1].start] for q in "?؟"):
            asked.add(t.sentence)
    return [
        Match(ASK_PREFIX + m.feature, m.start, m.end, m.factor, m.negated, m.scene)
        for m in matches
        if not m.feature.startswith(WORD_PREFIX) and tokens[max(0, bisect_right(starts, m.start) - 1)].sentence in asked
    ]


def _attribute_profanity(matches: list[Match], text: str) -> list[Match]:
    """Swearing inside quoted words is the client's (profanity_quoted); outside, it stays the member's own."""
    if not any(m.feature == PROFANITY_CONCEPT for m in matches):
        return matches
    quoted = [(q.start(), q.end()) for q in _QUOTED_RE.finditer(text)]
    return [
        Match(QUOTED_PROFANITY, m.start, m.end, m.factor, m.negated, m.scene)
        if m.feature == PROFANITY_CONCEPT and any(a <= m.start and m.end <= b for a, b in quoted)
        else m
        for m in matches
    ]


def _weigh_money_by_nonpayment(matches: list[Match]) -> list[Match]:
    """Scale money cues down to scene-setting when no cue in the message says the money didn't come."""
    if any(m.feature in NONPAYMENT_CONCEPTS for m in matches):
        return matches
    return [
        Match(m.feature, m.start, m.end, m.factor * MONEY_WITHOUT_NONPAYMENT, m.negated, scene=True)
        if m.feature in MONEY_SCENE_CONCEPTS
        else m
        for m in matches
    ]


def _weigh_time_by_contact(matches: list[Match], tokens: list[Token]) -> list[Match]:
    """Scale down time cues whose neighbourhood (sentence +-1) has no contact cue."""
    if not tokens or not any(m.feature.split("!")[0] in TIME_CONCEPTS for m in matches):
        return matches
    starts = [t.start for t in tokens]

    def sentence_at(offset: int) -> int:
        return tokens[max(0, bisect_right(starts, offset) - 1)].sentence

    contact = {sentence_at(m.start) for m in matches if m.feature.split("!")[0] in CONTACT_CONCEPTS}
    out = []
    for m in matches:
        if m.feature.split("!")[0] in TIME_CONCEPTS:
            sentence = sentence_at(m.start)
            if not contact & {sentence - 1, sentence, sentence + 1}:
                m = Match(m.feature, m.start, m.end, m.factor * TIME_WITHOUT_CONTACT, m.negated, scene=True)
        out.append(m)
    return out
