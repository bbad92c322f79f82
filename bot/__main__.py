"""`python -m parley <verb>`: every verb lives in `bot/cli/<verb>.py`; with no verb, run the bot."""

from __future__ import annotations

import sys

from parley.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
