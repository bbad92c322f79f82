"""Where Parley's data files are: package data, found through importlib.resources.

The repository keeps the design card's folders (`templates/`, `migrations/` beside `bot/`); packaging maps them
into the `parley` namespace (`parley.templates`, `parley.migrations`), so a wheel and an editable install find
them the same way. Parley needs real directories (Jinja2's loader and the migration runner list files), so a
zipped install is refused with a clear message rather than half working.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def package_dir(package: str) -> Path:
    """The directory of an installed `package` (e.g. "parley.templates")."""
    root = files(package)
    path = Path(str(root))
    if not path.is_dir():
        raise RuntimeError(f"{package} is not installed as files on disk ({root!r}); install Parley unzipped")
    return path
