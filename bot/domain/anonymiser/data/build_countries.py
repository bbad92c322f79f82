"""Regenerate countries_cldr_{lang}.txt and cities_cldr_{lang}.txt from CLDR through Babel (offline, one-off).

Countries: territory names. Cities: CLDR's exemplar cities of the time zones (Riyadh, Тегеран, Pariisi), in each
language; an entry that is an everyday word of the language (vocab_{lang}.txt) or a first name is left out, so a
city list never removes a word or a person.

    python bot/domain/anonymiser/data/build_countries.py

Babel is already a dependency; reading the four locales costs ~100 ms, so the names are written out once instead
of being read at every start. Two-letter territory codes only (no continents or numeric regions).
"""

from __future__ import annotations

from pathlib import Path

import babel
import babel.dates

from parley.domain.anonymiser.textutil import norm_ar, norm_key

HERE = Path(__file__).resolve().parent


def main() -> None:
    for lang in ("en", "ar", "fi", "ru"):
        territories = babel.Locale(lang).territories
        names = sorted({v for k, v in territories.items() if len(k) == 2 and k.isalpha()})
        header = (
            f"# country and territory names ({lang}) from CLDR via Babel {babel.__version__}; see build_countries.py\n"
        )
        (HERE / f"countries_cldr_{lang}.txt").write_text(header + "\n".join(names) + "\n", encoding="utf-8")
        _write_cities(lang)


def _words(name: str, norm) -> set[str]:
    out: set[str] = set()
    for f in HERE.glob(name):
        out |= {norm(w) for w in f.read_text(encoding="utf-8").splitlines() if w and not w.startswith("#")}
    return out


def _write_cities(lang: str) -> None:
    norm = norm_ar if lang == "ar" else norm_key
    skip = _words(f"vocab_{lang}.txt", norm) | _words(f"first_names_{lang}.txt", norm)
    skip |= _words(f"ambiguous_names_{lang}.txt", norm) | _words(f"countries_cldr_{lang}.txt", norm)
    zones = babel.Locale(lang).time_zones
    cities = {v["city"] for v in zones.values() if "city" in v}
    if lang == "en":  # English exemplar cities are mostly the zone id itself: America/New_York -> New York
        from zoneinfo import available_timezones

        cities |= {z.split("/")[-1].replace("_", " ") for z in available_timezones() if "/" in z and "GMT" not in z}
    keep = sorted(c for c in cities if norm(c) not in skip and "," not in c and len(c) > 2)
    header = f"# exemplar cities of time zones ({lang}) from CLDR via Babel {babel.__version__}; see build_countries.py"
    header += "\n"
    (HERE / f"cities_cldr_{lang}.txt").write_text(header + "\n".join(keep) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
