"""/stats: k-anonymous aggregates drawn as a PNG in the member's language (Arabic shaped, right to left)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont, features

from parley.domain import stats as domain
from parley.domain.stats import OTHER
from tests.stories.conftest import services, set_up, speak_arabic

NOW = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)  # the fake clock's start
PNG = b"\x89PNG\r\n\x1a\n"


def test_months_end_with_the_current_one():
    assert domain.months_until(NOW) == ("2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01")


def test_small_cells_are_suppressed_or_marked_never_shown():
    months = ("2025-12", "2026-01")
    built = domain.build(
        months,
        [
            ("2026-01", "non_payer", 9),
            ("2026-01", "creep", 2),  # drawn (December reaches k), but 2 in January: left out
            ("2025-12", "creep", 6),
            ("2026-01", "abusive", 2),  # never k in a month: these go to "other", 5 in January
            ("2026-01", "ghost", 2),
            ("2026-01", "indecisive", 1),
            ("2025-12", "micromanager", 3),  # "other" in December: 3, below k, left out
        ],
        [("general.contract", 7), ("general.deposit", 4)],
        {"stories_shared": {"2026-01": 5, "2025-12": 4}, "tips_published": {"2026-01": 12}},
    )
    jan = {c.label: c.n for c in built.client_types["2026-01"]}
    dec = {c.label: c.n for c in built.client_types["2025-12"]}
    assert built.types == ("non_payer", "creep", OTHER)
    assert jan == {"non_payer": 9, "creep": 0, OTHER: 5} and dec == {"non_payer": 0, "creep": 6, OTHER: 0}
    assert built.suppressed == 2  # creep in January, "other" in December
    assert [(c.label, c.n) for c in built.worked] == [("general.contract", 7)]
    assert [c.n for c in built.totals["stories_shared"]] == [None, 5]  # 4 is "fewer than 5"
    assert [c.n for c in built.totals["tips_published"]] == [None, 12]
    assert not built.empty
    assert domain.build(months, [("2026-01", "creep", 4)], [("x", 3)], {"tips_shared": {"2026-01": 2}}).empty


def test_queue_health_in_hours():
    waiting = [NOW - dt.timedelta(hours=h) for h in (2, 10, 30)]
    health = domain.queue_health(waiting, [1.0, 3.0], NOW)
    assert (health.waiting, health.median_wait_h, health.longest_wait_h, health.median_decision_h) == (3, 10, 30, 2)


# ------------------------------------------------------------------------------------------------ the drawing


def font(size: int = 40, *, basic: bool = False) -> Any:
    from parley.cogs.stats.chart import FONT_FILE
    from parley.resources import package_dir

    engine = ImageFont.Layout.BASIC if basic else ImageFont.Layout.RAQM
    return ImageFont.truetype(str(package_dir("parley.cogs.stats") / FONT_FILE), size, layout_engine=engine)


def ink(text: str, face: Any) -> Image.Image:
    image = Image.new("L", (600, 80), 0)
    ImageDraw.Draw(image).text((10, 10), text, font=face, fill=255)
    return image


def test_pillow_shapes_arabic_with_libraqm():
    assert features.check("raqm"), "Pillow's wheel should bring libraqm (with the system's FriBiDi)"


@pytest.mark.parametrize("text", ["عميل لا يدفع", "Asiakas ei maksa", "Клиент не платит", "Client doesn't pay"])
def test_the_shipped_font_draws_every_language_without_tofu(text):
    face = font()
    tofu = ink("\U0010fffd", face).crop(ink("\U0010fffd", face).getbbox())  # the font's "missing glyph" box
    for char in {c for c in text if not c.isspace()}:
        glyph = ink(char, face)
        assert glyph.getbbox() is not None, char
        cropped = glyph.crop(glyph.getbbox())
        assert cropped.size != tofu.size or ImageChops.difference(cropped, tofu).getbbox(), f"{char!r} is tofu"


def test_arabic_is_joined_and_right_to_left():
    word = "يدفع"
    shaped, unshaped = ink(word, font()), ink(word, font(basic=True))
    # Shaping picks the joined forms and lays the word right to left: it looks nothing like the isolated letters
    # drawn left to right, and joined letters take less room.
    assert ImageChops.difference(shaped, unshaped).getbbox() is not None
    assert font().getlength(word) < font(basic=True).getlength(word)
    # The first letter (ي, initial form) is drawn on the right of the word.
    first = ink("ي", font()).getbbox()
    assert first is not None
    whole = shaped.getbbox()
    right_half = shaped.crop(((whole[0] + whole[2]) // 2, 0, whole[2], 80))
    assert right_half.getbbox() is not None


def sample_stats(*, health: bool) -> domain.CommunityStats:
    months = domain.months_until(NOW)
    rows = [(m, "non_payer", 5 + i) for i, m in enumerate(months)] + [(months[-1], "creep", 7)]
    return domain.build(
        months,
        rows,
        [("non_payer.invoice_terms", 6)],
        {"stories_shared": {m: 6 for m in months}, "tips_shared": {months[-1]: 2}},
        health=domain.queue_health([NOW - dt.timedelta(hours=5)], [2.0], NOW) if health else None,
    )


# ------------------------------------------------------------------------------------------------ end to end

EXPECTED = {
    "en": ("What this community learned", None),
    "fi": ("Mitä tämä yhteisö on oppinut", "fi"),
    "ru": ("Чему научилось это сообщество", "ru"),
    "ar": ("ما تعلّمه هذا المجتمع", "ar"),
}
MEMBER = {"en": "bob", "fi": "alice", "ru": "ivan", "ar": "layla"}


async def seed(s: Any) -> None:
    """Six months of counts: enough walkthroughs, stories and "it worked" votes to clear k in some cells."""
    db = services(s).db
    guild = s.fake.guild.id
    async with db.write() as tx:
        for i, month in enumerate(domain.months_until(NOW)):
            await tx.execute(
                "INSERT INTO community_monthly (guild_id, month, metric, item, n) VALUES (?, ?, 'client_type', ?, ?)",
                (guild, month, "non_payer", 5 + i),
            )
            await tx.execute(
                "INSERT INTO community_monthly (guild_id, month, metric, item, n) VALUES (?, ?, 'client_type', ?, ?)",
                (guild, month, "creep", 2),  # always below k: never drawn
            )
        await tx.execute(
            "INSERT INTO vote_tallies (guild_id, kind, item_id, value, n) VALUES (?, 'advice', ?, 'worked', 8)",
            (guild, services(s).knowledge.all_items()[0].id),
        )


def attached_png(step: Any) -> bytes:
    files = [f for r in step.requests for f in r.files if f.filename == "parley-stats.png"]
    assert len(files) == 1
    return files[0].data


@pytest.mark.parametrize("lang", list(EXPECTED))
async def test_stats_in_four_languages(parley, lang):
    s = parley
    await set_up(s)
    await seed(s)
    member = MEMBER[lang]
    if lang == "ar":
        await speak_arabic(s, member)
    step = await s.command(member, "stats")
    message = step.message
    title, _ = EXPECTED[lang]
    assert message.ephemeral and message.to == member and title in message.text
    assert message.attachments == ("parley-stats.png",)
    gallery = [c for c in message.raw["components"][0]["components"] if c["type"] == 12]
    assert gallery and gallery[0]["items"][0]["media"]["url"] == "attachment://parley-stats.png"
    data = attached_png(step)
    assert data.startswith(PNG) and 15_000 < len(data) < 400_000, len(data)
    image = Image.open(io.BytesIO(data))
    assert image.width == 960 and 900 < image.height < 1600
    assert "Queue health" not in message.text  # members don't see it
    # cached for the day: the same bytes, drawn once
    again = attached_png(await s.command(member, "stats"))
    assert again == data


async def test_moderators_also_see_queue_health(parley):
    s = parley
    await set_up(s)
    step = await s.command("mia", "stats")
    assert "**Queue health (moderators only)**" in step.message.text
    assert "Waiting now: 0 items" in step.message.text
    assert "There isn't enough yet to show" in step.message.text  # an empty server: nothing to draw but the frame


async def test_a_walkthrough_is_counted_once_for_its_month(parley):
    s = parley
    await set_up(s)
    await s.command("bob", "situation", step_by_step=True)
    await s.select("bob", ["not_paying"], index=0)
    await s.click("bob", "📬")
    await s.select("bob", ["none"], index=0)
    await s.click("bob", "🤔")
    card = s.last_message("bob")
    vote = next(b for b in card.buttons if b.custom_id and b.custom_id.startswith("parley:vote:advice:"))
    await s.click("bob", custom_id=vote.custom_id)  # the result card is drawn again
    await s.click("bob", "🔄")
    db = services(s).db
    rows = await db.fetchall("SELECT month, metric, item, n FROM community_monthly")
    assert [tuple(r) for r in rows] == [("2026-01", "client_type", "non_payer", 1)]


def test_the_chart_draws_in_every_language_and_mirrors_for_arabic():
    from parley.cogs.stats.chart import ChartText, render

    stats = sample_stats(health=True)
    words = ChartText(
        title="ما تعلّمه هذا المجتمع",
        subtitle="آخر ستة أشهر",
        types_title="أنواع العملاء",
        worked_title="ما نجح",
        totals_title="القصص والنصائح",
        health_title="صحة الطابور",
        months={m: m for m in stats.months},
        type_names={"non_payer": "لا يدفع", "creep": "متحرش", OTHER: "أخرى"},
        advice_names={"non_payer.invoice_terms": "شروط الفاتورة"},
        total_names={n: n for n in domain.TOTALS},
        fewer="أقل من 5",
        nothing="لا شيء بعد",
        suppressed_note=None,
        health_lines=("ينتظر الآن: 1",),
    )
    rtl = Image.open(io.BytesIO(render(stats, words, rtl=True))).convert("L")
    ltr = Image.open(io.BytesIO(render(stats, words, rtl=False))).convert("L")
    assert rtl.size == ltr.size
    # Right to left: the title starts at the right edge (its ink is in the right half), left to right at the left.
    band = (0, 20, 960, 60)
    rtl_title, ltr_title = rtl.crop(band).point(lambda v: 255 if v > 128 else 0), ltr.crop(band)
    assert rtl_title.getbbox()[2] > 900 and rtl_title.getbbox()[0] > 480
    assert ltr_title.point(lambda v: 255 if v > 128 else 0).getbbox()[0] < 60


async def test_the_servers_own_advice_is_named_in_its_readers_language(parley):
    from types import MappingProxyType

    from parley.knowledge.server_items import ServerItem

    s = parley
    own = ServerItem("ask_deposit", ("non_payer",), MappingProxyType({"en": "Ask for a deposit. Always."}), "us")
    built = domain.build(domain.months_until(NOW), [], [(own.item_id, 9)], {})
    words = s.bot.get_cog("Stats").chart_text(services(s).t("fi"), built, {own.item_id: own})
    assert words.advice_names == {"server.ask_deposit": "Ask for a deposit"}  # no Finnish text: the English one
    assert words.title == "Mitä tämä yhteisö on oppinut"
