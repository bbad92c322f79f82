"""Keyed hashes that stand for members: enough to rate-limit, block and find "mine", not to name anyone.

The key (PARLEY_SECRET) lives only in the environment, never in the database, so the database alone
cannot be used to recover who wrote a story or cast a vote.
"""

from __future__ import annotations

import hashlib
import hmac


class Identity:
    """Derives stable pseudonymous keys for (guild, user) pairs."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("the member-key secret must be at least 16 bytes")
        self._secret = secret

    def member_key(self, guild_id: int, user_id: int) -> str:
        """Return the keyed hash for a member of a guild (hex, 32 chars)."""
        msg = f"member:{guild_id}:{user_id}".encode()
        return hmac.new(self._secret, msg, hashlib.sha256).hexdigest()[:32]

    def __repr__(self) -> str:
        return "Identity(secret=***)"
