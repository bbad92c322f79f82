"""Structured identifiers: e-mail, links, handles, phone numbers, account/invoice/tax numbers, addresses.

One module per kind; every finder reads the digit-folded text (Arabic-Indic digits as ASCII, same offsets) and
returns Mentions. Priorities (base.py) decide overlaps: the higher one wins, then the longer one.
"""

from .addresses import find_addresses
from .emails import find_emails
from .handles import find_handles
from .links import find_urls, is_platform_domain
from .numbers import find_numbers_and_phones

__all__ = [
    "find_addresses",
    "find_emails",
    "find_handles",
    "find_numbers_and_phones",
    "find_urls",
    "is_platform_domain",
]
