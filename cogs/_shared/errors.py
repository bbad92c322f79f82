"""The one error chain for app commands, views, modals and persistent buttons.

Handlers are tried in order; the first whose `should_handle` is true answers the member. Expected problems
(a `ParleyError` from the domain, a failed permission check, a bad option) get a kind, translated, ephemeral
message. Anything else gets a translated apology carrying a short incident id, and one log line with that id,
the guild and the command: never message content, story text or tokens.
"""

from __future__ import annotations

import logging
import secrets
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import discord
from discord import app_commands

from parley.cogs._shared.respond import respond
from parley.database.errors import ConstraintError
from parley.domain.errors import N_, DatabaseBusy, NotAllowed, NotFound, ParleyError
from parley.i18n import Translations, resolve_language

log = logging.getLogger(__name__)


class OptionOutOfRange(app_commands.CheckFailure):
    """An option outside the range the command declares (only a modified client can send one)."""

    def __init__(self, option: str) -> None:
        super().__init__(f"option {option} out of range")
        self.option = option


@dataclass(frozen=True)
class Handler:
    """One link of the chain: a predicate and the message it produces."""

    name: str
    should_handle: Callable[[BaseException], bool]
    message: Callable[[BaseException, Translations], str]


def unwrap(error: BaseException) -> BaseException:
    """Reach the exception a command or transformer wrapped."""
    while isinstance(error, (app_commands.CommandInvokeError, app_commands.TransformerError)) and error.__cause__:
        error = error.__cause__
    original = getattr(error, "original", None)
    return original if isinstance(original, BaseException) else error


def _missing_permissions(error: BaseException, t: Translations) -> str:
    from parley.cogs._shared.permissions import PERMISSION_NAMES

    perms = getattr(error, "missing_permissions", None) or []
    names = t.join(
        [t.gettext(PERMISSION_NAMES[p]) if p in PERMISSION_NAMES else p.replace("_", " ").title() for p in perms]
    )
    if isinstance(error, app_commands.BotMissingPermissions):
        return t.gettext(
            "I'm missing a permission here: {permissions}. A server admin can grant it.", permissions=names
        )
    return t.gettext("This needs the {permissions} permission.", permissions=names)


OPTION_MESSAGE = N_("I couldn't understand one of the options. Please check it and try again.")


def _bad_option(error: BaseException) -> bool:
    # A value Discord's client should have kept in range (a modified client can send anything) reaches the
    # database's CHECK constraints: it is the member's option that is wrong, not an incident.
    if isinstance(error, ConstraintError):
        log.warning("a database constraint refused a value: %s", type(error.__cause__).__name__)
        return True
    return isinstance(error, app_commands.TransformerError)


def _sqlite_busy(error: BaseException) -> bool:
    return "database is locked" in str(error) or isinstance(error, DatabaseBusy)


CHAIN: tuple[Handler, ...] = (
    Handler("domain", lambda e: isinstance(e, ParleyError), lambda e, t: e.translate(t)),  # type: ignore[attr-defined]
    Handler("busy", _sqlite_busy, lambda e, t: t.gettext(DatabaseBusy.message)),
    Handler(
        "permissions",
        lambda e: isinstance(e, (app_commands.MissingPermissions, app_commands.BotMissingPermissions)),
        _missing_permissions,
    ),
    Handler(
        "range",
        lambda e: isinstance(e, OptionOutOfRange),
        lambda e, t: t.gettext(N_("I couldn't understand one of the options. Please check it and try again.")),
    ),
    Handler("check", lambda e: isinstance(e, app_commands.CheckFailure), lambda e, t: t.gettext(NotAllowed.message)),
    Handler("option", _bad_option, lambda e, t: t.gettext(OPTION_MESSAGE)),
    Handler(
        "forbidden",
        lambda e: isinstance(e, discord.Forbidden),
        lambda e, t: t.gettext(
            N_("Discord didn't let me do that here: I may be missing a permission in this channel.")
        ),
    ),
    Handler("gone", lambda e: isinstance(e, discord.NotFound), lambda e, t: t.gettext(NotFound.message)),
)


async def reply_language(interaction: discord.Interaction) -> Translations:
    """Best effort reply language for an error: stored preferences if the database answers, else the client's."""
    from parley.cogs._shared.runtime import services_for

    try:
        services = services_for(interaction.client)  # type: ignore[arg-type]
    except KeyError:
        from parley.i18n import I18n

        return I18n.load().get(resolve_language(None, None, str(interaction.locale)))
    try:
        identity = services.identity
        if interaction.guild_id:
            key = identity.member_key(interaction.guild_id, interaction.user.id)
        else:
            key = identity.user_key(interaction.user.id)
        lang = await services.language_for(interaction.guild_id, key, str(interaction.locale))
    except Exception:  # the database may be the very thing failing
        lang = resolve_language(None, None, str(interaction.locale), services.config.i18n.default_language)
    return services.t(lang)


async def handle_error(interaction: discord.Interaction, error: BaseException, *, where: str = "") -> str | None:
    """Answer the member for any error; return the incident id for unexpected ones."""
    text, incident = await error_reply(interaction, error, where=where)
    try:
        await respond(interaction, text, ephemeral=True)
    except discord.HTTPException:
        log.warning("could not deliver an error reply for %s", where or _where(interaction))
    return incident


async def error_reply(
    interaction: discord.Interaction, error: BaseException, *, where: str = ""
) -> tuple[str, str | None]:
    """The member's words for an error, and the incident id an unexpected one was logged under (else None)."""
    error = unwrap(error)
    t = await reply_language(interaction)
    incident: str | None = None
    missing = _missing_here(interaction, error)
    for handler in CHAIN:
        if missing:
            text = "⚠️ " + missing_line(t, missing, interaction)
            break
        if handler.should_handle(error):
            text = "⚠️ " + handler.message(error, t)
            break
    else:
        incident = secrets.token_hex(4)
        # The frames, not the exception's message: messages can carry member text (a story, a modal value).
        frames = "".join(traceback.format_tb(error.__traceback__))
        log.error(
            "incident %s in %s (guild %s): %s\n%s",
            incident,
            where or _where(interaction),
            interaction.guild_id,
            type(error).__name__,
            frames.rstrip(),
        )
        text = "⚠️ " + t.gettext(
            "Something went wrong on our side. It has been logged as incident {incident}; please try again.",
            incident=incident,
        )
    return text, incident


def _missing_here(interaction: discord.Interaction, error: BaseException) -> list[str]:
    """Discord refused for lack of a permission (403, code 50013): what the bot lacks in this channel, if known."""
    if not isinstance(error, discord.Forbidden) or error.code != 50013:
        return []
    from parley.cogs._shared.permissions import missing_here

    return missing_here(interaction)


def missing_line(t: Translations, missing: list[str], interaction: discord.Interaction) -> str:
    """Name the exact permission to grant, and where."""
    from parley.cogs._shared.permissions import grant_line

    where = getattr(interaction.channel, "mention", None) or t.gettext("this channel")
    return grant_line(t, missing, where)


def _where(interaction: discord.Interaction) -> str:
    if interaction.command is not None:
        return f"/{interaction.command.qualified_name}"
    data = interaction.data or {}
    return str(data.get("custom_id", "interaction"))[:100]


def routed(callback: Callable[..., Awaitable[None]]) -> Callable[..., Awaitable[None]]:
    """Decorate a component callback so its errors go through the chain (views' errors never reach the tree)."""

    async def wrapper(self: object, interaction: discord.Interaction, *args: object) -> None:
        try:
            await callback(self, interaction, *args)
        except Exception as error:
            await handle_error(interaction, error)

    wrapper.__name__ = callback.__name__
    wrapper.__doc__ = callback.__doc__
    return wrapper
