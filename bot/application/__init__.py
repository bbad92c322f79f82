"""Application services: what a capability does, between the cogs (Discord) and the repositories (SQL).

A cog reads the interaction into plain values (`Member`), calls one method, and renders what comes back. The
services here sequence the rules (settings, membership, limits, who may do what) over the domain and the
repositories, raise domain errors (`parley.domain.errors`) and return dataclasses. They are plain async code:
no `discord` import (the architecture test checks), so they are tested without a Discord at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Member:
    """Who acts, as the services need them: the server, the Discord user, their keyed hash, when they joined."""

    guild_id: int
    user_id: int
    key: str
    joined_at: dt.datetime | None = None
