"""The web app: a FastAPI application over one read-only knowledge base.

`create_app` wires the JSON API (web/api_routes.py), the pages (web/pages.py),
the static assets and the error handling. Errors never show a traceback: the
API answers JSON {"error": ...}, pages answer a short HTML page.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
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
from starlette.types import ASGIApp, Receive, Scope, Send

import powderkeg
from powderkeg.api import KnowledgeBase
from powderkeg.errors import PowderkegError, StoreError

log = logging.getLogger(__name__)

#: Seconds an /api/sql query may run before it is interrupted.
DEFAULT_SQL_TIMEOUT = 5.0

#: Sent with every page: no script, style or image from anywhere but this server, no inline script.
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(db: str | Path, *, sql_timeout: float = DEFAULT_SQL_TIMEOUT) -> FastAPI:
    """A web app serving the knowledge base at `db`, opened read-only (StoreError if it is missing)."""
    kb = KnowledgeBase(db, read_only=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        kb.close()

    app = FastAPIOffline(
        title="powderkeg",
        version=powderkeg.__version__,
        description="Read-only HTTP API over a powderkeg knowledge base: events, arms transfers, quotes, "
                    "labels and disputes, each with the sentence it came from.",
        lifespan=lifespan,
        redoc_url=None,
        static_url="/static/docs",
        favicon_url="/static/favicon.svg",
    )
    app.state.kb = kb
    app.state.sql_timeout = sql_timeout
    app.state.db_path = str(db)
    app.add_middleware(_ConnectionPerRequest, kb=kb)

    from powderkeg.web import api_routes, pages

    app.include_router(api_routes.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(files("powderkeg.web").joinpath("static"))), name="static")
    _add_middleware(app)
    _add_error_handlers(app)
    return app


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


def _error(request: Request, status: int, message: str, details: list[dict[str, Any]] | None = None) -> Response:
    if _wants_json(request):
        body: dict[str, Any] = {"error": message}
        if details:
            body["details"] = details
        return JSONResponse(body, status_code=status)
    from powderkeg.web.pages import templates

    return templates.TemplateResponse(request, "error.html",
                                      {"status": status, "message": message, "details": details or []},
                                      status_code=status)


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
            message = "this server is read-only: only GET requests are answered"
        return _error(request, exc.status_code, message)

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
