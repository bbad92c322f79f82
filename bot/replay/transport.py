"""The aiohttp stand-in a replayed client talks to: every request goes to the fake Discord, nothing to the network.

discord.py sends REST calls (HTTPClient.request) and interaction webhooks (AsyncWebhookAdapter.request) through
the aiohttp session stored in the client's HTTPClient. Replacing that one session per client captures both
paths at discord.py's request layer while discord.py's own code still builds the requests, serialises JSON and
multipart bodies, and turns our status codes into NotFound / Forbidden / HTTPException.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote, urlsplit

from multidict import CIMultiDict, CIMultiDictProxy

from parley.replay.jcopy import jcopy
from parley.replay.results import CapturedFile

if TYPE_CHECKING:
    from parley.replay.fake import FakeDiscord
    from parley.replay.model import BotApp

log = logging.getLogger(__name__)

_REASONS = {
    200: "OK",
    201: "Created",
    204: "No Content",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    429: "Too Many Requests",
    500: "Internal Server Error",
}


@dataclass(frozen=True)
class WireRequest:
    """A request as it left discord.py: method, API path, query, decoded body and uploaded files."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    files: tuple[CapturedFile, ...]
    content_type: str | None
    headers: dict[str, str]


class FakeResponse:
    """Just enough of aiohttp.ClientResponse for discord.py."""

    def __init__(self, method: str, url: str, status: int, body: Any) -> None:
        self.method = method
        self.url = url
        self.status = status
        self.reason = _REASONS.get(status, "Unknown")
        headers: CIMultiDict[str] = CIMultiDict()
        if body is None:
            self._text = ""
        elif isinstance(body, bytes):
            self._bytes = body
            self._text = ""
            headers["Content-Type"] = "application/octet-stream"
        else:
            self._text = json.dumps(body, ensure_ascii=False)
            headers["Content-Type"] = "application/json"
        self.headers = CIMultiDictProxy(headers)

    async def text(self, encoding: str | None = None) -> str:
        """The body as text."""
        return self._text

    async def read(self) -> bytes:
        """The body as bytes."""
        return getattr(self, "_bytes", self._text.encode())

    async def json(self, **_: Any) -> Any:
        """The body as JSON."""
        return json.loads(self._text) if self._text else None

    def release(self) -> None:
        """Nothing to release."""

    async def __aenter__(self) -> FakeResponse:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None


class _RequestContext:
    def __init__(self, session: FakeSession, method: str, url: str, kwargs: dict[str, Any]) -> None:
        self._session = session
        self._method = method
        self._url = url
        self._kwargs = kwargs

    async def __aenter__(self) -> FakeResponse:
        return self._session._perform(self._method, self._url, self._kwargs)

    async def __aexit__(self, *exc: object) -> None:
        return None

    def __await__(self) -> Any:
        async def run() -> FakeResponse:
            return self._session._perform(self._method, self._url, self._kwargs)

        return run().__await__()


class FakeSession:
    """One bot client's connection to the fake Discord (stands in for its aiohttp.ClientSession)."""

    def __init__(self, fake: FakeDiscord, app: BotApp) -> None:
        self.fake = fake
        self.app = app
        self.closed = False

    def request(self, method: str, url: str, **kwargs: Any) -> _RequestContext:
        """Start a request (used as `async with session.request(...) as response`)."""
        return _RequestContext(self, method.upper(), str(url), kwargs)

    def get(self, url: str, **kwargs: Any) -> _RequestContext:
        """GET (discord.py uses it for CDN downloads such as Attachment.read())."""
        return self.request("GET", url, **kwargs)

    async def ws_connect(self, *args: Any, **kwargs: Any) -> Any:
        """There is no gateway to connect to: the harness feeds gateway events itself."""
        raise RuntimeError("replay: the fake Discord has no gateway websocket; events are fed by the harness")

    async def close(self) -> None:
        """Close the session (later requests fail like aiohttp's do)."""
        self.closed = True

    def _perform(self, method: str, url: str, kwargs: dict[str, Any]) -> FakeResponse:
        if self.closed:
            raise RuntimeError("Session is closed")
        parts = urlsplit(url)
        if parts.netloc.endswith(("cdn.discordapp.com", "media.discordapp.net")):
            status, body = self.fake.cdn_get(url)
            return FakeResponse(method, url, status, body)
        path = parts.path
        marker = "/api/v"
        if marker in path:
            path = path[path.index(marker) + len(marker) :]
            path = path[path.index("/") :] if "/" in path else "/"
        path = "/" + "/".join(unquote(seg) for seg in path.strip("/").split("/"))
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        for key, value in (kwargs.get("params") or {}).items():
            query[str(key)] = str(value)
        body, files, content_type = _decode_body(kwargs.get("data"), kwargs.get("json"))
        headers = {str(k): str(v) for k, v in (kwargs.get("headers") or {}).items()}
        request = WireRequest(method, path, query, body, files, content_type, headers)
        status, response = self.fake.handle(self.app, request)
        return FakeResponse(method, url, status, response)


def _decode_body(data: Any, json_body: Any) -> tuple[Any, tuple[CapturedFile, ...], str | None]:
    """Decode what discord.py put on the wire: a JSON string, or aiohttp.FormData with payload_json + files."""
    if json_body is not None:
        return jcopy(json_body), (), "application/json"  # the client's own object: the fake keeps a copy
    if data is None:
        return None, (), None
    if isinstance(data, str | bytes):
        text = data.decode() if isinstance(data, bytes) else data
        return (json.loads(text) if text else None), (), "application/json"
    fields = getattr(data, "_fields", None)
    if fields is None:
        raise TypeError(f"replay: cannot decode request body of type {type(data).__name__}")
    payload: Any = None
    files: list[CapturedFile] = []
    for type_options, headers, value in fields:
        name = type_options.get("name", "")
        filename = type_options.get("filename")
        raw = _read_value(value)
        if name == "payload_json":
            payload = json.loads(raw.decode("utf-8"))
        elif filename is not None or name.startswith("files["):
            content_type = headers.get("Content-Type") or headers.get("content-type") or "application/octet-stream"
            files.append(CapturedFile(field=name, filename=str(filename or name), content_type=content_type, data=raw))
        else:
            payload = payload or {}
            payload[name] = raw.decode("utf-8", "replace")
    return payload, tuple(files), "multipart/form-data"


def _read_value(value: Any) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    if hasattr(value, "read"):
        data = value.read()
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)
    return str(value).encode("utf-8")
