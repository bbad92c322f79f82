"""Keep story text out of discord.py's own DEBUG log lines.

With logging at DEBUG, discord.py writes every gateway event (a modal submission carries the raw story) and every
HTTP body (a preview carries the anonymised one) to the log. Parley never logs member text itself; this filter
makes sure the library doesn't either, whatever level the host bot chose. It only rewrites those lines' payload
arguments; everything else passes untouched.
"""

from __future__ import annotations

import logging
from typing import Any

REDACTED = "<payload withheld by Parley: it may contain member text>"
_LOGGERS = ("discord.gateway", "discord.http")


class WithholdPayloads(logging.Filter):
    """Replaces the payload arguments of discord.py's event and request DEBUG lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.msg if isinstance(record.msg, str) else ""
        args = record.args if isinstance(record.args, tuple) else None
        if args is None:
            return True
        if "WebSocket Event" in msg and len(args) == 2:
            record.args = (args[0], _event_summary(args[1]))
        elif "has returned" in msg and " with " in msg and len(args) == 4:
            record.args = (args[0], args[1], REDACTED, args[3])
        elif "has received" in msg and len(args) == 3:
            record.args = (args[0], args[1], REDACTED)
        return True


def _event_summary(event: Any) -> str:
    if isinstance(event, dict):
        return f"op={event.get('op')} t={event.get('t')} ({REDACTED})"
    return REDACTED


_FILTER = WithholdPayloads()


def install() -> None:
    """Attach the filter to discord.py's gateway and HTTP loggers (idempotent, also across extension reloads,
    which re-import this module and so create a new filter object)."""
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if type(f).__name__ == WithholdPayloads.__name__]:
            logger.removeFilter(old)
        logger.addFilter(_FILTER)


def uninstall() -> None:
    """Detach the filter."""
    for name in _LOGGERS:
        logging.getLogger(name).removeFilter(_FILTER)
