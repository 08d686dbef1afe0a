"""The `powderkeg` command line: parse options, call the public API, print.

Each command is a few lines over `powderkeg.api`. Library errors
(PowderkegError) become one red `error: ...` line and exit code 1, never a
traceback. `--format csv|json` writes plain text to stdout so it pipes into
other tools; everything meant for a person (progress, warnings) goes to stderr.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import json
import logging
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from rich.columns import Columns
from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

import powderkeg
from powderkeg import api, csvout
from powderkeg import explain as explaining
from powderkeg.errors import FilterError, PowderkegError, ReadOnlyQueryError, StoreError
from powderkeg.filters import parse_date
from powderkeg.story import copy_row, deal_row, incident_row, sort_incidents

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

app = typer.Typer(
    name="powderkeg",
    help="News articles in, an evidence-linked DuckDB of geopolitical actors, people and PLOVER events out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


_SINCE_HELP = "Published on or after (YYYY[-MM[-DD]]); undated items are left out and counted."
_UNTIL_HELP = "Published on or before (YYYY[-MM[-DD]]); undated items are left out and counted."
_OUTLET_HELP = "Outlet name contains this (any case), e.g. 'balkan'."
_ACTOR_HELP = "an actor code, name or alias (XKX, Kosovo, 'United States')"
IncludeUndated = Annotated[bool, typer.Option("--include-undated",
                                              help="With --since/--until, list undated items too.")]
UndatedOnly = Annotated[bool, typer.Option("--undated-only", help="List only undated items.")]


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"


class Engine(StrEnum):
    local = "local"
    dask = "dask"


@dataclasses.dataclass
class State:
    db: Path
    verbose: int


# --------------------------------------------------------------------------- plumbing


def _state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    if isinstance(obj, State):
        return obj
    return State(db=Path(api.DEFAULT_DB), verbose=0)


def _setup_logging(verbose: int) -> None:
    """`-v` shows INFO, `-vv` DEBUG; the library itself only has a NullHandler."""
    level = logging.WARNING if verbose <= 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logger = logging.getLogger("powderkeg")
    for handler in list(logger.handlers):
        if isinstance(handler, RichHandler):
            logger.removeHandler(handler)
    handler = RichHandler(console=err, show_path=False, show_time=verbose > 1)
    handler.setLevel(level)
    logger.addHandler(handler)
    logger.setLevel(level)


def _error(message: str) -> None:
    err.print(Text(f"error: {message}", style="bold red"), soft_wrap=True)


def _usage_error(message: str) -> NoReturn:
    """A bad option value: one red line naming the option, exit code 2 (click's code for usage errors)."""
    _error(message)
    raise typer.Exit(2)


@contextmanager
def _guard() -> Iterator[None]:
    """Turn library errors into one red line and exit code 1 (2 for a bad filter value)."""
    try:
        yield
    except FilterError as exc:
        _usage_error(str(exc))
    except ReadOnlyQueryError as exc:
        _error(f"{exc} (`powderkeg sql` never changes the database)")
        raise typer.Exit(1) from None
    except PowderkegError as exc:
        _error(str(exc))
        raise typer.Exit(1) from None
    except OSError as exc:
        _error(f"{exc.filename + ': ' if exc.filename else ''}{exc.strerror or exc}")
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        _error("interrupted (batches already written are kept)")
        raise typer.Exit(130) from None


def _as_dict(record: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return dataclasses.asdict(record)
    if isinstance(record, dict):
        return dict(record)
    if hasattr(record, "_asdict"):
        return dict(record._asdict())
    return {"value": record}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _emit(rows: Sequence[dict[str, Any]], fmt: OutputFormat, *, columns: Sequence[str] | None = None,
          title: str | None = None, preferred: Sequence[str] = ()) -> None:
    """Print rows as a rich table, or as plain CSV (spreadsheet-safe) / JSON on stdout."""
    if columns is None:
        columns = list(rows[0]) if rows else []
    if fmt is OutputFormat.json:
        sys.stdout.write(json.dumps([{c: r.get(c) for c in columns} for r in rows],
                                    ensure_ascii=False, default=str, indent=1) + "\n")
        return
    if fmt is OutputFormat.csv:
        # Spreadsheet-safe: formula-like text cells get a leading apostrophe (csvout).
        csvout.write(sys.stdout, columns, ([r.get(c) for c in columns] for r in rows))
        return
    shown = [c for c in preferred if c in columns] or list(columns)
    table = Table(title=title, show_lines=False, header_style="bold")
    for c in shown:
        numeric = bool(rows) and all(isinstance(r.get(c), int | float) and not isinstance(r.get(c), bool)
                                     for r in rows)
        table.add_column(c, overflow="fold", justify="right" if numeric else "left",
                         ratio=3 if c in ("evidence", "text", "title") else None)
    for r in rows:
        table.add_row(*(escape(_short(c, r.get(c))) for c in shown))
    out.print(table)
    out.print(f"[dim]{len(rows)} row{'s' if len(rows) != 1 else ''}[/]")


def _short(column: str, value: Any) -> str:
    text = _cell(value)
    if column in ("id", "article_id") and len(text) > 10:
        return text[:10]
    return text


def _date(value: str | None, *, option: str) -> str | None:
    """A --since/--until value as the ISO day it stands for (powderkeg.filters.parse_date, the check the
    API and the web use too); a bad one is a usage error naming the option (exit 2), never a traceback."""
    if value is None:
        return None
    try:
        return parse_date(value, option=option, end=option == "--until")
    except FilterError as exc:
        _usage_error(str(exc))


def _actor(kb: api.KnowledgeBase, value: str | None, option: str) -> str | None:
    """The actor code `value` names (a code, a name or an alias); says on stderr which code a name
    resolved to, so `--actor Kosovo` is visibly XKX. An unknown name is a usage error with suggestions."""
    if value is None or not value.strip():
        return None
    match = kb.resolve_actor(value, option=option)
    if match.matched != "code":
        err.print(Text(f"{option.lstrip('-')} {match.describe()}", style="dim"), soft_wrap=True)
    return match.code


_NOUNS = {"events": ("event", "events"), "arms": ("arms transfer", "arms transfers"),
          "quotes": ("quote", "quotes"), "labels": ("label", "labels"), "articles": ("article", "articles")}


def _undated_flag(include: bool, only: bool) -> str | None:
    if include and only:
        _usage_error("--include-undated and --undated-only: give one of them")
    return "only" if only else "include" if include else None


def _report_undated(kb: api.KnowledgeBase, kind: str, filters: dict[str, Any]) -> None:
    """Say on stderr how many undated items the date range left out, and how to see them."""
    n = kb.count_undated(kind, **{k: v for k, v in filters.items() if k not in ("limit", "offset")})
    if n:
        noun = _NOUNS[kind][n != 1]
        err.print(f"[yellow]{n} undated {noun} left out by --since/--until[/] "
                  "(--include-undated lists them too, --undated-only lists only them)", soft_wrap=True)


def _pairs(value: Any) -> list[tuple[Any, ...]]:
    """Summary fields come as dicts or lists of tuples/records; make them rows."""
    if value is None:
        return []
    if isinstance(value, dict):
        return [(k, v) for k, v in value.items()]
    rows: list[tuple[Any, ...]] = []
    for item in value:
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            rows.append(tuple(dataclasses.asdict(item).values()))
        elif isinstance(item, list | tuple):
            rows.append(tuple(item))
        else:
            rows.append((item,))
    return rows


def _print_summary(summary: Any, *, heading: str | None = None) -> None:
    if heading:
        out.print(heading)
    out.print(
        f"  database: [bold]{summary.n_articles}[/] articles, [bold]{summary.n_events}[/] events, "
        f"[bold]{summary.n_actors}[/] actors, [bold]{summary.n_people}[/] people, "
        f"{summary.n_failures} failed inputs"
    )
    tables: list[Table] = []
    by_type = _pairs(summary.events_by_type)
    if by_type:
        table = Table(title="Events by type", title_justify="left", header_style="bold")
        table.add_column("type")
        table.add_column("events", justify="right")
        for row in by_type:
            table.add_row(escape(str(row[0])), str(row[-1]))
        tables.append(table)
    dyads = _pairs(summary.top_dyads)
    if dyads:
        table = Table(title="Top dyads", title_justify="left", header_style="bold")
        table.add_column("source")
        table.add_column("target")
        table.add_column("events", justify="right")
        for row in dyads:
            if len(row) >= 3:
                table.add_row(escape(str(row[0])), escape(str(row[1])), str(row[-1]))
            elif len(row) == 2 and isinstance(row[0], list | tuple):
                table.add_row(escape(str(row[0][0])), escape(str(row[0][-1])), str(row[1]))
            else:
                table.add_row(escape(str(row[0])), "", str(row[-1]))
        tables.append(table)
    if tables:
        out.print(Columns(tables, padding=(0, 4)))


def _open_ro(ctx: typer.Context) -> api.KnowledgeBase:
    return api.open(_state(ctx).db, read_only=True)


# --------------------------------------------------------------------------- commands


def _print_version(value: bool) -> None:
    if value:
        out.print(f"powderkeg {powderkeg.__version__}")
        raise typer.Exit(0)


_DB_HELP = f"DuckDB file to use (else $POWDERKEG_DB, else {api.DEFAULT_DB})."
_VERBOSE_HELP = "More logging (-v info, -vv debug), on stderr."


@app.callback()
def _root(
    ctx: typer.Context,
    db: Annotated[Path, typer.Option("--db", envvar="POWDERKEG_DB", help=_DB_HELP,
                                     show_default=True)] = Path(api.DEFAULT_DB),
    verbose: Annotated[int, typer.Option("-v", "--verbose", count=True, help=_VERBOSE_HELP,
                                         show_default=False)] = 0,
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_print_version,
                                          help="Print powderkeg's version and exit.")] = False,
) -> None:
    """News articles in, an evidence-linked DuckDB of geopolitical actors, people and PLOVER events out."""
    ctx.obj = State(db=db, verbose=verbose)
    _setup_logging(verbose)


F = TypeVar("F", bound=Callable[..., Any])

# The global options again, on every command, so `powderkeg ingest corpus/ --db kb.duckdb` works and
# each command's --help lists them (issue 14). Given after the command, --db wins over the one before
# it and over $POWDERKEG_DB; -v counts add up.
_GLOBAL_OPTIONS = (
    inspect.Parameter("global_db", inspect.Parameter.KEYWORD_ONLY, default=None,
                      annotation=Annotated[Path | None, typer.Option("--db", help=_DB_HELP, show_default=False)]),
    inspect.Parameter("global_verbose", inspect.Parameter.KEYWORD_ONLY, default=0,
                      annotation=Annotated[int, typer.Option("-v", "--verbose", count=True, help=_VERBOSE_HELP,
                                                                show_default=False)]),
)


def command(**settings: Any) -> Callable[[F], F]:
    """`app.command`, with --db and -v accepted after the command name too."""

    def register(func: F) -> F:
        signature = inspect.signature(func, eval_str=True)
        ctx_name = next((p.name for p in signature.parameters.values() if p.annotation is typer.Context), None)
        added = list(_GLOBAL_OPTIONS)
        if ctx_name is None:  # typer hands the context to the one parameter annotated with it
            ctx_name = "global_ctx"
            added.append(inspect.Parameter(ctx_name, inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context))

        @functools.wraps(func)
        def wrapper(*args: Any, global_db: Path | None = None, global_verbose: int = 0, **kwargs: Any) -> Any:
            ctx = kwargs.pop(ctx_name) if ctx_name == "global_ctx" else kwargs[ctx_name]
            root = ctx.find_root()
            state = root.obj if isinstance(root.obj, State) else State(db=Path(api.DEFAULT_DB), verbose=0)
            root.obj = state
            if global_db is not None:
                state.db = global_db
            if global_verbose:
                state.verbose += global_verbose
                _setup_logging(state.verbose)
            return func(*args, **kwargs)

        wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[*signature.parameters.values(), *added])
        wrapper.__annotations__ = {**func.__annotations__, **{p.name: p.annotation for p in added}}
        app.command(**settings)(wrapper)
        return func

    return register


@command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[str] | None, typer.Argument(
        help="Files, folders or globs (text, markdown, HTML, RSS/Atom, JSONL); '-' reads stdin.")] = None,
    actors: Annotated[Path | None, typer.Option("--actors", help="Extra gazetteer CSV (code,alias,...).")] = None,
    demo: Annotated[bool, typer.Option("--demo", help="Ingest the bundled demo corpus.")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1,
                                            help="Articles per parse batch and per transaction.")] = 16,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1,
                                           help="Refuse input files larger than this (for .jsonl: records larger than this).")] = api.DEFAULT_MAX_BYTES,
    force: Annotated[bool, typer.Option("--force", help="Re-extract articles already stored.")] = False,
    wait: Annotated[bool, typer.Option("--wait", help="If another ingest is writing to the database, "
                                       "wait for it to finish instead of exiting with 'busy'.")] = False,
    workers: Annotated[int, typer.Option("--workers", min=0, max=64,
                                         help="Processes that extract in parallel; 0 (the default) uses every "
                                              "core (up to 4) for 48 or more articles, one for fewer. "
                                              "With --engine dask: the LocalCluster's processes, or how many "
                                              "workers to wait for at --scheduler.")] = 0,
    engine: Annotated[Engine, typer.Option("--engine", help="Where to extract: 'local' (this machine's "
                                           "processes) or 'dask' (a Dask cluster; results come back as "
                                           "Parquet shards in <db>.shards/ and are merged here).")] = Engine.local,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="With --engine dask: the address of "
                                                  "a running Dask scheduler (tcp://host:8786) instead of a "
                                                  "LocalCluster.")] = None,
) -> None:
    """Read articles, extract actors, people and events, store them.

    The database is opened for writing one batch at a time, so `serve` and the
    query commands keep answering (and see each batch) while this runs.

    Exit code 0 if every input was read, 2 if some were skipped as bad (the
    rest are stored), 1 if none could be read or on a fatal error.
    """
    state = _state(ctx)
    inputs = list(paths or [])
    if not inputs and not demo:
        _error("give at least one PATH to ingest (or --demo)")
        raise typer.Exit(1)
    if scheduler is not None and engine != Engine.dask:
        _usage_error("--scheduler needs --engine dask")
    with _guard(), ExitStack() as stack:
        if demo:
            inputs.extend(str(p) for p in api.demo_corpus())
        kb = stack.enter_context(api.open(state.db, actors=actors))
        progress = Progress(SpinnerColumn(), TextColumn("[progress.description]{task.description}"),
                            BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            console=err, transient=True)
        with progress:
            task = progress.add_task("reading", total=None)

            def on_progress(done: int, total: int) -> None:
                progress.update(task, description="extracting", completed=done, total=total or None)

            report = kb.ingest(inputs, progress=on_progress, batch_size=batch_size,
                               max_bytes=max_bytes, force=force, wait=wait, workers=workers or None,
                               engine=engine.value, scheduler=scheduler)
        summary = kb.summary()
    out.print(
        f"Ingested into [bold]{escape(str(state.db))}[/] in {report.seconds:.1f} s: "
        f"read [bold]{report.n_read}[/] articles, [bold]{report.n_new}[/] new "
        f"({report.n_events} events), [bold]{report.n_skipped_known}[/] skipped as already stored"
        + (f", [bold red]{len(report.failures)}[/] inputs failed" if report.failures else "")
    )
    _print_summary(summary)
    for failure in report.failures:
        err.print(Text(str(failure), style="red"), soft_wrap=True)
    if report.failures and report.n_read == 0:
        _error(f"no article could be read from the {len(report.failures)} failed input"
               f"{'s' if len(report.failures) != 1 else ''}")
        raise typer.Exit(1)
    raise typer.Exit(2 if report.failures else 0)


@command()
def events(
    ctx: typer.Context,
    actor: Annotated[str | None, typer.Option(help=f"Source or target is {_ACTOR_HELP}.")] = None,
    source: Annotated[str | None, typer.Option(help="Source actor (code or name).")] = None,
    target: Annotated[str | None, typer.Option(help="Target actor (code or name).")] = None,
    dyad: Annotated[str | None, typer.Option(help="Two actors, either direction: SRB-XKX or Serbia,Kosovo.")]
        = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. ACCUSE.")] = None,
    status: Annotated[str | None, typer.Option(help="reported | claimed | denied | planned.")] = None,
    since: Annotated[str | None, typer.Option(help=_SINCE_HELP)] = None,
    until: Annotated[str | None, typer.Option(help=_UNTIL_HELP)] = None,
    include_undated: IncludeUndated = False,
    undated_only: UndatedOnly = False,
    outlet: Annotated[str | None, typer.Option(help=_OUTLET_HELP)] = None,
    contains: Annotated[str | None, typer.Option("--contains", help="Evidence contains this text.")] = None,
    article_id: Annotated[str | None, typer.Option("--article", help="Only this article id.")] = None,
    limit: Annotated[int | None, typer.Option(min=0, help="At most this many events.")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """List coded events with their evidence sentences."""
    with _guard():
        filters: dict[str, Any] = {
            "type": type_.upper() if type_ else None, "status": status.lower() if status else None,
            "since": _date(since, option="--since"), "until": _date(until, option="--until"),
            "undated": _undated_flag(include_undated, undated_only), "outlet": outlet, "text": contains,
            "article_id": article_id,
        }
        with _open_ro(ctx) as kb:
            filters.update(actor=_actor(kb, actor, "--actor"), source=_actor(kb, source, "--source"),
                           target=_actor(kb, target, "--target"))
            if dyad:
                pair = kb.resolve_dyad(dyad, option="--dyad")
                for match in pair:
                    if match.matched != "code":
                        err.print(Text(f"dyad {match.describe()}", style="dim"), soft_wrap=True)
                filters["dyad"] = (pair[0].code, pair[1].code)
            rows = [_as_dict(r) for r in kb.events(**filters, limit=limit)]
            _report_undated(kb, "events", filters)
    if fmt is not OutputFormat.table:
        _emit(rows, fmt)
        return
    table = Table(header_style="bold", show_lines=True)
    table.add_column("date / outlet", no_wrap=True, max_width=16)
    table.add_column("coding", no_wrap=True)
    table.add_column("evidence", ratio=1, overflow="fold")
    table.add_column("article", no_wrap=True, style="dim")
    for r in rows:
        neg = "not " if r.get("negated") else ""
        coding = Text(f"{r['source']} → {r['target']}\n", style="bold")
        coding.append(f"{neg}{r['type']}", style="bold cyan")
        coding.append(f" {r['status']}", style="italic")
        # the act's own date when the sentence states one ("1999 (text)"), else the publication date
        acted = f"{r['date']} (text)" if r.get("date_source") == "text" else None
        when = "\n".join(escape(str(x)) for x in (acted or r.get("published"), r.get("outlet")) if x)
        table.add_row(when, coding, escape(str(r.get("evidence", ""))), str(r.get("article_id", ""))[:10])
    out.print(table)
    out.print(f"[dim]{len(rows)} event{'s' if len(rows) != 1 else ''}[/]")


@command()
def actors(
    ctx: typer.Context,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """List actor codes with how often they appear."""
    with _guard(), _open_ro(ctx) as kb:
        rows = [_as_dict(r) for r in kb.actors()]
    _emit(rows, fmt)


@command()
def people(
    ctx: typer.Context,
    actor: Annotated[str | None, typer.Option(help=f"Only people acting for {_ACTOR_HELP}.")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """List named people and the actor each acts for."""
    with _guard(), _open_ro(ctx) as kb:
        rows = [_as_dict(r) for r in kb.people(actor=_actor(kb, actor, "--actor"))]
    _emit(rows, fmt)


def _money(value: float | None) -> str:
    if value is None:
        return ""
    for size, unit in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if value >= size:
            return f"${value / size:,.1f}{unit}"
    return f"${value:,.0f}"


@command()
def arms(
    ctx: typer.Context,
    supplier: Annotated[str | None, typer.Option(help="Supplier actor (code or name), e.g. USA.")] = None,
    recipient: Annotated[str | None, typer.Option(help="Recipient actor (code or name), e.g. Kosovo.")] = None,
    actor: Annotated[str | None, typer.Option(help="Supplier or recipient (code or name).")] = None,
    system: Annotated[str | None, typer.Option(help="System or class contains this, e.g. Javelin.")] = None,
    status: Annotated[str | None, typer.Option(
        help="delivered, approved, requested, planned, alleged or denied (comma-separated).")] = None,
    since: Annotated[str | None, typer.Option(help=_SINCE_HELP)] = None,
    until: Annotated[str | None, typer.Option(help=_UNTIL_HELP)] = None,
    include_undated: IncludeUndated = False,
    undated_only: UndatedOnly = False,
    outlet: Annotated[str | None, typer.Option(help=_OUTLET_HELP)] = None,
    limit: Annotated[int | None, typer.Option(min=0, help="At most this many transfers.")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """The arms register: who supplies which weapon system to whom, how many, for how much."""
    with _guard():
        filters: dict[str, Any] = {
            "system": system, "status": status, "since": _date(since, option="--since"),
            "until": _date(until, option="--until"), "undated": _undated_flag(include_undated, undated_only),
            "outlet": outlet,
        }
        with _open_ro(ctx) as kb:
            filters.update(supplier=_actor(kb, supplier, "--supplier"),
                           recipient=_actor(kb, recipient, "--recipient"), actor=_actor(kb, actor, "--actor"))
            rows = [_as_dict(r) for r in kb.arms(**filters, limit=limit)]
            _report_undated(kb, "arms", filters)
    if fmt is not OutputFormat.table:
        _emit(rows, fmt)
        return
    table = Table(header_style="bold", show_lines=True, title="Arms register")
    table.add_column("from → to", no_wrap=True)
    table.add_column("system", min_width=10)
    table.add_column("qty · value", justify="right", no_wrap=True)
    table.add_column("status", min_width=10)
    table.add_column("evidence", ratio=1, overflow="fold")
    for r in rows:
        weapon = Text(r["system"], style="bold")
        if r.get("weapon_class"):
            weapon.append(f"\n{r['weapon_class']}", style="dim")
        amount = "\n".join(x for x in ("" if r["quantity"] is None else f"{r['quantity']:,}",
                                        _money(r["value_usd"])) if x)
        when = Text(r["status"], style="italic")
        for x in (r.get("published"), r.get("outlet")):
            if x:
                when.append(f"\n{x}", style="dim")
        table.add_row(f"{r['supplier']} → {r['recipient']}", weapon, amount, when, escape(r["evidence"]))
    out.print(table)
    out.print(f"[dim]{len(rows)} transfer{'s' if len(rows) != 1 else ''}[/]")


@command()
def quotes(
    ctx: typer.Context,
    speaker: Annotated[str | None, typer.Option(help="Speaker contains this (accents ignored).")] = None,
    actor: Annotated[str | None, typer.Option(help=f"Speaker acts for {_ACTOR_HELP}.")] = None,
    contains: Annotated[str | None, typer.Option(help="Quoted text contains this.")] = None,
    kind: Annotated[str | None, typer.Option(help="direct or indirect (reported speech).")] = None,
    since: Annotated[str | None, typer.Option(help=_SINCE_HELP)] = None,
    until: Annotated[str | None, typer.Option(help=_UNTIL_HELP)] = None,
    include_undated: IncludeUndated = False,
    undated_only: UndatedOnly = False,
    outlet: Annotated[str | None, typer.Option(help=_OUTLET_HELP)] = None,
    limit: Annotated[int | None, typer.Option(min=0, help="At most this many quotes.")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """Who said what: direct quotes and reported speech, with speaker and actor."""
    with _guard():
        filters: dict[str, Any] = {
            "speaker": speaker, "contains": contains, "kind": kind, "since": _date(since, option="--since"),
            "until": _date(until, option="--until"), "undated": _undated_flag(include_undated, undated_only),
            "outlet": outlet,
        }
        with _open_ro(ctx) as kb:
            filters["actor"] = _actor(kb, actor, "--actor")
            rows = [_as_dict(r) for r in kb.quotes(**filters, limit=limit)]
            _report_undated(kb, "quotes", filters)
    _emit(rows, fmt, preferred=("published", "outlet", "speaker", "actor", "cue", "kind", "text", "article_id"))


class LabelGrouping(StrEnum):
    outlet = "outlet"
    none = "none"


@command()
def labels(
    ctx: typer.Context,
    by: Annotated[LabelGrouping, typer.Option(help="outlet: one row per outlet, actor and term; none: every use.")]
    = LabelGrouping.outlet,
    target: Annotated[str | None, typer.Option(help=f"Only labels for {_ACTOR_HELP}.")] = None,
    outlet: Annotated[str | None, typer.Option(help=_OUTLET_HELP)] = None,
    since: Annotated[str | None, typer.Option(help=_SINCE_HELP + " Lists every use (--by none).")] = None,
    until: Annotated[str | None, typer.Option(help=_UNTIL_HELP + " Lists every use (--by none).")] = None,
    include_undated: IncludeUndated = False,
    undated_only: UndatedOnly = False,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """Framing labels ("breakaway region", "regime", ...): which outlet uses which term for which actor."""
    with _guard():
        filters: dict[str, Any] = {
            "outlet": outlet, "since": _date(since, option="--since"), "until": _date(until, option="--until"),
            "undated": _undated_flag(include_undated, undated_only),
        }
        if filters["since"] or filters["until"] or filters["undated"]:
            by = LabelGrouping.none  # the by-outlet table has no dates: list each dated use
        with _open_ro(ctx) as kb:
            filters["target"] = _actor(kb, target, "--target")
            if by is LabelGrouping.outlet:
                rows = [_as_dict(r) for r in kb.label_usage(target=filters["target"], outlet=outlet)]
            else:
                rows = [_as_dict(r) for r in kb.labels(**filters)]
                _report_undated(kb, "labels", filters)
    if by is LabelGrouping.none or fmt is not OutputFormat.table:
        _emit(rows, fmt, preferred=("published", "outlet", "target", "term", "evidence", "article_id"))
        return
    # side by side: one column per outlet, one row per actor, terms listed with counts
    outlets = sorted({r["outlet"] for r in rows})
    grid: dict[str, dict[str, list[str]]] = {}
    for r in rows:
        grid.setdefault(r["target"], {}).setdefault(r["outlet"], []).append(
            f"{r['term']} ({r['n']})" if r["n"] > 1 else r["term"])
    table = Table(header_style="bold", show_lines=True, title="Labels by outlet")
    table.add_column("actor", no_wrap=True)
    for name in outlets:
        table.add_column(escape(name), overflow="fold")
    for code in sorted(grid):
        table.add_row(code, *(escape("\n".join(grid[code].get(name, []))) for name in outlets))
    out.print(table)
    out.print(f"[dim]{len(rows)} (outlet, actor, term) rows[/]")


@command()
def disputes(
    ctx: typer.Context,
    actor: Annotated[str | None, typer.Option(help=f"Only facts {_ACTOR_HELP} is party to.")] = None,
    kind: Annotated[str | None, typer.Option(help="event or arms.")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """Disputed facts: who asserts and who denies each, with evidence and outlets."""
    with _guard(), _open_ro(ctx) as kb:
        found = kb.disputes(actor=_actor(kb, actor, "--actor"), kind=kind)
    rows = [_as_dict(d) for d in found]
    if fmt is not OutputFormat.table:
        _emit(rows, fmt)
        return

    def side(stances: Sequence[dict[str, Any]]) -> Text:
        text = Text()
        for n, st in enumerate(stances):
            if n:
                text.append("\n\n")
            who = st["by"] or "stated as fact"
            text.append(f"{who}", style="bold")
            text.append(f" · {st['status']} · {st.get('outlet') or '?'} {st.get('published') or ''}\n", style="dim")
            text.append(st["evidence"])
        return text

    table = Table(header_style="bold", show_lines=True, title="Disputed facts")
    table.add_column("fact", no_wrap=True)
    table.add_column("asserted", ratio=1, overflow="fold")
    table.add_column("denied", ratio=1, overflow="fold")
    for d in rows:
        fact = Text(f"{d['source']} → {d['target']}\n", style="bold")
        fact.append(f"{d['what']}", style="bold cyan")
        fact.append(f"\n({d['kind']})", style="dim")
        table.add_row(fact, side(d["asserted"]), side(d["denied"]))
    out.print(table)
    out.print(f"[dim]{len(rows)} disputed fact{'s' if len(rows) != 1 else ''}[/]")


@command()
def copies(
    ctx: typer.Context,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """Reports that are copies of one text (exact or near: retitled, trimmed, credited, reworded).

    The earliest report is the group's origin; a wire credit in the text ("(AP)") is shown."""
    with _guard(), _open_ro(ctx) as kb:
        found = kb.copy_groups()
    rows: list[dict[str, Any]] = [copy_row(g) for g in found]
    if fmt is not OutputFormat.table:
        _emit(rows, fmt)
        return
    table = Table(header_style="bold", show_lines=True, title="Copies")
    table.add_column("group", no_wrap=True)
    table.add_column("reports", ratio=1, overflow="fold")
    for g in rows:
        text = Text()
        for n, r in enumerate(g["reports"]):
            text.append(("origin: " if n == 0 else "") + f"{r['outlet'] or '?'} {r['published'] or ''}",
                        style="bold" if n == 0 else "")
            text.append(f"  {r['title'] or ''} [{str(r['article'])[:10]}]\n", style="dim")
        head = Text(str(g["group"])[:10])
        if g["wire"]:
            head.append(f"\n{g['wire']}", style="italic")
        table.add_row(head, text)
    out.print(table)
    out.print(f"[dim]{len(rows)} group{'s' if len(rows) != 1 else ''} of copies[/]")


class IncidentSort(StrEnum):
    date = "date"
    independent = "independent"
    reports = "reports"


@command()
def incidents(
    ctx: typer.Context,
    actor: Annotated[str | None, typer.Option(help=f"Only incidents {_ACTOR_HELP} is party to.")] = None,
    source: Annotated[str | None, typer.Option(help="Source actor.")] = None,
    target: Annotated[str | None, typer.Option(help="Target actor.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type(s), comma-separated.")] = None,
    since: Annotated[str | None, typer.Option(help=_SINCE_HELP)] = None,
    until: Annotated[str | None, typer.Option(help=_UNTIL_HELP)] = None,
    min_reports: Annotated[int, typer.Option("--min-reports", min=1, help="Only incidents with this many "
                                                                          "reports or more.")] = 1,
    sort: Annotated[IncidentSort, typer.Option(help="date, independent (sources) or reports.")] = IncidentSort.date,
    disputed: Annotated[bool, typer.Option("--disputed", help="Only incidents one party asserts and another "
                                                              "denies.")] = False,
    window: Annotated[int, typer.Option(min=0, max=60, help="Days two reports' act dates may differ.")] = 3,
    limit: Annotated[int | None, typer.Option(min=1)] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """Events that several reports give of one act, merged: its reports, outlets, independent
    sources (copies of one origin count once) and the statuses reported."""
    with _guard(), _open_ro(ctx) as kb:
        found = kb.incidents(actor=_actor(kb, actor, "--actor"), source=_actor(kb, source, "--source"),
                             target=_actor(kb, target, "--target"), type=type_,
                             since=_date(since, option="--since"), until=_date(until, option="--until"),
                             window=window)
    rows = [incident_row(i) for i in found if len(i.reports) >= min_reports and (i.disputed or not disputed)]
    rows = sort_incidents(rows, sort.value)
    rows = rows[:limit] if limit else rows
    if fmt is not OutputFormat.table:
        _emit(rows, fmt)
        return
    _print_incidents(rows, "Incidents")


def _print_incidents(rows: Sequence[dict[str, Any]], title: str) -> None:
    table = Table(header_style="bold", show_lines=True, title=title)
    table.add_column("when", no_wrap=True)
    table.add_column("coding", no_wrap=True)
    table.add_column("reports", justify="right")
    table.add_column("outlets", ratio=1, overflow="fold")
    table.add_column("first report's evidence", ratio=2, overflow="fold")
    for r in rows:
        when = r["date_start"] or "undated"
        if r["date_end"] and r["date_end"] != r["date_start"]:
            when += f"\n–{r['date_end']}"
        coding = Text(f"{r['source']} → {r['target']}\n", style="bold")
        coding.append(("not " if r["negated"] else "") + r["type"], style="bold cyan")
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(r["statuses"].items()))
        table.add_row(when, coding, f"{r['reports']}\n{r['independent']} indep.", escape(", ".join(r["outlets"])),
                      escape(f"{r['evidence'] or ''}\n[{statuses}]"))
    out.print(table)
    out.print(f"[dim]{len(rows)} incident{'s' if len(rows) != 1 else ''}[/]")


@command()
def timeline(
    ctx: typer.Context,
    actor: Annotated[str, typer.Option(help=f"The actor whose incidents to list ({_ACTOR_HELP}).")],
    since: Annotated[str | None, typer.Option(help=_SINCE_HELP)] = None,
    until: Annotated[str | None, typer.Option(help=_UNTIL_HELP)] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """An actor's incidents in the order they happened (dated by the act, undated last)."""
    with _guard(), _open_ro(ctx) as kb:
        code = _actor(kb, actor, "--actor")
        found = kb.incidents(actor=code, since=_date(since, option="--since"),
                             until=_date(until, option="--until"))
    rows = sorted((incident_row(i) for i in found), key=lambda r: (r["date_start"] or "9999", r["id"]))
    if fmt is not OutputFormat.table:
        _emit(rows, fmt)
        return
    _print_incidents(rows, f"Timeline of {code}")


@command()
def deals(
    ctx: typer.Context,
    supplier: Annotated[str | None, typer.Option(help="Supplier actor.")] = None,
    recipient: Annotated[str | None, typer.Option(help="Recipient actor.")] = None,
    actor: Annotated[str | None, typer.Option(help="Supplier or recipient.")] = None,
    system: Annotated[str | None, typer.Option(help="System or class contains this.")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """The deal register: arms records of one deal across reports, with its steps
    (requested -> approved -> delivered), quantities, values and sources."""
    with _guard(), _open_ro(ctx) as kb:
        found = kb.deals(supplier=_actor(kb, supplier, "--supplier"), recipient=_actor(kb, recipient, "--recipient"),
                         actor=_actor(kb, actor, "--actor"), system=system)
    rows = [deal_row(d) for d in found]
    if fmt is not OutputFormat.table:
        _emit(rows, fmt)
        return
    table = Table(header_style="bold", show_lines=True, title="Deals")
    for col in ("deal", "system", "status", "history"):
        table.add_column(col, overflow="fold", ratio=2 if col == "history" else None)
    for d in rows:
        history = Text()
        for n, s in enumerate(d["steps"]):
            if n:
                history.append("\n")
            figures = " ".join(x for x in (f"{s['quantity']:,}" if s["quantity"] else "",
                                            _money(s["value_usd"]) if s["value_usd"] else "") if x)
            history.append(f"{s['status']}", style="bold")
            history.append(f" {s['first_reported'] or ''} {figures} ({len(s['reports'])} report"
                           f"{'s' if len(s['reports']) != 1 else ''})")
        table.add_row(f"{d['supplier']} → {d['recipient']}", escape(d["system"]),
                      d["status"] + (" (disputed)" if d["disputed"] else ""), history)
    out.print(table)
    out.print(f"[dim]{len(rows)} deal{'s' if len(rows) != 1 else ''}[/]")


@command()
def coverage(
    ctx: typer.Context,
    actor: Annotated[str, typer.Option(help=f"The actor ({_ACTOR_HELP}).")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """How each outlet covers an actor: articles, events and incidents it carried, the labels it
    applied, whose quotes it ran. Outlets that carried nothing on the actor are listed with zeros."""
    with _guard(), _open_ro(ctx) as kb:
        code = _actor(kb, actor, "--actor") or actor
        found = kb.coverage(code)
    rows = [_as_dict(c) for c in found]
    if fmt is not OutputFormat.table:
        _emit(rows, fmt)
        return
    table = Table(header_style="bold", show_lines=False, title=f"How each outlet covers {code}")
    for col in ("outlet", "articles", "events", "incidents", "labels", "quotes", "speakers"):
        table.add_column(col, overflow="fold", justify="right" if col in ("articles", "events", "incidents",
                                                                           "quotes") else "left")
    for r in rows:
        silent = not (r["articles"] or r["events"])
        table.add_row(escape(r["outlet"]), str(r["articles"]), str(r["events"]), str(r["incidents"]),
                      escape("; ".join(r["labels"])), str(r["quotes"]), escape("; ".join(r["speakers"])),
                      style="dim" if silent else None)
    out.print(table)


@command()
def articles(
    ctx: typer.Context,
    outlet: Annotated[str | None, typer.Option(help=_OUTLET_HELP)] = None,
    since: Annotated[str | None, typer.Option(help=_SINCE_HELP)] = None,
    until: Annotated[str | None, typer.Option(help=_UNTIL_HELP)] = None,
    include_undated: IncludeUndated = False,
    undated_only: UndatedOnly = False,
    limit: Annotated[int | None, typer.Option(min=0, help="At most this many articles.")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """List stored articles (id, date, outlet, title, event count)."""
    with _guard():
        filters: dict[str, Any] = {
            "outlet": outlet, "since": _date(since, option="--since"), "until": _date(until, option="--until"),
            "undated": _undated_flag(include_undated, undated_only),
        }
        with _open_ro(ctx) as kb:
            rows = [_as_dict(r) for r in kb.articles(**filters, limit=limit)]
            _report_undated(kb, "articles", filters)
    _emit(rows, fmt, preferred=("id", "published", "outlet", "title", "n_events", "url"))


_HIGHLIGHTS = ("black on yellow", "black on cyan", "black on green", "black on magenta")


@command()
def show(
    ctx: typer.Context,
    article_id: Annotated[str, typer.Argument(help="Article id, its input's own id, or a unique id prefix.")],
) -> None:
    """Show an article with each event's evidence highlighted and its coding listed under it."""
    with _guard(), _open_ro(ctx) as kb:
        record = kb.article(article_id)
        text = kb.article_text(record.id)
        evs = kb.events(article_id=record.id)
    meta = _as_dict(record)
    # One numbered highlight per evidence span; several codings can share a span.
    spans: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for ev in evs:
        d = _as_dict(ev)
        if 0 <= d["start"] < d["end"] <= len(text):
            spans.setdefault((d["start"], d["end"]), []).append(d)
    order = sorted(spans)
    body, pos = Text(), 0
    for n, (start, end) in enumerate(order):
        style = _HIGHLIGHTS[n % len(_HIGHLIGHTS)]
        if start < pos:  # overlaps the previous span: leave it unmarked in the text
            continue
        body.append(text[pos:start])
        body.append(f"[{n + 1}]", style=f"bold {style}")
        body.append(text[start:end], style=style)
        pos = end
    body.append(text[pos:])

    out.rule(escape(str(meta.get("title") or record.id)))
    details = [record.id] + [str(meta[k]) for k in ("outlet", "published", "url") if meta.get(k)]
    out.print(Text(" · ".join(details), style="dim"))
    out.print()
    out.print(body)
    out.rule(f"{len(evs)} event{'s' if len(evs) != 1 else ''}")
    for n, key in enumerate(order):
        style = _HIGHLIGHTS[n % len(_HIGHLIGHTS)]
        for d in spans[key]:
            line = Text()
            line.append(f"[{n + 1}]", style=f"bold {style}")
            line.append(f" {d['source']} → {d['target']} ", style="bold")
            line.append(f"{'not ' if d.get('negated') else ''}{d['type']}", style="bold cyan")
            line.append(f" {d['status']}", style="italic")
            if d.get("trigger"):
                line.append(f"  ({d['trigger']})", style="dim")
            out.print(line)
    if not evs:
        out.print(Text("no events coded in this article", style="dim"))


@command()
def sql(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="A read-only statement, e.g. \"SELECT type, count(*) FROM events GROUP BY 1\".")],
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many rows.")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """Run a read-only SQL query against the database."""
    with _guard(), _open_ro(ctx) as kb:
        result = kb.sql(query, limit=limit)
    columns = [str(c) for c in result.columns]
    rows = [dict(zip(columns, row, strict=False)) for row in result.rows]
    _emit(rows, fmt, columns=columns)
    if result.truncated:
        err.print(f"[yellow]showing the first {len(rows)} rows; use --limit for more[/]")


@command()
def export(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(help="Folder to write one file per table into.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.parquet,
) -> None:
    """Export every table as Parquet or CSV files."""
    with _guard(), _open_ro(ctx) as kb:
        written = kb.export(directory, fmt=fmt.value)
    for path in written:
        out.print(escape(str(path)), soft_wrap=True)
    err.print(f"[green]exported {len(written)} files to {escape(str(directory))}[/]")


@command()
def summary(ctx: typer.Context) -> None:
    """Counts, events by type and the most active dyads."""
    with _guard(), _open_ro(ctx) as kb:
        result = kb.summary()
    _print_summary(result, heading=f"[bold]{escape(str(_state(ctx).db))}[/]")


@command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Interface to bind; 0.0.0.0 exposes the app to the network "
                                           "(and then needs --allowed-host).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    allowed_host: Annotated[list[str] | None, typer.Option(
        "--allowed-host", metavar="NAME",
        help="A Host name (or address) the server answers to, besides localhost, 127.0.0.1, [::1] and the "
             "--host address; repeatable; '*' answers any. Other Host headers get a 400 (DNS rebinding).")] = None,
    sql_timeout: Annotated[float, typer.Option("--sql-timeout", min=0.1,
                                               help="Seconds an /api/sql query may take, writing its reply "
                                                    "included.")] = 5.0,
    max_reply_bytes: Annotated[int, typer.Option("--max-reply-bytes", min=10_000,
                                                 help="Largest reply in bytes; lists and SQL results are cut "
                                                      "there and marked truncated.")] = 4_000_000,
    sql_workers: Annotated[int, typer.Option("--sql-workers", min=1, max=16,
                                             help="SQL queries run at once; others wait 2 s, then get "
                                                  "503 busy.")] = 2,
) -> None:
    """Serve the knowledge base as a read-only web app and JSON API (API docs at /docs)."""
    from powderkeg.web import Limits, allowed_hosts_for
    from powderkeg.web import serve as run_server

    try:
        allowed_hosts_for(host, allowed_host or ())  # a wildcard --host without --allowed-host is a usage error
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--host") from None
    db = _state(ctx).db
    limits = Limits(max_reply_bytes=max_reply_bytes, sql_timeout=sql_timeout, sql_workers=sql_workers)
    with _guard():
        if not db.exists():
            raise StoreError(f"no database at {db} — run `powderkeg ingest` (or `powderkeg ingest --demo`) first")
        err.print(f"serving [bold]{escape(str(db))}[/] at http://{escape(host)}:{port}/  (Ctrl+C stops)")
        run_server(db, host=host, port=port, sql_timeout=sql_timeout, limits=limits, allowed_hosts=allowed_host or (),
                   log_level="info" if _state(ctx).verbose else "warning")


@command()
def extract(
    in_path: Annotated[str, typer.Argument(metavar="IN.jsonl", help="JSONL articles (SCHEMA.md input); '-' = stdin.")],
    output: Annotated[str, typer.Option("--output", "-o", metavar="OUT.jsonl",
                                        help="Where to write one JSON line per article; '-' = stdout.")] = "-",
    actors: Annotated[Path | None, typer.Option("--actors", help="Extra gazetteer CSV.")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1)] = 16,
) -> None:
    """Extract without a database: JSONL articles in, JSONL extractions out (the eval contract).

    Bad input lines are reported on stderr and skipped; the rest are written.
    """
    with _guard():
        n, failures = api.extract_jsonl(in_path, output, actors=actors, batch_size=batch_size)
    for failure in failures:
        err.print(Text(f"skipped {failure}", style="yellow"), soft_wrap=True)
    if n == 0 and failures:
        _error(f"no article could be read from {in_path}")
        raise typer.Exit(1)
    err.print(f"wrote {n} line{'s' if n != 1 else ''} to {escape(output)}")


class ExplainFormat(StrEnum):
    text = "text"
    json = "json"


@command()
def explain(
    what: Annotated[str, typer.Argument(metavar="SENTENCE|FILE",
                                        help="A sentence (or any text), or the path of an article file.")],
    actors: Annotated[Path | None, typer.Option("--actors", help="Extra gazetteer CSV.")] = None,
    fmt: Annotated[ExplainFormat, typer.Option("--format", "-f")] = ExplainFormat.text,
) -> None:
    """Why is this fact here (or not)? Each sentence's parse, actors, triggers and coding decisions.

    An existing file is read like `ingest` reads it and each of its articles is explained;
    anything else is taken as the text itself. The article events listed last are exactly
    what `extract` and `ingest` store.
    """
    try:
        is_path = Path(what).exists()
    except (OSError, ValueError):  # a long sentence is no file name
        is_path = False
    with _guard():
        result = explaining.explain_file(what, actors=actors) if is_path else explaining.explain_text(
            what, actors=actors)
    for failure in result.failures:
        err.print(Text(f"skipped {failure}", style="yellow"), soft_wrap=True)
    if not result.articles and result.failures:
        _error(f"no article could be read from {what}")
        raise typer.Exit(1)
    if fmt is ExplainFormat.json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, default=str, indent=1) + "\n")
        return
    out.print(explaining.render(result), soft_wrap=True, end="")


def main() -> None:
    """Console-script entry point (`powderkeg`): never a traceback, unless POWDERKEG_DEBUG is set."""
    try:
        app(prog_name="powderkeg")
    except Exception as exc:  # a bug: one line, and the traceback only on request
        if os.environ.get("POWDERKEG_DEBUG"):
            traceback.print_exc()
        _error(f"unexpected {type(exc).__name__}: {exc} (a bug in powderkeg; set POWDERKEG_DEBUG=1 for the "
               "traceback and report it)")
        sys.exit(1)


if __name__ == "__main__":
    main()
