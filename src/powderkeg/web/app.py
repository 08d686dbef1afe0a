"""The web app: a FastAPI application over one read-only knowledge base.

`create_app` wires the JSON API (web/api_routes.py), the pages (web/pages.py),
the static assets and the error handling. Errors never show a traceback: the
API answers JSON {"error": ...}, pages answer a short HTML page, and no error
names a file on the server.

The server cannot be turned against its user (issue 14, section 4): only the
Host names it was started for are answered (DNS rebinding), requests another
site's page makes in the background are refused (a cross-site `<img src=...>`),
HEAD is answered wherever GET is, and /api/sql has bounded costs (api_routes).
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import powderkeg
from powderkeg.api import KnowledgeBase
from powderkeg.errors import PowderkegError, StoreError
from powderkeg.web.api_routes import Limits, SqlGate

log = logging.getLogger(__name__)

#: Seconds an /api/sql query may run before it is interrupted.
DEFAULT_SQL_TIMEOUT = Limits.sql_timeout

#: Sent with every page: no script, style or image from anywhere but this server, no inline script.
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


#: Host names a loopback-bound server answers to (any port); others get a 400 (DNS rebinding).
LOOPBACK_HOSTS: tuple[str, ...] = ("localhost", "127.0.0.1", "[::1]")
_WILDCARDS = frozenset({"0.0.0.0", "::", "[::]", ""})
_LOOPBACK_ADDRESSES = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


def allowed_hosts_for(host: str, extra: Iterable[str] = ()) -> list[str]:
    """The Host names a server bound to `host` answers to: the loopback names, the bound address
    itself unless it is a wildcard, and every `extra` name ("*" answers any Host).

    Bound to a wildcard (0.0.0.0, ::), the names clients will use cannot be guessed, so at
    least one `extra` name is required (ValueError otherwise)."""
    names = [*LOOPBACK_HOSTS]
    extra = [e.strip() for e in extra if e.strip()]
    if host.strip().lower() in _WILDCARDS and not extra:
        raise ValueError(f"--host {host} serves every interface: add --allowed-host NAME for each host name or "
                         "address clients will use (or --allowed-host '*' to answer any Host header)")
    if host.strip().lower() not in _WILDCARDS | _LOOPBACK_ADDRESSES:
        names.append(host.strip())
    return [*names, *extra]


def create_app(db: str | Path, *, sql_timeout: float | None = None, limits: Limits | None = None,
               allowed_hosts: Sequence[str] = LOOPBACK_HOSTS) -> FastAPI:
    """A web app serving the knowledge base at `db`, opened read-only (StoreError if it is missing).

    `limits` bound what a reply may cost (byte cap, SQL time, workers); `sql_timeout`, if
    given, replaces its time limit. Only requests whose Host header names one of
    `allowed_hosts` (any port; "*" for any) are answered.
    """
    kb = KnowledgeBase(db, read_only=True)
    limits = limits or Limits()
    if sql_timeout is not None:
        limits = dataclasses.replace(limits, sql_timeout=sql_timeout)
    gate = SqlGate(workers=limits.sql_workers, wait=limits.sql_wait)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        gate.close()
        kb.close()

    app = FastAPIOffline(
        title="powderkeg",
        version=powderkeg.__version__,
        description="Read-only HTTP API over a powderkeg knowledge base: events, arms transfers, quotes, "
                    "labels and disputes, each with the sentence it came from. Every error answers "
                    '`{"error": "...", "details": [...]}`.',
        lifespan=lifespan,
        redoc_url=None,
        static_url="/static/docs",
        favicon_url="/static/favicon.svg",
    )
    app.state.kb = kb
    app.state.limits = limits
    app.state.sql_gate = gate
    app.state.sql_timeout = limits.sql_timeout
    app.state.private_paths = _private_paths(db)
    app.add_middleware(_ConnectionPerRequest, kb=kb)

    from powderkeg.web import api_routes, pages

    app.include_router(api_routes.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(files("powderkeg.web").joinpath("static"))), name="static")
    _add_middleware(app)
    _add_error_handlers(app)
    # Added last, so they run first: a request for a foreign Host or from another site's
    # background never reaches a route.
    app.add_middleware(HeadAsGet)
    app.add_middleware(FetchMetadataGuard)
    app.add_middleware(HostGuard, allowed=allowed_hosts)
    return app


def _private_paths(db: str | Path) -> list[tuple[str, str]]:
    """(path, shown-instead) pairs scrubbed from error messages, longest first."""
    given = Path(db)
    pairs = {str(given): "the knowledge base", str(given.resolve()): "the knowledge base",
             str(given.resolve().parent): "the server's data folder"}
    if str(given.parent) not in (".", ""):
        pairs[str(given.parent)] = "the server's data folder"
    return sorted(pairs.items(), key=lambda kv: -len(kv[0]))


def scrub(message: str, private: Sequence[tuple[str, str]]) -> str:
    """`message` with the server's file paths replaced by plain names."""
    for path, name in private:
        if path and path not in (".", "/"):
            message = message.replace(path, name)
    return message


async def _refuse(send: Send, status: int, message: str) -> None:
    """Answer a request before it reaches the app: JSON in the API's error shape."""
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"x-content-type-options", b"nosniff")]})
    await send({"type": "http.response.body", "body": body})


def host_name(header: str) -> str:
    """The name in a Host header, without its port, lower-cased ("[::1]:8000" -> "[::1]")."""
    value = header.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        return value[:end + 1] if end > 0 else value
    name, _, port = value.rpartition(":")
    if name and port.isdigit():
        value = name
    return value.rstrip(".")


class HostGuard:
    """Answer only requests whose Host header is an allowed name (DNS-rebinding protection).

    A page on evil.example whose name is made to resolve to 127.0.0.1 sends
    `Host: evil.example`; it gets a 400 and never a byte of the knowledge base.
    """

    def __init__(self, app: ASGIApp, allowed: Sequence[str]) -> None:
        self.app = app
        self.any = "*" in allowed
        # A bare IPv6 address ("::1") is written in brackets in a Host header.
        self.allowed = frozenset(host_name(f"[{a}]" if a.count(":") > 1 and not a.startswith("[") else a)
                                 for a in allowed if a != "*")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.any:
            await self.app(scope, receive, send)
            return
        header = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"), "")
        if host_name(header) not in self.allowed:
            shown = header[:100] or "(none)"
            await _refuse(send, 400, f"Host {shown!r} is not served here; this server answers to "
                                     f"{', '.join(sorted(self.allowed))} (powderkeg serve --allowed-host NAME)")
            return
        await self.app(scope, receive, send)


class FetchMetadataGuard:
    """Refuse requests another site's page makes in the background (an `<img>`, a script's fetch,
    an iframe), by the Sec-Fetch-* headers browsers send; following a link to this server still works.

    This stops a page elsewhere from making the analyst's browser run heavy SQL here.
    Clients that send no such headers (curl, scripts) are not browsers and are let through.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers: dict[bytes, str] = {k: v.decode("latin-1").lower() for k, v in scope.get("headers", [])
                                         if k.startswith(b"sec-fetch-")}
            site = headers.get(b"sec-fetch-site", "")
            top_level = (headers.get(b"sec-fetch-mode") == "navigate"
                         and headers.get(b"sec-fetch-dest", "document") == "document")
            if site in ("cross-site", "same-site") and not top_level:
                await _refuse(send, 403, "requests made by another site's page are refused")
                return
        await self.app(scope, receive, send)


class HeadAsGet:
    """HEAD is answered wherever GET is: the GET route runs and only its headers are sent."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class _ConnectionPerRequest:
    """Each request reads through one connection from its first query until it is answered.

    Why (issue 14): the store gives its read-only connection up whenever an ingest
    writes a batch; holding it per request means a page never mixes two states of the
    database, and an ingest waits only for the requests under way, never for the server.
    (A new connection per request would cost a cold cache: ~100 ms a page at 100,000 events.)
    """

    def __init__(self, app: ASGIApp, kb: KnowledgeBase) -> None:
        self.app = app
        self.kb = kb

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with self.kb.session():  # the connection is taken at the first query, in the worker thread
            await self.app(scope, receive, send)


def _add_middleware(app: FastAPI) -> None:
    @app.middleware("http")
    async def tidy(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        # An HTML form sends its empty fields as "actor=": treat those as not given.
        raw = request.scope.get("query_string", b"")
        if raw:
            pairs = [(k, v) for k, v in parse_qsl(raw.decode("latin-1"), keep_blank_values=True) if v != ""]
            request.scope["query_string"] = urlencode(pairs).encode("latin-1")
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if not request.url.path.startswith("/docs"):  # Swagger UI starts itself with an inline script
            response.headers.setdefault("Content-Security-Policy", _CSP)
        return response


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, message: str, details: list[dict[str, Any]] | None = None,
           headers: Mapping[str, str] | None = None) -> Response:
    message = scrub(message, getattr(request.app.state, "private_paths", ()))
    if _wants_json(request):
        body: dict[str, Any] = {"error": message}
        if details:
            body["details"] = details
        return JSONResponse(body, status_code=status, headers=headers)
    from powderkeg.web.pages import templates

    return templates.TemplateResponse(request, "error.html",
                                      {"status": status, "message": message, "details": details or []},
                                      status_code=status, headers=headers)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        details = [
            {"param": str(err.get("loc", ("?",))[-1]), "in": str(err.get("loc", ("?",))[0]),
             "message": str(err.get("msg", "invalid"))}
            for err in exc.errors()
        ]
        names = ", ".join(d["param"] for d in details)
        return _error(request, 422, f"invalid value for {names}", details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        elif exc.status_code == 405:
            message = "this server is read-only: only GET and HEAD requests are answered"
        return _error(request, exc.status_code, message, headers=exc.headers)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        status = 404 if str(exc).startswith("no article") else 400
        return _error(request, status, str(exc))

    @app.exception_handler(PowderkegError)
    async def powderkeg_error(request: Request, exc: PowderkegError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return _error(request, 500, "internal error; the server log has the details")
