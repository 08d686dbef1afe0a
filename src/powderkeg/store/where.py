"""The WHERE clauses each list and its count and facets share, so a total counts exactly the rows listed.

A builder returns (" WHERE ...", params), or None when the filters can match
nothing (an article id no article has).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from powderkeg.errors import FilterError, StoreError
from powderkeg.models import ARMS_STATUSES, EVENT_STATUSES, EVENT_TYPES
from powderkeg.store.connection import StoreBase

#: Free text in titles and article bodies, ignoring case and accents ("vucic" finds "Vučić").
_ARTICLE_TEXT_MATCH = ("(contains(strip_accents(lower(coalesce(a.title, ''))), strip_accents(lower(?))) "
                       "OR contains(strip_accents(lower(a.text)), strip_accents(lower(?))))")


def _check_date(value: str | None, name: str) -> str | None:
    """An ISO day for a `since`/`until` filter, checked by the one parser every front end uses
    (powderkeg.filters.parse_date): a year or a month stands for its first day (since) or its last
    day (until), so until=2025-06 includes 30 June."""
    if value is None:
        return None
    from powderkeg.filters import parse_date

    try:
        return parse_date(value, option=name, end=name == "until")
    except FilterError as exc:
        raise StoreError(str(exc)) from exc


#: What a date filter does with undated items: left out (None, the default), kept beside the dated
#: ones in range ("include"), or the only ones listed, the date range ignored ("only").
UNDATED_MODES = ("include", "only")


def _like(text: str) -> str:
    """A substring ILIKE pattern for `text`, its own % and _ matched literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _as_list(value: str | Sequence[str] | None) -> list[str]:
    """'AID,ACCUSE' or ['AID', 'ACCUSE'] -> ['AID', 'ACCUSE']."""
    if value is None:
        return []
    parts = value.split(",") if isinstance(value, str) else list(value)
    return [p.strip() for p in parts if p.strip()]


class WhereMixin(StoreBase):
    """The WHERE builders of the lists, and the shared filters (outlet, dates, status, article id)."""

    def _event_where(
        self,
        *,
        actor: str | None = None,
        source: str | None = None,
        target: str | None = None,
        type: str | Sequence[str] | None = None,
        status: str | Sequence[str] | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        article_id: str | None = None,
        text: str | None = None,
        dyad: tuple[str, str] | None = None,
        undated: str | None = None,
        published: str = "a.published",
    ) -> tuple[str, list[Any]] | None:
        """The WHERE clause and parameters shared by `events` and `count_events`; None matches nothing.

        `dyad` is a pair in either direction; `source` and `target` fix the direction. `published`
        is the column the date range reads ("e.published" needs no join to articles).
        """
        where: list[str] = []
        params: list[Any] = []
        if actor:
            where.append("(e.source = ? OR e.target = ?)")
            params += [actor.upper(), actor.upper()]
        if dyad:
            one, two = dyad[0].upper(), dyad[1].upper()
            where.append("((e.source = ? AND e.target = ?) OR (e.source = ? AND e.target = ?))")
            params += [one, two, two, one]
        if source:
            where.append("e.source = ?")
            params.append(source.upper())
        if target:
            where.append("e.target = ?")
            params.append(target.upper())
        types = [t.upper() for t in _as_list(type)]
        if types:
            unknown = sorted(set(types) - set(EVENT_TYPES))
            if unknown:
                raise StoreError(f"unknown event type {', '.join(unknown)}; expected one of {', '.join(EVENT_TYPES)}")
            where.append(f"e.type IN ({', '.join('?' * len(types))})")
            params += types
        self._status_filter(where, params, "e", status, EVENT_STATUSES, "status")
        self._outlet_filter(where, params, outlet)
        self._date_filters(where, params, since, until, undated, published)
        if article_id and not self._article_filter(where, params, article_id, "e"):
            return None
        if text:
            where.append("contains(strip_accents(lower(e.evidence)), strip_accents(lower(?)))")
            params.append(text)
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def _arms_where(
        self,
        *,
        supplier: str | None = None,
        recipient: str | None = None,
        actor: str | None = None,
        system: str | None = None,
        status: str | Sequence[str] | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        article_id: str | None = None,
        undated: str | None = None,
        published: str = "a.published",
    ) -> tuple[str, list[Any]] | None:
        """The WHERE clause of `arms` and `count("arms", ...)`; None matches nothing."""
        where: list[str] = []
        params: list[Any] = []
        for col, value in (("supplier", supplier), ("recipient", recipient)):
            if value:
                where.append(f"r.{col} = ?")
                params.append(value.upper())
        if actor:
            where.append("(r.supplier = ? OR r.recipient = ?)")
            params += [actor.upper(), actor.upper()]
        if system:
            where.append("(contains(lower(r.system), lower(?)) OR contains(lower(coalesce(r.weapon_class, '')), lower(?)))")
            params += [system, system]
        self._status_filter(where, params, "r", status, ARMS_STATUSES, "arms status")
        return self._finish_where(where, params, "r", outlet, since, until, undated, article_id, published)

    def _quotes_where(
        self,
        *,
        speaker: str | None = None,
        actor: str | None = None,
        contains: str | None = None,
        kind: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        article_id: str | None = None,
        undated: str | None = None,
        published: str = "a.published",
    ) -> tuple[str, list[Any]] | None:
        """The WHERE clause of `quotes` and `count("quotes", ...)`; None matches nothing."""
        where: list[str] = []
        params: list[Any] = []
        if speaker:
            where.append("contains(strip_accents(lower(q.speaker)), strip_accents(lower(?)))")
            params.append(speaker)
        if actor:
            where.append("q.actor = ?")
            params.append(actor.upper())
        if contains:
            where.append("contains(strip_accents(lower(q.text)), strip_accents(lower(?)))")
            params.append(contains)
        if kind:
            if kind not in ("direct", "indirect"):
                raise StoreError(f"unknown quote kind {kind!r}; expected direct or indirect")
            where.append("q.kind = ?")
            params.append(kind)
        return self._finish_where(where, params, "q", outlet, since, until, undated, article_id, published)

    def _labels_where(
        self,
        *,
        target: str | None = None,
        term: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        article_id: str | None = None,
        undated: str | None = None,
        published: str = "a.published",
    ) -> tuple[str, list[Any]] | None:
        """The WHERE clause of `labels` and `count("labels", ...)`; None matches nothing."""
        where: list[str] = []
        params: list[Any] = []
        if target:
            where.append("l.target = ?")
            params.append(target.upper())
        if term:
            where.append("contains(lower(l.term), lower(?))")
            params.append(term)
        return self._finish_where(where, params, "l", outlet, since, until, undated, article_id, published)

    def _articles_where(self, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
                        text: str | None = None, undated: str | None = None) -> tuple[str, list[Any]]:
        """The WHERE clause of `articles` and `count("articles", ...)`."""
        where: list[str] = []
        params: list[Any] = []
        self._common_filters(where, params, outlet, since, until, undated)
        if text:
            where.append(_ARTICLE_TEXT_MATCH)
            params += [text, text]
        return (" WHERE " + " AND ".join(where) if where else ""), params

    @staticmethod
    def _status_filter(where: list[str], params: list[Any], alias: str, status: str | Sequence[str] | None,
                       allowed: Sequence[str], what: str) -> None:
        statuses = [x.lower() for x in _as_list(status)]
        if not statuses:
            return
        unknown = sorted(set(statuses) - set(allowed))
        if unknown:
            raise StoreError(f"unknown {what} {', '.join(unknown)}; expected one of {', '.join(allowed)}")
        where.append(f"{alias}.status IN ({', '.join('?' * len(statuses))})")
        params += statuses

    def _finish_where(self, where: list[str], params: list[Any], alias: str, outlet: str | None, since: str | None,
                until: str | None, undated: str | None, article_id: str | None,
                published: str = "a.published") -> tuple[str, list[Any]] | None:
        """The filters every list shares (outlet, dates, article) added, and the WHERE clause made;
        None when the article matches nothing. `published` is the column the date range reads (a
        table's own copy of the day needs no join to articles)."""
        self._outlet_filter(where, params, outlet)
        self._date_filters(where, params, since, until, undated, published)
        if article_id and not self._article_filter(where, params, article_id, alias):
            return None
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def _common_filters(self, where: list[str], params: list[Any], outlet: str | None, since: str | None,
                        until: str | None, undated: str | None = None) -> None:
        self._outlet_filter(where, params, outlet)
        self._date_filters(where, params, since, until, undated)

    @staticmethod
    def _outlet_filter(where: list[str], params: list[Any], outlet: str | None) -> None:
        """Outlets whose name contains `outlet`, in any case ("balkan" finds "Balkan Ledger"), as
        `arms(system=...)` matches systems; % and _ in `outlet` are matched as written."""
        if outlet and outlet.strip():
            where.append("a.outlet ILIKE ? ESCAPE '\\'")
            params.append(_like(outlet.strip()))

    def _article_filter(self, where: list[str], params: list[Any], article_id: str, alias: str) -> bool:
        resolved = self._resolve_id(article_id)
        if resolved is None:
            return False
        where.append(f"{alias}.article_id = ?")
        params.append(resolved)
        return True

    @staticmethod
    def _date_filters(where: list[str], params: list[Any], since: str | None, until: str | None,
                      undated: str | None = None, column: str = "a.published") -> None:
        """The since/until range; `undated` (UNDATED_MODES) keeps undated items too, or only them."""
        if undated not in (None, *UNDATED_MODES):
            raise StoreError(f"undated={undated!r}: expected one of {', '.join(UNDATED_MODES)}")
        since, until = _check_date(since, "since"), _check_date(until, "until")
        if undated == "only":
            where.append(f"{column} IS NULL")
            return
        ranges: list[str] = []
        if since:
            ranges.append(f"{column} >= CAST(? AS DATE)")
            params.append(since)
        if until:
            ranges.append(f"{column} <= CAST(? AS DATE)")
            params.append(until)
        if ranges and undated == "include":
            where.append(f"({column} IS NULL OR (" + " AND ".join(ranges) + "))")
        else:
            where.extend(ranges)

    @staticmethod
    def _paging(params: list[Any], limit: int | None, offset: int) -> str:
        clause = ""
        if limit is not None:
            clause += " LIMIT ?"
            params.append(max(limit, 0))
        if offset:
            clause += " OFFSET ?"
            params.append(max(offset, 0))
        return clause

    def _resolve_id(self, article_id: str) -> str | None:
        """An exact id, an input's own id (external_id), or a unique id prefix, like git."""
        key = article_id.strip()
        if not key:
            return None
        rows = self._rows("SELECT id FROM articles WHERE id = ?", [key])
        if rows:
            return str(rows[0][0])
        for query in (
            "SELECT id FROM articles WHERE external_id = ? ORDER BY id LIMIT 3",
            "SELECT id FROM articles WHERE starts_with(id, ?) ORDER BY id LIMIT 3",
        ):
            rows = self._rows(query, [key])
            if len(rows) == 1:
                return str(rows[0][0])
            if rows:
                shown = ", ".join(r[0][:12] for r in rows[:2])
                raise StoreError(f"article id {key!r} is ambiguous: it matches {shown}, ...; give more characters")
        return None
