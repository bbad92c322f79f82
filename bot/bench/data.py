"""Inputs for the bench: the shared dev sets when they sit beside the repository, else small sets of our own."""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# The shared dev sets live next to the repository (../shared/data); PARLEY_BENCH_DATA points elsewhere.
DATA_DIR = Path(os.environ.get("PARLEY_BENCH_DATA", REPO.parent / "shared" / "data"))


@dataclass(frozen=True, slots=True)
class Texts:
    """A list of texts and where they came from ("dev set" or "fallback")."""

    texts: tuple[tuple[str, str], ...]  # (lang, text)
    source: str


# Our own situations (never lines of the dev sets): one or two per archetype-ish theme, four languages.
FALLBACK_SITUATIONS: tuple[tuple[str, str], ...] = (
    ("en", "The logo was delivered six weeks ago and the invoice is still unpaid; every reminder gets a new excuse."),
    ("en", "She keeps adding 'one tiny page' to the website, and none of it was in the quote we signed."),
    ("en", "Fourth round of changes on the same banner, and he now wants the very first version back."),
    ("en", "He messages me at midnight and on Sundays and gets upset when I answer the next morning."),
    ("en", "They asked for a free test project before deciding, and the test is basically the whole job."),
    ("en", "The client says my rate is too high because his nephew could do it for a third of the price."),
    ("fi", "Asiakas ei ole maksanut laskua kahteen kuukauteen, vaikka työ hyväksyttiin heti."),
    ("fi", "Projektiin tulee koko ajan uusia toiveita, mutta budjetti pysyy samana."),
    ("fi", "Hän soittaa iltaisin ja viikonloppuisin ja odottaa vastausta saman tien."),
    ("ru", "Клиент второй месяц обещает оплатить счёт, но каждый раз находит новую причину."),
    ("ru", "Заказчик постоянно добавляет новые задачи, а срок и бюджет остаются прежними."),
    ("ru", "Он пишет ночью и в выходные и обижается, если я не отвечаю сразу."),
    ("ar", "العميل لم يدفع الفاتورة منذ شهرين رغم أنه استلم العمل ووافق عليه."),
    ("ar", "كل أسبوع يطلب العميل إضافات جديدة ليست في الاتفاق ولا يريد أن يدفع مقابلها."),
    ("ar", "يتصل بي في منتصف الليل ويغضب إذا لم أرد فوراً."),
)

FALLBACK_STORIES: tuple[tuple[str, str], ...] = (
    (
        "en",
        "I redesigned the menu for Harbour Lane Bistro and the owner, Tom Bradley, still owes me $600. "
        "He stopped answering tom.bradley@example.com after invoice INV-20418.",
    ),
    ("en", "Call me at +44 20 7946 0958 if you know Marta Kowalski from Greyfield Studio Ltd in Leeds."),
    ("en", "The client, Daniel Ortiz, sent the brief from @dortiz_builds and then vanished for three weeks."),
    ("fi", "Tein sivut Mäkelän Puutarha Oy:lle, ja Jussi Mäkelä lupasi maksaa 400 euroa viime kuussa."),
    ("fi", "Tampereella toimiva Leena Virtanen ei vastaa enää sähköpostiin leena.virtanen@example.fi."),
    ("ru", "Я сделала логотип для ООО «Северный ветер», а Игорь Петров так и не оплатил счёт № 5521."),
    ("ru", "Заказчица из Казани, Анна Смирнова, пишет мне в телеграм @anna_smirn по ночам."),
    ("ar", "صممت موقعاً لشركة النخيل الذهبي في دبي، ولم يدفع السيد خالد العمري المبلغ حتى الآن."),
    ("ar", "راسلتني سارة يوسف من الرقم ‎+971 50 123 4567‎ وطلبت تعديلات مجانية للمرة الخامسة."),
)


def _load_jsonl(name: str) -> list[dict]:
    path = DATA_DIR / name
    if not path.is_file():
        return []
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                rows.append(json.loads(line))
    return rows


def triage_texts() -> Texts:
    """The triage dev set (or our own situations when it is absent)."""
    rows = [(r.get("lang", "en"), r["text"]) for r in _load_jsonl("triage_dev.jsonl") if r.get("text")]
    if rows:
        return Texts(tuple(rows), "triage_dev.jsonl")
    return Texts(FALLBACK_SITUATIONS, "fallback")


def anon_texts() -> Texts:
    """The anonymiser dev set (or our own stories when it is absent)."""
    rows = [(r.get("lang", "en"), r["text"]) for r in _load_jsonl("anon_dev.jsonl") if r.get("text")]
    if rows:
        return Texts(tuple(rows), "anon_dev.jsonl")
    return Texts(FALLBACK_STORIES, "fallback")


# Words for synthetic published stories (the scale database): plain freelancing vocabulary, no dev-set text.
_WORDS = [
    "client",
    "invoice",
    "payment",
    "deadline",
    "revision",
    "contract",
    "scope",
    "logo",
    "website",
    "brief",
    "meeting",
    "deposit",
    "refund",
    "agency",
    "startup",
    "designer",
    "developer",
    "translator",
    "copywriter",
    "photographer",
    "budget",
    "quote",
    "estimate",
    "milestone",
    "feedback",
    "draft",
    "approval",
    "weekend",
    "midnight",
    "email",
    "call",
    "message",
    "platform",
    "review",
    "rating",
    "dispute",
    "lawyer",
    "reminder",
    "overdue",
    "weeks",
    "months",
    "promise",
    "excuse",
    "change",
    "extra",
    "free",
    "trial",
    "discount",
    "rate",
    "hourly",
    "fixed",
    "delivery",
    "files",
    "source",
    "rights",
    "license",
    "portfolio",
    "referral",
    "boss",
    "manager",
    "team",
    "partner",
    "friend",
    "nephew",
    "angry",
    "polite",
    "silent",
    "ghosted",
    "vanished",
    "paid",
    "unpaid",
    "late",
    "early",
    "again",
    "never",
    "always",
    "suddenly",
    "finally",
]
SEARCH_WORDS = ("invoice", "deposit", "ghosted", "weekend", "refund", "lawyer", "nephew", "milestone")


def synthetic_story(rng: random.Random, words: int = 70) -> str:
    """A story-like text of `words` words from a small vocabulary (deterministic for a seeded rng)."""
    out: list[str] = []
    while len(out) < words:
        sentence = rng.choices(_WORDS, k=rng.randint(6, 14))
        sentence[0] = sentence[0].capitalize()
        out.extend(sentence)
        out[-1] += "."
    return " ".join(out)
