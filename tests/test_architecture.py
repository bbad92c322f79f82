"""Invariants of the codebase's shape: a pure domain, extensions that load, unique commands."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PURE = [ROOT / "bot" / "domain", ROOT / "bot" / "knowledge", ROOT / "bot" / "application"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", [p for base in PURE for p in sorted(base.rglob("*.py"))], ids=str)
def test_domain_never_imports_discord(path):
    bad = {name for name in _imports(path) if name == "discord" or name.startswith(("discord.", "cogs"))}
    assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_sql_lives_only_in_the_database_package():
    offenders = []
    for path in list((ROOT / "bot").rglob("*.py")) + list((ROOT / "cogs").rglob("*.py")):
        if "database" in path.parts or "replay" in path.parts or path.name == "bench.py":
            continue
        text = path.read_text(encoding="utf-8")
        if any(word in text for word in ("SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM")):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_every_capability_is_an_extension_with_setup():
    from parley.cogs import capability_extensions

    names = capability_extensions()
    assert "parley.cogs.parley" in names
    for name in names:
        module = importlib.import_module(name)
        assert callable(getattr(module, "setup", None)), name


def _dynamic_item_classes():
    from parley.cogs import capability_extensions
    from parley.cogs._shared.cog import ParleyCog

    classes = []
    for name in capability_extensions():
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, ParleyCog) and value is not ParleyCog:
                classes.extend(value.dynamic_items)
        cog_module = importlib.import_module(f"{name}.cog") if hasattr(module, "__path__") else None
        if cog_module is not None:
            for value in vars(cog_module).values():
                if isinstance(value, type) and issubclass(value, ParleyCog) and value is not ParleyCog:
                    classes.extend(value.dynamic_items)
    return sorted(set(classes), key=lambda c: c.__qualname__)


def test_dynamic_item_ids_fully_match_their_templates():
    classes = _dynamic_item_classes()
    assert classes, "no DynamicItem found: the discovery in this test is broken"
    for cls in classes:
        template = cls.__discord_ui_compiled_template__
        for item in cls.examples():
            custom_id = item.custom_id
            assert template.fullmatch(custom_id), f"{cls.__qualname__}: {custom_id!r} !~ {template.pattern}"
            assert len(custom_id) <= 100, custom_id
            assert custom_id == custom_id.lower() and custom_id.startswith("parley:"), custom_id


def _capability_of(module: str) -> str | None:
    """`parley.cogs.stories.views` -> `cogs.stories`, `parley.domain.votes` -> `domain.votes`; else None."""
    parts = module.split(".")
    if parts[:2] == ["parley", "cogs"] and len(parts) > 2:
        return f"cogs.{parts[2]}"
    if parts[:2] == ["parley", "domain"] and len(parts) > 2:
        return f"domain.{parts[2]}"
    return None


def _capability_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for base, package in ((ROOT / "cogs", "parley.cogs"), (ROOT / "bot" / "domain", "parley.domain")):
        for path in base.rglob("*.py"):
            relative = path.relative_to(base).with_suffix("")
            if relative.parts == ("__init__",):
                continue
            here = _capability_of(".".join((package, *relative.parts)))
            assert here is not None
            edges = graph.setdefault(here, set())
            for name in _imports(path):
                there = _capability_of(name)
                if there is not None and there != here:
                    edges.add(there)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                found.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def test_capability_packages_import_each_other_without_cycles():
    graph = _capability_graph()
    assert {"cogs.stories", "cogs.moderation", "cogs._shared", "domain.votes"} <= set(graph), sorted(graph)
    assert _cycles(graph) == []
    # Shared code serves every capability and depends on none of them.
    assert not {dep for dep in graph["cogs._shared"] if not dep.startswith("domain.")}


def test_the_cycle_finder_finds_cycles():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_the_offline_discord_is_a_bounded_part():
    """bot/replay imports only itself, discord.py (aiohttp's multidict with it) and jsonschema, so other bots can
    use it; its parts receive the World (and the message store) instead of importing the FakeDiscord composing them.
    """
    import sys

    replay = ROOT / "bot" / "replay"
    outside = {}
    for path in sorted(replay.rglob("*.py")):
        names = _imports(path)
        foreign = {n for n in names if n.startswith("parley") and not n.startswith("parley.replay")}
        foreign |= {n for n in names if n.split(".")[0] not in sys.stdlib_module_names | {"parley"}} - {
            n for n in names if n.split(".")[0] in {"discord", "jsonschema", "multidict"}
        }
        if foreign:
            outside[path.name] = sorted(foreign)
    assert outside == {}
    for part in ("world.py", "messages.py", "rest.py", "webhooks.py"):
        assert "parley.replay.fake" not in _imports(replay / part), part
