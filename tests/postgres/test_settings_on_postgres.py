"""An interaction's first read (the member's language and the server's settings in one query) on PostgreSQL."""

from __future__ import annotations

from parley.database import Database
from parley.database.memo import interaction_scope
from parley.database.repositories.settings import SettingsRepository

GUILD = 5
MEMBER = "m" * 32


async def test_language_and_settings_in_one_read_match_separate_reads(postgres_db: Database) -> None:
    repo = SettingsRepository(postgres_db)
    for member_lang, guild_lang in [(None, None), ("ru", None), ("ru", "fi"), (None, "fi")]:
        await repo.set_member_language(GUILD, MEMBER, member_lang)
        if guild_lang is not None:
            await repo.update(GUILD, "2026-01-01T00:00:00Z", language=guild_lang, walkthrough_enabled=False)
        with interaction_scope():
            settings, language = await repo.for_member(GUILD, MEMBER)
        assert (language, settings.language) == (member_lang, guild_lang)
        assert (language, settings) == (await repo.member_language(GUILD, MEMBER), await repo.get(GUILD))


async def test_the_same_read_inside_a_grouped_write(postgres_db: Database) -> None:
    """`/situation` reads them in the write that stores its new walkthrough: the same answer as the plain read."""
    repo = SettingsRepository(postgres_db)
    await repo.set_member_language(GUILD, MEMBER, "ar")
    await repo.update(GUILD, "2026-01-01T00:00:00Z", language="fi", walkthrough_enabled=False)

    async def read(tx):  # type: ignore[no-untyped-def]
        return await SettingsRepository.for_member_in(tx, GUILD, MEMBER)

    settings, language = await postgres_db.run_write(read)
    assert (language, settings.language, settings.walkthrough_enabled) == ("ar", "fi", False)
    assert (settings, language) == (await repo.get(GUILD), await repo.member_language(GUILD, MEMBER))
