"""Validation of captured Discord API requests against Discord's official OpenAPI spec."""

from __future__ import annotations

import copy
import json
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from functools import cached_property
from importlib.resources import files
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

log = logging.getLogger(__name__)

SPEC_ENV = "PARLEY_DISCORD_SPEC"
_REF_PREFIX = "#/components/schemas/"
_HTTP_METHODS = ("get", "put", "post", "patch", "delete", "head", "options")
_MAX_MESSAGE = 300


def default_spec_path() -> Path:
    """The spec path: $PARLEY_DISCORD_SPEC, else the copy shipped in this package (discord_spec/, MIT)."""
    env = os.environ.get(SPEC_ENV)
    if env:
        return Path(env)
    return Path(str(files(__package__))) / "discord_spec" / "openapi.json"


@dataclass(frozen=True)
class Violation:
    """One request (or fake-Discord rule) that Discord would reject."""

    method: str
    path: str
    message: str
    pointer: str = ""
    schema_path: str = ""
    source: str = "spec"  # "spec": OpenAPI schema; "discord": a rule the schema cannot express
    step: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON form used in transcripts."""
        return {
            "method": self.method,
            "path": self.path,
            "message": self.message,
            "pointer": self.pointer,
            "schema_path": self.schema_path,
            "source": self.source,
            "step": self.step,
        }


@dataclass
class Operation:
    """One method + path template of the spec."""

    method: str
    template: str
    operation_id: str
    segments: tuple[str | None, ...]  # None marks a {parameter} segment
    param_names: tuple[str, ...]
    param_schemas: dict[str, dict[str, Any]]
    request_schemas: dict[str, Any]  # content type -> schema
    body_required: bool
    response_schemas: dict[str, Any]  # status -> schema (application/json only)
    _validators: dict[str, Draft202012Validator] = field(default_factory=dict)

    @cached_property
    def literal_count(self) -> int:
        """How many literal segments the template has (more literals = more specific)."""
        return sum(1 for s in self.segments if s is not None)

    def validator(self, key: str, schema: Any) -> Draft202012Validator:
        """A compiled validator, cached per operation and content type / status."""
        v = self._validators.get(key)
        if v is None:
            v = self._validators[key] = Draft202012Validator(schema)
        return v


def _json_pointer(parts: Any) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _short(text: str) -> str:
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


class DiscordSpec:
    """Discord's OpenAPI document, prepared for fast request validation.

    `$ref`s are inlined (shared dict objects, so recursion costs nothing) and every `oneOf`/`anyOf` whose
    branches are told apart by a `type` discriminator (components, interaction callbacks) is rewritten as an
    if/then dispatch on that discriminator. That is what the spec intends (`x-discord-union`), it is several
    times faster than trying every branch, and an error then points into the one branch the body meant.
    Unions without a discriminator keep JSON Schema semantics (anyOf: at least one branch must match).
    """

    def __init__(self, document: dict[str, Any], source: str = "<memory>") -> None:
        self.source = source
        self.version = document.get("info", {}).get("version", "?")
        schemas = document.get("components", {}).get("schemas", {})
        self._seen: set[int] = set()
        _prepare_schemas(schemas, self._seen)
        self._by_length: dict[int, list[Operation]] = {}
        for template, item in document.get("paths", {}).items():
            self._add_path(template, item, schemas)

    # -- loading -------------------------------------------------------------------------------------------------------
    _cache: dict[tuple[str, float], DiscordSpec] = {}
    _lock = threading.Lock()
    load_seconds: float = 0.0

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None) -> DiscordSpec:
        """Load (once per process and file version) the spec at `path` (default: default_spec_path())."""
        resolved = Path(path) if path is not None else default_spec_path()
        key = (str(resolved.resolve()), resolved.stat().st_mtime)
        with cls._lock:
            spec = cls._cache.get(key)
            if spec is None:
                started = time.perf_counter()
                with resolved.open("rb") as fh:
                    document = json.load(fh)
                spec = cls(document, source=str(resolved))
                spec.load_seconds = time.perf_counter() - started
                cls._cache[key] = spec
                log.debug("loaded Discord API spec %s in %.3fs", resolved, spec.load_seconds)
            return spec

    def _add_path(self, template: str, item: dict[str, Any], schemas: dict[str, Any]) -> None:
        segments = tuple(None if s.startswith("{") else s for s in template.strip("/").split("/"))
        names = tuple(s[1:-1] for s in template.strip("/").split("/") if s.startswith("{"))
        shared_params = item.get("parameters", [])
        for method, op in item.items():
            if method not in _HTTP_METHODS:
                continue
            params = {}
            for p in [*shared_params, *op.get("parameters", [])]:
                if p.get("in") == "path":
                    params[p["name"]] = _inline(copy.deepcopy(p.get("schema", {})), schemas)
            body = op.get("requestBody") or {}
            request_schemas = {
                ctype: self._prepared(media.get("schema", {}), schemas)
                for ctype, media in body.get("content", {}).items()
            }
            responses = {}
            for status, resp in op.get("responses", {}).items():
                media = (resp.get("content") or {}).get("application/json")
                if media and "schema" in media:
                    responses[status] = self._prepared(media["schema"], schemas)
            operation = Operation(
                method=method.upper(),
                template=template,
                operation_id=op.get("operationId", ""),
                segments=segments,
                param_names=names,
                param_schemas=params,
                request_schemas=request_schemas,
                body_required=bool(body.get("required")),
                response_schemas=responses,
            )
            self._by_length.setdefault(len(segments), []).append(operation)

    def _prepared(self, schema: Any, schemas: dict[str, Any]) -> Any:
        inlined = _inline(copy.deepcopy(schema), schemas)
        _rewrite_unions(inlined, self._seen)
        return inlined

    # -- matching ------------------------------------------------------------------------------------------------------
    def match(self, method: str, path: str) -> Operation | None:
        """The operation for `method` and a concrete `path` (most literal segments win), or None."""
        candidates = self._match_path(path)
        for op in candidates:
            if op.method == method.upper():
                return op
        return None

    def knows_path(self, path: str) -> bool:
        """Whether some operation of the spec has this path (any method)."""
        return bool(self._match_path(path))

    def _match_path(self, path: str) -> list[Operation]:
        parts = path.split("?", 1)[0].strip("/").split("/")
        found = []
        for op in self._by_length.get(len(parts), []):
            if all(seg is None or seg == part for seg, part in zip(op.segments, parts, strict=True)):
                found.append(op)
        found.sort(key=lambda o: -o.literal_count)
        if found:
            best = found[0].literal_count
            found = [o for o in found if o.literal_count == best]
        return found

    # -- validation ----------------------------------------------------------------------------------------------------
    def validate_request(
        self, method: str, path: str, body: Any, *, content_type: str = "application/json"
    ) -> list[Violation]:
        """Violations of one request: unknown route, bad path parameter, or a body the schema rejects."""
        method = method.upper()
        clean_path = path.split("?", 1)[0]
        op = self.match(method, clean_path)
        if op is None:
            if self.knows_path(clean_path):
                return [Violation(method, clean_path, f"the spec has no {method} operation for this path")]
            return [Violation(method, clean_path, "path not in the Discord API spec")]
        out = self._validate_params(op, clean_path)
        if body is None:
            if op.body_required and method not in ("GET", "DELETE"):
                out.append(Violation(method, clean_path, f"{op.operation_id}: request body is required"))
            return out
        if not op.request_schemas:
            out.append(Violation(method, clean_path, f"{op.operation_id}: this operation takes no request body"))
            return out
        schema_key = content_type if content_type in op.request_schemas else "application/json"
        if schema_key not in op.request_schemas:
            schema_key = next(iter(op.request_schemas))
        validator = op.validator("req:" + schema_key, op.request_schemas[schema_key])
        for error in _leaf_errors(validator, body):
            out.append(
                Violation(
                    method,
                    clean_path,
                    f"{op.operation_id}: {_short(error.message)}",
                    pointer=_json_pointer(error.absolute_path),
                    schema_path=_json_pointer(error.absolute_schema_path),
                )
            )
        return out

    def validate_response(self, method: str, path: str, status: int, body: Any) -> list[Violation]:
        """Violations of a response body (used to keep the fake Discord's answers well-formed)."""
        clean_path = path.split("?", 1)[0]
        op = self.match(method, clean_path)
        if op is None:
            return [Violation(method.upper(), clean_path, "path not in the Discord API spec")]
        schema = op.response_schemas.get(str(status))
        if schema is None:
            return []
        validator = op.validator(f"resp:{status}", schema)
        return [
            Violation(
                method.upper(),
                clean_path,
                f"response {status}: {_short(e.message)}",
                pointer=_json_pointer(e.absolute_path),
                schema_path=_json_pointer(e.absolute_schema_path),
            )
            for e in _leaf_errors(validator, body)
        ]

    def _validate_params(self, op: Operation, path: str) -> list[Violation]:
        parts = path.strip("/").split("/")
        values = [p for seg, p in zip(op.segments, parts, strict=True) if seg is None]
        out = []
        for name, value in zip(op.param_names, values, strict=True):
            schema = op.param_schemas.get(name)
            if not schema:
                continue
            validator = op.validator("param:" + name, schema)
            error = best_match(validator.iter_errors(value))
            if error is not None:
                out.append(Violation(op.method, path, f"path parameter {name}: {_short(error.message)}", pointer=""))
        return out


# -- schema preparation ------------------------------------------------------------------------------------------------


def _inline(node: Any, schemas: dict[str, Any]) -> Any:
    """Replace {"$ref": "#/components/schemas/X"} by the (shared) schema object X."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_REF_PREFIX):
            target = schemas[ref[len(_REF_PREFIX) :]]
            rest = {k: _inline(v, schemas) for k, v in node.items() if k != "$ref"}
            return {"allOf": [target], **rest} if rest else target
        for key, value in list(node.items()):
            node[key] = _inline(value, schemas)
        return node
    if isinstance(node, list):
        return [_inline(v, schemas) for v in node]
    return node


def _prepare_schemas(schemas: dict[str, Any], seen: set[int]) -> None:
    """Inline refs inside components/schemas and rewrite discriminated unions, in place."""
    snowflake = schemas.get("SnowflakeType")
    if isinstance(snowflake, dict) and snowflake.get("type") == "string":
        # Discord accepts snowflakes as JSON integers in requests too, and discord.py sends them that way
        # (recipient_id, allowed_mentions.users, attachment placeholders {"id": 0}, ...). The spec only
        # documents the string form Discord *returns*; accepting both keeps every other check strict.
        string_form = dict(snowflake)
        snowflake.clear()
        snowflake["anyOf"] = [string_form, {"type": "integer", "minimum": 0, "maximum": 2**64 - 1}]
    for schema in schemas.values():
        if isinstance(schema, dict):
            for key, value in list(schema.items()):
                schema[key] = _inline(value, schemas)
    for schema in schemas.values():
        _rewrite_unions(schema, seen)


def _discriminator_values(branch: Any) -> frozenset[Any] | None:
    """The `type` values a union branch accepts, when it is an object schema with a fixed `type` enum."""
    if not isinstance(branch, dict):
        return None
    if "allOf" in branch and len(branch) == 1 and len(branch["allOf"]) == 1:
        return _discriminator_values(branch["allOf"][0])
    prop = branch.get("properties", {}).get("type")
    if not isinstance(prop, dict) or "type" not in branch.get("required", []):
        return None
    if "enum" in prop:
        return frozenset(prop["enum"])
    if "const" in prop:
        return frozenset([prop["const"]])
    return None


def _rewrite_unions(node: Any, seen: set[int]) -> None:
    if isinstance(node, list):
        for item in node:
            _rewrite_unions(item, seen)
        return
    if not isinstance(node, dict) or id(node) in seen:
        return
    seen.add(id(node))
    for key in ("oneOf", "anyOf"):
        branches = node.get(key)
        if not isinstance(branches, list) or len(branches) < 2:
            continue
        values = [_discriminator_values(b) for b in branches]
        if any(v is None for v in values):
            continue
        union: set[Any] = set()
        disjoint = True
        for v in values:
            if union & v:  # type: ignore[operator]
                disjoint = False
            union |= v  # type: ignore[arg-type]
        if not disjoint:
            continue
        del node[key]
        dispatch = [
            {
                "if": {"required": ["type"], "properties": {"type": {"enum": sorted(v)}}},  # type: ignore[arg-type]
                "then": branch,
            }
            for v, branch in zip(values, branches, strict=True)
        ]
        node.setdefault("allOf", [])
        node["allOf"] = [
            *node["allOf"],
            {
                "if": {"type": "object"},
                "then": {"required": ["type"], "properties": {"type": {"enum": sorted(union)}}},
            },
            *dispatch,
        ]
        node["x-parley-discriminated"] = key
    for value in node.values():
        _rewrite_unions(value, seen)


def _leaf_errors(validator: Draft202012Validator, instance: Any) -> list[ValidationError]:
    """The most specific errors: descend into the one union branch whose type matches, when there is one."""
    out: list[ValidationError] = []
    for error in validator.iter_errors(instance):
        out.extend(_descend(error))
    return out


_TYPE_MISMATCH = ("type", "const", "enum")


def _descend(error: ValidationError) -> list[ValidationError]:
    if error.validator not in ("oneOf", "anyOf") or not error.context:
        return [error]
    by_branch: dict[int, list[ValidationError]] = {}
    for sub in error.context:
        by_branch.setdefault(sub.relative_schema_path[0], []).append(sub)  # type: ignore[arg-type]

    def plausible(errors: list[ValidationError]) -> bool:
        # A branch is implausible when the instance (or its `type` field) has the wrong type for it.
        for e in errors:
            rel = list(e.relative_path)
            if e.validator in _TYPE_MISMATCH and (rel == [] or rel == ["type"]):
                return False
        return True

    candidates = [errs for errs in by_branch.values() if plausible(errs)]
    if len(candidates) == 1:
        out: list[ValidationError] = []
        for sub in candidates[0]:
            out.extend(_descend(sub))
        return out
    best = best_match(error.context)
    return [best] if best is not None else [error]
