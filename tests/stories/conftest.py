"""Helpers for the story scenarios: set the server up, share in any language, run the periodic work, scan payloads."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

NO_PINGS = {"parse": []}


@dataclass(frozen=True)
class Form:
    """The story form's labels in one language (what a member sees in the modal)."""

    archetype: str
    story: str
    title: str
    confirm: str
    edit: str
    cancel: str


FORMS = {
    "en": Form("Type of client", "Your story", "Title (optional)", "Confirm and send", "Edit", "Cancel"),
    "fi": Form("Asiakastyyppi", "Tarinasi", "Otsikko (valinnainen)", "Vahvista ja lähetä", "Muokkaa", "Peru"),
    "ru": Form(
        "Тип заказчика", "Ваша история", "Заголовок (необязательно)", "Подтвердить и отправить", "Изменить", "Отмена"
    ),
    "ar": Form("نوع العميل", "قصتك", "العنوان (اختياري)", "تأكيد وإرسال", "تعديل", "إلغاء"),
}


async def set_up(s: Any, **extra: Any) -> None:
    """The admin points Parley at #stories and #mod-queue, with the Moderators role."""
    await s.command(
        "owner", "setup", stories_channel="#stories", queue_channel="#mod-queue", moderator_role="@Moderators", **extra
    )


async def speak_arabic(s: Any, member: str) -> None:
    """Arabic is reachable only through a stored choice: the member picks it with /language."""
    await s.command(member, "language")
    await s.select(member, ["العربية"])


async def share(
    s: Any, member: str, text: str, *, lang: str = "en", archetype: str = "non_payer", title: str | None = None
) -> Any:
    """Open /story share and submit the form; returns the step with the private preview."""
    form = FORMS[lang]
    await s.command(member, "story share")
    fields = {form.archetype: archetype, form.story: text}
    if title is not None:
        fields[form.title] = title
    return await s.submit(member, fields)


async def share_and_confirm(s: Any, member: str, text: str, *, lang: str = "en", **kwargs: Any) -> Any:
    """Share and confirm; returns the confirmation step."""
    await share(s, member, text, lang=lang, **kwargs)
    return await s.click(member, FORMS[lang].confirm)


def services(s: Any) -> Any:
    """The running bot's services."""
    return s.bot.parley_services


async def run_due(s: Any, hours: float = 0) -> Any:
    """Let time pass (the fake Discord's clock and Parley's), then run the periodic work once and report it.

    The clocks are moved directly rather than with `s.advance`, so the bot's own reaction to a clock jump (if the
    runner wires one) cannot do the work first and leave this call's report empty.
    """
    if hours:
        s.fake.clock.advance(hours * 3600)
        services(s).clock.advance(hours=hours)
    cog = s.bot.get_cog("Moderation")
    return await cog.run_due_work(services(s).clock.now())


def payload_text(s: Any) -> str:
    """Every request the bot made so far (paths, queries and bodies) as one searchable string."""
    return "\n".join(
        json.dumps([r.method, r.path, r.query, r.body], ensure_ascii=False, default=str) for r in s.fake.requests
    )


def author_traces(s: Any, member: str) -> list[str]:
    """What would identify a member in a payload: their id, name, display name and keyed hash."""
    m = s.fake.member(member)
    guild_id = s.fake.guild.id
    traces = {str(m.user.id), m.user.username, services(s).identity.member_key(guild_id, m.user.id)}
    nick = getattr(m, "nick", None)
    if nick:
        traces.add(nick)
    return sorted(traces)


def assert_no_pings(s: Any) -> None:
    """No spec violation, every message sent with allowed_mentions none, nobody notified."""
    assert s.violations == []
    for step in s.steps:
        for visible in step.visible:
            if visible.modal is None:
                assert visible.allowed_mentions in (None, NO_PINGS), (step.action, visible.allowed_mentions)
                assert visible.pings == (), (step.action, visible.pings)
    for request in s.fake.requests:
        body = request.body if isinstance(request.body, dict) else {}
        data = body.get("data") if isinstance(body.get("data"), dict) else body
        if isinstance(data, dict) and ("content" in data or "components" in data) and "custom_id" not in data:
            assert data.get("allowed_mentions") == NO_PINGS, (request.method, request.path)
