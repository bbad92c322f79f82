"""The one error a draft raises for member input: which field, what is wrong, and the limit if any."""

from __future__ import annotations

from parley.domain.errors import InvalidInput

# Stable codes the Discord layer maps to localised messages (field labels are localised there too).
REQUIRED = "required"
TOO_LONG = "too_long"
INVALID_AMOUNT = "invalid_amount"
INVALID_CURRENCY = "invalid_currency"
INVALID_DATE = "invalid_date"
AMBIGUOUS_DATE = "ambiguous_date"
INVALID_NUMBER = "invalid_number"
OUT_OF_RANGE = "out_of_range"

ERROR_CODES: tuple[str, ...] = (
    REQUIRED,
    TOO_LONG,
    INVALID_AMOUNT,
    INVALID_CURRENCY,
    INVALID_DATE,
    AMBIGUOUS_DATE,
    INVALID_NUMBER,
    OUT_OF_RANGE,
)


class DraftInputError(InvalidInput, ValueError):
    """A draft field the member filled can't be used; carries `field`, `code` and `limit` for a localised reply.

    `limit` is the maximum length for `too_long` and the (min, max) range's upper bound for `out_of_range`;
    otherwise None. The caller keeps the member's values so they can fix one field and resubmit.
    """

    def __init__(self, field: str, code: str, limit: int | None = None) -> None:
        super().__init__(None, field=field, code=code, limit=limit)
        self.field = field
        self.code = code
        self.limit = limit

    def __str__(self) -> str:
        suffix = f" (limit {self.limit})" if self.limit is not None else ""
        return f"{self.field}: {self.code}{suffix}"

    def with_field(self, field: str) -> DraftInputError:
        """Return the same error attached to another field id (parsers don't know which field they parse)."""
        return DraftInputError(field, self.code, self.limit)
