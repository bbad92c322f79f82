"""The signs of a risky prospect a member states outright, per /redflags flag, in en/ar/fi/ru.

Triage answers "what kind of client is this"; a red flag is narrower: one stated fact ("refuses to sign any
contract", «предоплату давать не хочет», «وما عنده أي تقييمات»). Each flag has its own patterns, and the words
quoted as the reason are exactly the span a pattern matched, so a reason never quotes words that don't signal its
flag. Patterns run over a normalised copy of the text (lowercase, one form of alef/taa marbuta/alef maqsura, no
tashkeel) and the quote is cut from the member's original text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

MAX_QUOTES = 3  # per flag: the first few places the member said it
MAX_QUOTE_CHARS = 80

_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})
_DROP = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")  # tashkeel and tatweel
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})

# Pieces shared by several patterns. In Arabic, a clitic (و ف ب ل) may be glued to the first word.
_W = r"(?:\S+\s+)"  # one word and the space after it
_AR_WANTS_NOT = (
    r"(?:يرفض|رافض|رفض|ما ?يبي|ما ?يبغي|ما ?يبا|مش عايز|مش عاوز|مش حابب|ما بد[وه]|ما بدو|لا يريد|ما يريد|ما يرضي"
    r"|مش راضي|مو راضي|ما يقبل|مش قابل)"
)
_EN_REFUSES = (
    r"(?:refus\w*|won'?t|will not|wouldn'?t|doesn'?t want|does not want|didn'?t want|did not want|not willing"
    r"|unwilling|never wants)"
)
_RU_REFUSES = (
    r"(?:отказ\w*|не\s+(?:хоч\w*|хотел\w*|желает|буд\w*|собира\w*|соглаш\w*|соглас\w*|готов\w*|дае\w*|да[её]т))"
)
_FI_REFUSES = r"(?:ei|eikä|en|eivät)\s+(?:suostu\w*|halu\w*|aio|aiko\w*|tahdo|suostunu\w*|halunnu\w*|suostunut)"

_CUES: dict[str, tuple[str, ...]] = {
    "no_contract": (
        # en
        rf"\b{_EN_REFUSES}\s+(?:to\s+)?(?:sign\w*|do|put)\s+(?:\w+\s+){{0,2}}?(?:contracts?|agreements?|paperwork|ndas?)\b",
        r"\brefus\w*\s+(?:a|any|the|our|my)\s+(?:written\s+)?(?:contract|agreement)s?\b",
        r"\bcontracts?\s+(?:are|is)\s+(?:only\s+|just\s+)?for\s+(?:[\w']+\s+){0,6}?(?:trust\w*|lawyers|amateurs)"
        r"(?:\s+each other)?",
        r"\b(?:no|without (?:a|any))\s+(?:need (?:for|of)\s+(?:a\s+|any\s+)?)?(?:written\s+)?"
        r"(?:contract|paperwork)s?\b",
        r"\b(?:handshake|verbal|gentleman'?s)\s+(?:deal|agreement)\b",
        # ru
        rf"{_RU_REFUSES}\s+(?:\w+\s+){{0,2}}?(?:подпис\w*|заключ\w*)\s+(?:\w+\s+)?(?:договор|контракт|соглашени)\w*",
        rf"(?:договор|контракт)\w*\s+(?:\w+\s+)?(?:не нуж\w*|подписывать не\s+\w+|{_RU_REFUSES})",
        r"без\s+(?:всякого\s+|какого-либо\s+|никакого\s+|каких-либо\s+)?(?:договора|контракта|договоров|бумаг)",
        r"никаких\s+(?:договоров|контрактов|бумаг)",
        r"(?:договор|контракт)\w*\s*(?:[—–-]\s*)?(?:это\s+)?(?:для тех|для людей|для)\s+[^.!?\n]{0,40}?довер\w*",
        # fi
        rf"\b{_FI_REFUSES}\s+(?:\w+\s+){{0,2}}?sopimu\w*",
        r"\beikä\s+(?:suostu\w*\s+|halua\w*\s+)?allekirjoit\w*\s+(?:\w+\s+)?sopimu\w*",
        r"\bsopimu\w*\s+(?:\w+\s+)?(?:ei\s+(?:tarvita|tarvi\w*|allekirjoiteta)|turh\w*|on\s+(?:vain\s+)?niille|ovat\s+(?:vain\s+)?niille)",
        r"\bilman\s+(?:mitään\s+|kirjallista\s+)?sopimust\w*",
        r"\bsopimu\w*\s+(?:on|ovat)\s+(?:\w+\s+){0,4}?(?:luota|luottamus)\w*",
        # ar
        rf"{_AR_WANTS_NOT}\s+{_W}{{0,2}}?(?:[وبل]?عقد|[وبل]?العقد|عقود|العقود|اتفاقي[هة] مكتوب[هة])",
        r"(?:بدون|بلا|من غير|دون)\s+(?:اي\s+)?(?:عقد|عقود|اوراق)",
        r"(?:العقود|العقد)\s+(?:\S+\s+){0,4}?(?:ما\s+(?:يثق|يثقون|تثق|بيثق)|مش\s+(?:واثق|بيثق)|الثقه|ثقه)\w*",
        r"(?:لا داعي|ما في داعي|مافي داعي|مالوش لزمه|ما له داعي|ما يحتاج|مش محتاج)\s+(?:\S+\s+)?(?:ل?لعقد|عقد|لعقود)",
    ),
    "no_upfront": (
        # en
        rf"\b(?:{_EN_REFUSES}|doesn'?t|does not|didn'?t|never)\s+(?:to\s+)?(?:pay|put down|give|send|do)\s+"
        r"(?:\w+\s+){0,3}?(?:up ?front|in advance|(?:a\s+)?deposit|advance|before (?:delivery|he sees it|seeing))",
        r"\bno\s+(?:deposit|up-?front(?: payment)?|advance(?: payment)?|down ?payment)s?\b",
        r"\bnothing\s+(?:up ?front|in advance)\b",
        r"\bpay\w*\s+(?:only\s+)?(?:after|on|upon)\s+(?:delivery|completion)\b",
        # ru
        rf"(?:предоплат|аванс)\w*\s+(?:\w+\s+){{0,2}}?{_RU_REFUSES}",
        rf"{_RU_REFUSES}\s+(?:\w+\s+){{0,3}}?(?:предоплат|аванс)\w*",
        r"без\s+(?:всякой\s+|какой-либо\s+|никакой\s+)?(?:предоплаты|аванса)",
        r"(?:оплат\w*|плат\w*|заплат\w*)\s+(?:\w+\s+)?(?:только\s+)?(?:после сдачи|по факту|по сдаче|по результату)",
        # fi
        rf"\b{_FI_REFUSES}\s+(?:\w+\s+){{0,2}}?(?:ennakko\w*|etukäteen|etukäteis\w*|käsiraha\w*)",
        r"\bennakko\w*\s+(?:\w+\s+)?(?:ei\s+(?:käy|tule|onnistu|makseta)\w*)",
        r"\bmaksa\w*\s+(?:\w+\s+)?vasta\s+(?:kun|valmiista|lopuksi|jälkikäteen|toimituksen)\w*",
        r"\bilman\s+ennakko\w*",
        # ar
        rf"{_AR_WANTS_NOT}\s+{_W}{{0,2}}?(?:مقدم|مقدما|عربون|العربون|دفعه مقدمه|الدفعه المقدمه|المقدم)",
        r"(?:بدون|بلا|من غير|دون)\s+(?:اي\s+)?(?:مقدم|عربون|دفعه مقدمه)",
        r"(?:ما|مش|لن|لا)\s+(?:\S+\s+)?(?:يدفع|هيدفع|راح يدفع|بيدفع|يحول)\s+(?:\S+\s+){0,2}?(?:قبل|الا بعد|غير بعد)\s+"
        r"(?:\S+\s+)?(?:التسليم|ما يستلم|ما يشوف|الانتهاء|ما يخلص)",
    ),
    "no_history": (
        r"\b(?:no|zero|0|without any)\s+(?:\w+\s+)?(?:reviews?|ratings?|feedback|history|track record|previous hires"
        r"|hires)\b",
        r"\b(?:brand[- ]new|empty|fresh)\s+(?:account|profile)\b",
        r"\b(?:payment (?:method )?(?:not|isn'?t|is not) verified|unverified payment)\b",
        r"(?:нет|ни одного|без|ноль|0)\s+(?:\w+\s+)?(?:отзыв|рейтинг|истори|оценок)\w*",
        r"(?:новый|свежий|пустой|свежезарегистрированный)\s+(?:аккаунт|профиль)\w*",
        # The value after the noun, as it is often typed: «отзывов ноль», «аккаунт новый», «отзывов у него нет».
        r"(?:отзыв|оценок|рейтинг)\w*\s+(?:\w+\s+){0,2}?(?:ноль|нет|ни одного|0)\b",
        r"(?:аккаунт|профиль)\w*\s+(?:\w+\s+)?(?:новый|свежий|пустой|только создан\w*|создан\w* (?:вчера|недавно))",
        r"\b(?:ei|eikä|ei ole|ei oo|ei yhtään|ilman|nolla|0)\s+(?:\w+\s+)?(?:arvio|arvostel|palaute|palautet|historia"
        r"|suosittel)\w*",
        r"\b(?:uusi|tyhjä|tuore)\s+(?:tili|profiili)\w*",
        r"\b(?:tili|profiili)\w*\s+(?:on\s+)?(?:ihan\s+|aivan\s+|täysin\s+)?(?:uusi|tyhjä|tuore|luotu eilen)\b",
        r"\b(?:arvio|arvostelu|palaut)\w*\s+(?:\w+\s+)?(?:nolla|ei yhtään|ei ole|ei oo)\b",
        r"(?:ما\s?عنده|ما\s?عندوش|معندوش|ما\s?له|ما\s?لهوش|ليس لديه|لا يوجد|مفيش|ما في|مافي|ما فيه|ما عليه|بدون"
        r"|بلا|صفر)\s+"
        r"(?:اي\s+|ولا\s+)?(?:تقييم|مراجع|تعليق|سجل|تاريخ|ريفيو)\w*",
        r"(?:حساب|بروفايل)\s+(?:جديد|فاضي|فاضى)",
    ),
    "unresponsive": (
        r"\b(?:doesn'?t|does not|didn'?t|did not|never|won'?t|rarely|barely|hardly)\s+(?:\w+\s+)?"
        r"(?:answers?|repl(?:y|ies)|responds?|gets back)\b",
        r"\b(?:ghost(?:s|ed|ing)?(?: me)?|le(?:ft|aves) me on read|radio silence|no (?:reply|answer|response))\b",
        r"\btakes?\s+(?:days|weeks|\d+ days)\s+to\s+(?:answer|reply|respond)\b",
        r"не\s+(?:\w+\s+)?(?:отвеча\w*|ответил\w*|перезван\w*|выходит на связь|выходил на связь)",
        r"(?:игнорит|игнорирует|пропал\w*|в игноре|молчит)",
        r"\b(?:ei|eikä)\s+(?:\w+\s+)?(?:vastaa|vastannut|vastannu|vastaile|soita takaisin)\w*",
        r"\b(?:ghostaa|ghostas\w*|ghostannu\w*|katosi|katos)\b",
        r"(?:ما|مش|لا|ولا)\s+(?:\S+\s+)?(?:يرد|يردش|بيرد|يجاوب|يرد علي)",
        r"(?:اختفي|مختفي|طنشني|يطنش|يطنشني|عامل سين)",
    ),
    "too_good": (
        r"\btoo good to be true\b",
        r"\b(?:way|far|much)\s+(?:above|over)\s+(?:the\s+)?(?:market|my rate|going rate)\b",
        r"слишком\s+хорош\w*",
        r"подозрительно\s+(?:много|высок\w*|щедр\w*|хорош\w*)",
        r"\bliian\s+hyvä\w*\s+ollakseen\s+totta\b",
        r"\bepäilyttävän\s+(?:hyvä|korkea|iso|paljon)\w*",
        r"(?:احلي من ان يكون|اجمل من ان يكون|احسن من ان يكون)\s+\S+",
        r"(?:عرض|سعر)\s+(?:خيالي|مغري بزياده|مش طبيعي)",
    ),
    "lowest_price": (
        # Free test work is the same sign: wanting the work for nothing.
        r"\b(?:free|unpaid)\s+(?:\w+\s+)?(?:test (?:task|project|work|piece)|trial (?:task|project|work)|test|trial"
        r"|samples?|mock-?ups?|spec work|pilot)\b",
        r"\b(?:test|trial|sample)\s+(?:task\s+|project\s+|piece\s+)?(?:for free|unpaid|at no cost|free of charge)\b",
        r"\b(?:for|do it for|work for)\s+(?:free|exposure|nothing)\b",
        r"\b(?:cheaper\s+(?:freelancers?|guy|person|option|elsewhere|on fiverr)|someone\s+(?:else\s+)?cheaper)\b",
        r"\b(?:lowest|cheapest)\s+(?:price|bid|rate|quote)\b|\bhalf\s+(?:the|your|my)\s+(?:price|rate)\b",
        r"бесплатн\w*\s+(?:\w+\s+)?(?:тест\w*|пробн\w*|образ\w*|задани\w*)",
        r"(?:тестов\w*|пробн\w*)\s+(?:задани\w*|работ\w*)\s+(?:\w+\s+)?(?:бесплатно|без оплаты|за бесплатно)",
        r"(?:за\s+(?:бесплатно|портфолио|отзыв|спасибо|копейки)|подешевле|дешевле)",
        r"\bilmai\w*\s+(?:\w+\s+)?(?:testi\w*|koe\w*|näyte\w*|luonnos\w*|työ\w*)",
        r"\b(?:testi|koe)\w*\s+(?:\w+\s+)?(?:ilmaiseksi|ilman palkkaa|palkatta)",
        r"\b(?:halvempi\w*|halvemmalla|halvemman|tinki\w*|tinkaa|tinkas\w*)",
        r"(?:تجربه|تيست|اختبار|عينه|نموذج|شغله|شغل|مهمه)\s+(?:\S+\s+)?(?:مجاني\w*|مجانا|ببلاش|بدون مقابل|بلاش)",
        r"(?:ببلاش|مجانا|بدون مقابل)",
        r"(?:ارخص|اقل سعر|ينزل السعر|ينزل من السعر|اقل من نص)",
    ),
    "talks_down": (
        # Badmouthing the freelancers before you is talking down to the trade, and you are next.
        r"\b(?:previous|last|other|old|former|past)\s+(?:\w+\s+)?(?:freelancers?|designers?|developers?|devs|writers?"
        r"|translators?|agenc(?:y|ies))\s+(?:\w+\s+){0,4}?(?:were|was|are)\s+(?:all\s+)?(?:\w+\s+)?(?:useless|idiots?"
        r"|incompetent|terrible|awful|garbage|trash|clowns|frauds?|scammers?|lazy|stupid|morons?|amateurs?|hopeless)\b",
        r"\b(?:fired|burned through|gone through|went through)\s+(?:\w+\s+)?"
        r"(?:\d+|two|three|four|five|six|several|many)\s+(?:freelancers|designers|developers|devs|writers|translators)\b",
        r"\b(?:talks?|talked|talking|speaks?|spoke)\s+down\b|\bcondescending\b",
        r"(?:прошл|предыдущ|прежн|бывш|остальн|други)\w*\s+(?:\w+\s+)?(?:фрилансер|дизайнер|разработчик|исполнител"
        r"|программист|копирайтер|переводчик)\w*\s+(?:\w+\s+){0,4}?(?:идиот|бездар|криворук|туп|дебил|халтурщик"
        r"|никчемн|безрук|клоун|мошенник|ленив|ужасн)\w*",
        r"(?:свысока|снисходительн\w*)",
        r"\b(?:edelli|aiemm|entis|muut|toiset)\w*\s+(?:\w+\s+)?(?:freelancer|suunnittelij|koodar|kehittäj|kääntäj"
        r"|tekij|graafik)\w*\s+(?:\w+\s+){0,3}?(?:idioot|surke|kelvottom|kelvoton|huono|amatöör|tunare|taitamat"
        r"|laisk|pask|ääliö)\w*",
        r"\b(?:alentuva\w*|vähättel\w*|ylhäältä päin)",
        r"(?:اللي قبلي|الي قبلي|اللي قبل مني|السابقين|كل اللي اشتغلوا معه|كل الي اشتغلوا معه)\s+(?:\S+\s+){0,4}?"
        r"(?:فاشلين|فاشل|اغبيا|اغبياء|حمير|نصابين|ما يفهمون|مش فاهمين|ما يفهموش|كسالي|زباله)",
        r"(?:يتكلم\s+(?:معي|معايا)\s+من فوق|يستهزي|يستهزئ|يحتقر|يتعالي)",
    ),
    "any_hour": (
        r"\b(?:any|all)\s+hours\b|\b24/7\b|\baround the clock\b|\bat any time\b",
        r"\b(?:calls?|texts?|messages?|emails?|pings?|rings?)\s+(?:me\s+)?(?:at\s+(?:night|midnight|[1-5]\s?am)"
        r"|in the middle of the night|on (?:weekends|sundays|holidays))\b",
        r"в\s+любое\s+время|круглосуточно",
        r"(?:звон|пиш|написыва)\w*\s+(?:\w+\s+){0,3}?(?:ночью|по ночам|ночи|в выходные|по выходным)",
        r"\b(?:mihin aikaan tahansa|ympäri vuorokauden|kellon ympäri)\b",
        r"\b(?:soittaa|soitti|viestittää|laittaa viestiä)\s+(?:\w+\s+)?(?:yöllä|öisin|viikonloppuisin|keskellä yötä)\b",
        r"(?:في اي وقت|اي وقت|علي مدار الساعه|24/7|نص الليل|نصاص الليالي|اخر الليل)",
    ),
    "rush": (
        r"\b(?:unrealistic|impossible|insane|crazy|ridiculous|absurd)\s+(?:deadlines?|timelines?|time ?frames?"
        r"|turnaround)\b",
        r"\b(?:deadlines?|timelines?|time ?frames?)\s+(?:is|are|was|were)\s+(?:\w+\s+)?(?:unrealistic|impossible"
        r"|insane|crazy|ridiculous|absurd)\b",
        r"\b(?:whole|entire|full|complete)\s+(?:\w+\s+){0,2}?(?:in|by|within)\s+(?:a|one|two|three|\d+)\s+"
        r"(?:days?|hours?|nights?|weekend)\b",
        r"\b(?:pressur\w+ me|rush(?:ing|es|ed)? me|decide (?:now|today|right now|on the spot)|only (?:valid|good) "
        r"(?:until|till) (?:today|tonight)|needed it yesterday)\b",
        r"(?:нереальн|невыполним|безумн|нереалистичн|сумасшедш)\w*\s+(?:срок|дедлайн)\w*",
        r"(?:срок|дедлайн)\w*\s+(?:\w+\s+)?(?:нереальн|невыполним|безумн|нереалистичн|сумасшедш)\w*",
        r"(?:давит|торопит|подгоняет|прессует|нужно было вчера|надо было вчера)",
        r"\b(?:mahdoton|mahdottom|epärealisti\w*|älytön|älyttöm|hullu)\w*\s+(?:aikataulu|deadline|määräaika|takaraja)\w*",
        r"\b(?:aikataulu|deadline|määräaika|takaraja)\w*\s+(?:\w+\s+){0,2}?(?:mahdoton|epärealistinen|älytön"
        r"|hullu|täysin mahdoton)\b",
        r"\b(?:painosta\w*|painostus\w*|hoputta\w*|hoputti|patista\w*)",
        r"(?:موعد|ديدلاين|مهله|وقت)\s+(?:\S+\s+)?(?:مستحيل|خيالي|غير واقعي|مجنون)\w*",
        r"(?:يضغط علي|بيضغط علي|يستعجلني|بيستعجلني|يضغط عليا)",
    ),
    "off_platform": (
        r"\b(?:off|outside|away from|around)\s+(?:the\s+)?(?:platform|upwork|fiverr|freelancer\.com|site)\b",
        r"\b(?:move|take|continue|talk|switch|chat)\w*\s+(?:\w+\s+){0,2}?(?:to|on|via|over)\s+(?:whatsapp|telegram"
        r"|signal|skype|private email|personal email)\b",
        r"\b(?:avoid|skip|dodge|save on)\s+(?:the\s+)?(?:platform\s+|upwork\s+|fiverr\s+)?(?:fees?|commission)\b",
        r"\bpay\s+(?:me\s+|you\s+)?directly\b",
        r"(?:вне|мимо|в обход)\s+(?:\w+\s+)?(?:биржи|площадки|платформы|сервиса|безопасной сделки|кворка)",
        r"(?:перейти|уйти|общаться|продолжить|перейд[её]м|перенести)\s+(?:\w+\s+)?(?:в|на)\s+(?:телег\w*|телеграм\w*"
        r"|вотсап|ватсап|whatsapp|telegram|личку|лс)",
        r"(?:напрямую|без комиссии|минуя биржу)",
        r"\b(?:alustan|palvelun|upworkin|fiverrin|sivuston)\s+(?:ulkopuolel\w*|ohi)",
        r"\b(?:siirry\w*|siirtyä|jatka\w*|puhu\w*)\s+(?:\w+\s+)?(?:whatsapp\w*|telegram\w*|signali\w*)",
        r"\b(?:maksa\w*\s+suoraan|ilman välityspalkkiota|välityspalkkio\w* ohi)",
        r"(?:برا|بره|خارج)\s+(?:ال)?(?:منصه|موقع|مستقل|خمسات|upwork|fiverr)",
        r"(?:نكمل|نتواصل|نتكلم|ننتقل|نشتغل|كلمني|راسلني|نحول)\s+(?:\S+\s+)?(?:علي|ع|عبر|في)\s+(?:ال)?(?:واتس\w*|تليجرام"
        r"|تلغرام|تيليجرام|الخاص)",
        r"(?:عشان|علشان|لتجنب|نتجنب|نوفر)\s+(?:\S+\s+)?(?:العموله|عموله|الرسوم|رسوم)",
    ),
}

CUES: Mapping[str, tuple[re.Pattern[str], ...]] = {
    flag: tuple(re.compile(p, re.IGNORECASE) for p in patterns) for flag, patterns in _CUES.items()
}


def _normalise(text: str) -> tuple[str, list[int]]:
    """A matching copy of the text and, per character of it, the offset of the character in the original."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if _DROP.match(ch):
            continue
        folded = ch.translate(_AR_FOLD).translate(_APOSTROPHES).lower()
        for c in folded:
            chars.append(c)
            where.append(i)
    where.append(len(text))
    return "".join(chars), where


def flags_in_words(text: str | None) -> dict[str, tuple[str, ...]]:
    """Per flag the member's words state, the words that state it (as typed), first occurrence first."""
    if not text or not text.strip():
        return {}
    norm, where = _normalise(text)
    found: dict[str, tuple[str, ...]] = {}
    for flag, patterns in CUES.items():
        spans = sorted({(m.start(), m.end()) for p in patterns for m in p.finditer(norm) if m.end() > m.start()})
        quotes: list[str] = []
        last_end = -1
        for start, end in spans:
            if start < last_end:
                continue  # overlapping matches of one flag: the first says it
            last_end = end
            quote = text[where[start] : where[end - 1] + 1].strip()
            if len(quote) > MAX_QUOTE_CHARS:
                quote = quote[: MAX_QUOTE_CHARS - 1].rstrip() + "…"
            if quote and quote not in quotes:
                quotes.append(quote)
        if quotes:
            found[flag] = tuple(quotes[:MAX_QUOTES])
    return found
