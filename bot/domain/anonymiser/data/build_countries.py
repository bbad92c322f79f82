"""Regenerate countries_cldr_{lang}.txt: country and territory names from CLDR through Babel (offline, one-off).

    python bot/domain/anonymiser/data/build_countries.py

Babel is already a dependency; reading the four locales costs ~100 ms, so the names are written out once instead
of being read at every start. Two-letter territory codes only (no continents or numeric regions).
"""

from __future__ import annotations

from pathlib import Path

import babel

HERE = Path(__file__).resolve().parent


def main() -> None:
    for lang in ("en", "ar", "fi", "ru"):
        territories = babel.Locale(lang).territories
        names = sorted({v for k, v in territories.items() if len(k) == 2 and k.isalpha()})
        header = (
            f"# country and territory names ({lang}) from CLDR via Babel {babel.__version__}; see build_countries.py\n"
        )
        (HERE / f"countries_cldr_{lang}.txt").write_text(header + "\n".join(names) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
