"""powderkeg's web app: a read-only HTTP API and analyst pages over a knowledge base.

    powderkeg serve --db kb.duckdb            # http://127.0.0.1:8000, API docs at /docs

Python: `create_app(path)` gives the FastAPI app; `serve(path)` runs it with uvicorn.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from powderkeg.web.api_routes import Limits
from powderkeg.web.app import DEFAULT_SQL_TIMEOUT, LOOPBACK_HOSTS, allowed_hosts_for, create_app


def serve(db: str | Path, *, host: str = "127.0.0.1", port: int = 8000,
          sql_timeout: float = DEFAULT_SQL_TIMEOUT, limits: Limits | None = None,
          allowed_hosts: Sequence[str] = (), log_level: str = "info") -> None:
    """Serve the knowledge base at `db` until interrupted (binds to localhost unless `host` says otherwise).

    The server answers the loopback names, the bound address and `allowed_hosts`
    (ValueError when `host` is a wildcard such as 0.0.0.0 and no name is given).
    """
    import uvicorn

    names = allowed_hosts_for(host, allowed_hosts)
    app = create_app(db, sql_timeout=sql_timeout, limits=limits, allowed_hosts=names)
    uvicorn.run(app, host=host, port=port, log_level=log_level)


__all__ = ["DEFAULT_SQL_TIMEOUT", "LOOPBACK_HOSTS", "Limits", "allowed_hosts_for", "create_app", "serve"]
