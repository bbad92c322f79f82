"""User-facing errors raised by the domain and answered kindly by the cogs.

Each error carries a message id (an English msgid in the gettext catalogs) and named parameters; the Discord
layer translates it into the member's language. Nothing here knows about Discord.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar


def N_(message: str) -> str:  # noqa: N802 - gettext convention: marks a msgid for extraction, translated later
    """Mark a string for extraction without translating it now."""
    return message


def NP_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - gettext convention, like N_
    """Mark a singular/plural msgid pair for extraction; the form is chosen when translated (params["count"])."""
    return singular, plural


class CommandName(str):
    """A Parley command named in an error's parameters ("setup", "story share").

    Code without Discord can name a command; `translate` spells it as the member's client shows it.
    """

    __slots__ = ()


class ParleyError(Exception):
    """An expected problem a member can understand and act on."""

    message: ClassVar[str] = N_("Something about that request didn't work. Please try again.")

    def __init__(self, message: str | tuple[str, str] | None = None, /, **params: Any) -> None:
        # A (singular, plural) pair from NP_ is translated with ngettext on params["count"].
        self.plural: str | None = None
        if isinstance(message, tuple):
            message, self.plural = message
        self.msgid = message or type(self).message
        self.params: Mapping[str, Any] = params
        super().__init__(self.msgid)

    def translate(self, t: Any) -> str:
        """The message in the language of `t` (a Translations), in the plural form its count needs."""
        params = {k: t.command(v) if isinstance(v, CommandName) else v for k, v in self.params.items()}
        if self.plural is not None:
            count = int(params.pop("count"))
            return str(t.ngettext(self.msgid, self.plural, count, **params))
        return str(t.gettext(self.msgid, **params))


class NotAllowed(ParleyError):
    """The member lacks the role or permission the action needs."""

    message = N_("You don't have permission to do that.")


class NotFound(ParleyError):
    """The item the member acted on no longer exists (deleted, withdrawn, expired)."""

    message = N_("This item is no longer available.")


class NotYours(ParleyError):
    """A component belongs to another member's private flow."""

    message = N_("This isn't yours: run the command yourself to get your own.")


class Expired(ParleyError):
    """A flow or button outlived its lifetime."""

    message = N_("This has expired. Please run the command again.")


class InvalidInput(ParleyError):
    """Something the member typed cannot be used as is."""

    message = N_("That input can't be used. Please check it and try again.")


class RateLimited(ParleyError):
    """A per-member daily limit was reached."""

    message = N_("You've reached today's limit. Please try again tomorrow.")


class NotConfigured(ParleyError):
    """The server has not set up what this capability needs."""

    message = N_("This needs a little setup first: a server admin can run {command}.")


class AlreadyDone(ParleyError):
    """A concurrent or repeated action already happened (double click, two moderators)."""

    message = N_("That has already been done.")


class DatabaseBusy(ParleyError):
    """The database stayed locked past the busy timeout; nothing was lost, the member can retry."""

    message = N_("Parley is busy right now. Nothing was lost: please try again in a moment.")


class SaveFailed(ParleyError):
    """A write failed for a reason on the server's side (full disk, I/O error, read-only or unreachable database).

    Nothing was stored (the transaction rolled back) and nothing the member typed is lost: the caller keeps the
    preview or form for a retry. `reason` is one of the REASON_* msgids; `retry` (optional) the label of the
    button to press again, already translated.
    """

    message = N_("Parley couldn't save right now ({reason}). Nothing is lost: please try again in a moment.")
    press_again = N_("Parley couldn't save right now ({reason}); nothing is lost, press {button} again in a moment.")

    REASON_DISK_FULL = N_("the server's disk is full")
    REASON_DISK_ERROR = N_("the server couldn't write to its disk")
    REASON_READ_ONLY = N_("the database is read-only")
    REASON_UNREACHABLE = N_("the database can't be reached")

    def __init__(self, reason: str = REASON_DISK_ERROR, *, retry: str | None = None) -> None:
        if retry is None:
            super().__init__(self.message, reason=reason)
        else:
            super().__init__(self.press_again, reason=reason, button=retry)
        self.reason = reason
        self.retry = retry

    def translate(self, t: Any) -> str:
        """The message in the language of `t`, its reason translated too (the reason is a msgid of its own)."""
        return str(t.gettext(self.msgid, **dict(self.params, reason=t.gettext(self.reason))))
