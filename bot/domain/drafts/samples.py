"""Realistic values per draft kind and language, typed the way a member in that language would type them.

Used by tests and `check` to render every draft, and usable as modal placeholders.
"""

from __future__ import annotations

_COMMON: dict[str, dict[str, str]] = {
    "en": {
        "client_name": "Daniel",
        "project": "Northwind website redesign",
        "invoice_number": "INV-2026-041",
        "currency": "EUR",
    },
    "ar": {
        "client_name": "الأستاذ سامر",
        "project": "متجر الورد الإلكتروني",
        "invoice_number": "INV-2026-041",
        "currency": "USD",
    },
    "fi": {
        "client_name": "Mikko",
        "project": "Verkkokaupan uudistus",
        "invoice_number": "2026-041",
        "currency": "EUR",
    },
    "ru": {
        "client_name": "Ирина",
        "project": "Редизайн интернет-магазина",
        "invoice_number": "41",
        "currency": "EUR",
    },
}

_BY_KIND: dict[str, dict[str, dict[str, str]]] = {
    "payment_reminder": {
        "en": {"amount": "1,200", "due_date": "Dec 1, 2026"},
        "ar": {"amount": "١٢٠٠", "due_date": "1/12/2026"},
        "fi": {"amount": "1 200", "due_date": "1.12.2026"},
        "ru": {"amount": "1 200", "due_date": "01.12.2026"},
    },
    "deposit_condition": {
        "en": {"unpaid_items": "3", "deposit_percent": "50"},
        "ar": {"unpaid_items": "3", "deposit_percent": "50"},
        "fi": {"unpaid_items": "3", "deposit_percent": "50"},
        "ru": {"unpaid_items": "3", "deposit_percent": "50"},
    },
    "deposit_terms": {
        "en": {"project": "Website redesign", "deposit_percent": "30"},
        "ar": {"project": "تصميم متجر إلكتروني", "deposit_percent": "30"},
        "fi": {"project": "Verkkosivujen uudistus", "deposit_percent": "30"},
        "ru": {"project": "Редизайн сайта", "deposit_percent": "30"},
    },
    "revision_note": {
        "en": {
            "changes": "Shortened the headline to eight words so it reads at a glance on phones\n"
            "Moved the price table above the testimonials, where visitors look for it first",
            "kept": "The dark blue palette: it follows your brand guide\n"
            "The button for the main call to action: it stands out more than a text link",
        },
        "ar": {
            "changes": "اختصرت العنوان الرئيسي إلى ثماني كلمات ليُقرأ بلمحة على شاشة الهاتف\n"
            "نقلت جدول الأسعار فوق آراء العملاء، لأنه أول ما يبحث عنه الزائر",
            "kept": "اللون الأزرق الداكن: فهو جزء من هويتكم البصرية\n"
            "زر الدعوة إلى الشراء: لأنه أوضح للزائر من الرابط النصي",
        },
        "fi": {
            "changes": "Lyhensin pääotsikon kahdeksaan sanaan, jotta sen hahmottaa puhelimella yhdellä silmäyksellä\n"
            "Siirsin hinnaston asiakaskokemusten yläpuolelle, koska kävijät etsivät sitä ensimmäisenä",
            "kept": "Tummansininen väritys, koska se noudattaa brändiohjeistustanne\n"
            "Ostopainike tekstilinkin sijaan, koska painike erottuu sivulta paremmin",
        },
        "ru": {
            "changes": "Заголовок сокращён до восьми слов, чтобы его было легко прочитать с телефона\n"
            "Таблица цен перенесена выше отзывов: посетители ищут её в первую очередь",
            "kept": "Тёмно-синяя палитра — она соответствует вашему брендбуку\n"
            "Кнопка «Купить» вместо текстовой ссылки — кнопка заметнее",
        },
    },
    "revision_limit": {
        "en": {"revisions_included": "2", "extra_price": "150"},
        "ar": {"revisions_included": "2", "extra_price": "150"},
        "fi": {"revisions_included": "2", "extra_price": "150"},
        "ru": {"revisions_included": "2", "extra_price": "150"},
    },
    "change_order": {
        "en": {
            "new_scope": "A second landing page for the autumn campaign\nThree extra banner sizes for social media",
            "extra_price": "600",
            "extra_days": "5",
        },
        "ar": {
            "new_scope": "صفحة هبوط ثانية لحملة الخريف\nثلاثة مقاسات إضافية للإعلانات على مواقع التواصل",
            "extra_price": "600",
            "extra_days": "5",
        },
        "fi": {
            "new_scope": "Toinen laskeutumissivu syyskampanjaa varten\nKolme lisäkokoa somemainoksiin",
            "extra_price": "600",
            "extra_days": "5",
        },
        "ru": {
            "new_scope": "Второй лендинг для осенней кампании\nТри дополнительных размера баннеров для соцсетей",
            "extra_price": "600",
            "extra_days": "5",
        },
    },
    "working_hours": {
        "en": {"working_hours": "Monday to Friday, 9:00–17:00 CET", "response_hours": "24", "channel": "e-mail"},
        "ar": {
            "working_hours": "من الأحد إلى الخميس، من 9:00 إلى 17:00 بتوقيت الرياض",
            "response_hours": "24",
            "channel": "البريد الإلكتروني",
        },
        "fi": {"working_hours": "ma–pe klo 9–17", "response_hours": "24", "channel": "sähköposti"},
        "ru": {
            "working_hours": "пн–пт, с 10:00 до 19:00 по Москве",
            "response_hours": "24",
            "channel": "электронная почта",
        },
    },
    "call_summary": {
        "en": {
            "call_date": "2026-11-20",
            "agreed": "The launch moves to 15 January\nYou send the final product photos by 5 December\n"
            "Two review rounds before launch",
            "next_steps": "I share the first homepage draft by 1 December\nYou confirm the menu structure",
        },
        "ar": {
            "call_date": "20/11/2026",
            "agreed": "تأجيل موعد الإطلاق إلى 15 يناير\nترسلون الصور النهائية للمنتجات قبل 5 ديسمبر\n"
            "جولتا مراجعة قبل الإطلاق",
            "next_steps": "أرسل المسودة الأولى للصفحة الرئيسية قبل 1 ديسمبر\nتؤكدون هيكل القوائم",
        },
        "fi": {
            "call_date": "20.11.2026",
            "agreed": "Julkaisu siirtyy 15. tammikuuta\nToimitat lopulliset tuotekuvat 5.12. mennessä\n"
            "Kaksi tarkistuskierrosta ennen julkaisua",
            "next_steps": "Lähetän etusivun ensimmäisen version 1.12. mennessä\nVahvistat valikkorakenteen",
        },
        "ru": {
            "call_date": "20.11.2026",
            "agreed": "Запуск переносится на 15 января\nВы присылаете финальные фото товаров до 5 декабря\n"
            "Перед запуском — два раунда согласования",
            "next_steps": "Я присылаю первый вариант главной страницы до 1 декабря\nВы подтверждаете структуру меню",
        },
    },
    "contract_request": {
        "en": {"start_date": "7 Dec 2026"},
        "ar": {"start_date": "7 ديسمبر 2026"},
        "fi": {"start_date": "7.12.2026"},
        "ru": {"start_date": "07.12.2026"},
    },
    "deflection": {
        "en": {"next_topic": "the homepage wireframe"},
        "ar": {"next_topic": "المخطط الأولي للصفحة الرئيسية"},
        "fi": {"next_topic": "etusivun rautalankamalli"},
        "ru": {"next_topic": "прототип главной страницы"},
    },
    "end_engagement": {
        "en": {
            "last_day": "2026-12-15",
            "handover": "All source files in the shared folder\nThe hosting login details\nA short list of open tasks",
        },
        "ar": {
            "last_day": "15/12/2026",
            "handover": "جميع الملفات المصدرية في المجلد المشترك\nبيانات الدخول إلى الاستضافة\n"
            "قائمة موجزة بالمهام المفتوحة",
        },
        "fi": {
            "last_day": "15.12.2026",
            "handover": "Kaikki lähdetiedostot jaetussa kansiossa\nPalvelimen kirjautumistiedot\n"
            "Lyhyt lista avoimista tehtävistä",
        },
        "ru": {
            "last_day": "15.12.2026",
            "handover": "Все исходные файлы в общей папке\nДоступы к хостингу\nКраткий список открытых задач",
        },
    },
}


def sample_values(kind: str, lang: str) -> dict[str, str]:
    """Sample values for every field of `kind` in `lang` (only the fields the kind has)."""
    from parley.domain.drafts.specs import DRAFT_SPECS  # local: specs is tiny, this keeps the module order simple

    merged = {**_COMMON[lang], **_BY_KIND[kind][lang]}
    return {field.id: merged[field.id] for field in DRAFT_SPECS[kind].fields}
