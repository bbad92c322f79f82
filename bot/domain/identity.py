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

    def seal_user(self, member_key: str, user_id: int) -> int:
        """The user id hidden under a pad only the secret can make (stored to send a DM the member asked for).

        A one-time pad per member: HMAC(secret, member key) is used for this one id only, so the stored number
        alone says nothing about who the member is; signed 63-bit so it fits SQLite and PostgreSQL integers.
        """
        return (user_id ^ self._pad(member_key)) - (1 << 63)

    def unseal_user(self, member_key: str, sealed: int) -> int:
        """The user id a `seal_user` hid."""
        return (sealed + (1 << 63)) ^ self._pad(member_key)

    def _pad(self, member_key: str) -> int:
        digest = hmac.new(self._secret, f"dm:{member_key}".encode(), hashlib.sha256).digest()
        return int.from_bytes(digest[:8], "big")

    def user_key(self, user_id: int) -> str:
        """Return the keyed hash for a person outside any server (a DM with Parley, a private channel).

        A different message from `member_key`, so the two can never collide.
        """
        msg = f"user:{user_id}".encode()
        return hmac.new(self._secret, msg, hashlib.sha256).hexdigest()[:32]

    def __repr__(self) -> str:
        return "Identity(secret=***)"
