"""Packaging: the repository's folders install as one namespace, `parley`, that can't collide with a host bot.

The design card keeps `bot/`, `cogs/`, `templates/` and `migrations/` at the top of the repository; a host bot has
its own `bot.py` and `cogs/`, so Python must never import ours under those names. This maps them:

    bot/        -> parley              (python -m parley)
    cogs/       -> parley.cogs         (await bot.load_extension("parley.cogs"))
    templates/  -> parley.templates    (package data)
    migrations/ -> parley.migrations   (package data)

Everything else lives in pyproject.toml; only this mapping needs code (subpackages are found, not listed).
"""

from setuptools import find_namespace_packages, setup

ROOTS = {"parley": "bot", "parley.cogs": "cogs", "parley.templates": "templates", "parley.migrations": "migrations"}


def packages() -> list[str]:
    """Every package under each mapped folder, named inside the `parley` namespace."""
    found = []
    for name, folder in ROOTS.items():
        found.append(name)
        found += [f"{name}.{sub}" for sub in find_namespace_packages(folder, exclude=["*__pycache__*"])]
    return found


setup(packages=packages(), package_dir=ROOTS)
