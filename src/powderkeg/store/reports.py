"""Reports and copies: who carried each article, and which articles are copies of one another.

The store keeps every report (reports table) and each text's MinHash band keys
(copy_bands); the candidate pairs for near copies are one self-join on the band keys,
so the index lives on disk, not in memory, and survives restarts. The exact check of a
candidate (copies.likeness) happens in Python, on the texts this module hands out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from powderkeg.models import ReportRecord
from powderkeg.store import rollups
from powderkeg.store.connection import StoreBase
from powderkeg.store.queries import _iso

_COVERAGE_SELECT = (
    "SELECT o.outlet, coalesce(art.n, 0), coalesce(ev.n, 0), coalesce(lab.terms, []), coalesce(quo.n, 0), "
    "coalesce(quo.who, []) FROM o LEFT JOIN art USING (outlet) LEFT JOIN ev USING (outlet) "
    "LEFT JOIN lab USING (outlet) LEFT JOIN quo USING (outlet) ORDER BY 2 DESC, 3 DESC, 1")


class ReportsMixin(StoreBase):
    """Reports of articles, and the candidate pairs of near copies."""

    def reports(self, article_ids: Iterable[str] | None = None) -> list[ReportRecord]:
        """Every report (of these articles), earliest first."""
        where, params = "", []
        if article_ids is not None:
            where = " WHERE r.article_id IN (SELECT unnest(?::VARCHAR[]))"
            params.append(list(article_ids))
        rows = self._rows(
            "SELECT r.article_id, r.outlet, r.title, r.url, r.published, a.wire FROM reports r "
            "JOIN articles a ON a.id = r.article_id" + where +
            " ORDER BY r.published NULLS LAST, r.seen_at, r.article_id, r.outlet NULLS FIRST", params)
        return [ReportRecord(article_id=r[0], outlet=r[1], title=r[2], url=r[3], published=_iso(r[4]), wire=r[5])
                for r in rows]

    def grouped_reports(self, article_ids: Iterable[str], paired: Iterable[str]) -> list[ReportRecord]:
        """The reports (earliest first) of those of `article_ids` that can be in a copy group: the ones with
        two reports or more, and the `paired` ones (in a near-copy pair). The others would be groups of one;
        leaving them out spares the join to `articles` for their wire (the bounded copies page)."""
        rows = self._rows(
            "WITH r AS MATERIALIZED (SELECT article_id, outlet, title, url, published, seen_at FROM reports "
            "  WHERE article_id IN (SELECT unnest(?::VARCHAR[]))), "
            "keep AS (SELECT article_id FROM r GROUP BY 1 HAVING count(*) > 1 "
            "  UNION SELECT unnest(?::VARCHAR[])) "
            "SELECT r.article_id, r.outlet, r.title, r.url, r.published, a.wire FROM r "
            "JOIN articles a ON a.id = r.article_id WHERE r.article_id IN (SELECT article_id FROM keep) "
            "ORDER BY r.published NULLS LAST, r.seen_at, r.article_id, r.outlet NULLS FIRST",
            [list(article_ids), list(paired)])
        return [ReportRecord(article_id=r[0], outlet=r[1], title=r[2], url=r[3], published=_iso(r[4]), wire=r[5])
                for r in rows]

    def outlet_coverage(self, actor: str, *, max_articles: int | None = None,
                        named: tuple[list[str], Any] | None = None
                        ) -> list[tuple[str, int, int, list[str], int, list[str]]]:
        """Per outlet (every outlet that carried anything, by its reports): (outlet, articles naming
        `actor`, events it is party to, label terms applied to it, quotes of its speakers, speakers).

        `max_articles` counts only in the newest that many articles naming the actor (the web's bound
        on a big store: each count is then a join over those articles only, not every report);
        `named` passes those candidates (`newest_articles_naming`) when the caller has them already.
        With neither, every article counts: read from the coverage rollups when they are current."""
        code = actor.upper()
        if named is None and max_articles is not None:
            named = self.newest_articles_naming(code, max_articles)
        if named is not None:
            rows = self._bounded_coverage(code, *named)
        elif self._coverage_rolled_up():  # every article, from the coverage rollups (rollups.py)
            rows = self._rows(
                "WITH o AS (SELECT outlet FROM rollup_report_outlets), "
                "c AS (SELECT outlet, n_articles, n_events, n_quotes FROM rollup_actor_outlets WHERE code = ?), "
                "art AS (SELECT outlet, n_articles AS n FROM c), ev AS (SELECT outlet, n_events AS n FROM c), "
                "i AS (SELECT * FROM rollup_actor_outlet_items WHERE code = ?), "
                "lab AS (SELECT outlet, list(DISTINCT item ORDER BY item) AS terms FROM i WHERE kind = 'label' "
                "  GROUP BY 1), "
                "quo AS (SELECT c.outlet, c.n_quotes AS n, coalesce(w.who, []) AS who FROM c LEFT JOIN "
                "  (SELECT outlet, list(DISTINCT item ORDER BY item) AS who FROM i WHERE kind = 'speaker' GROUP BY 1) "
                "  w USING (outlet) WHERE c.n_quotes > 0) "
                + _COVERAGE_SELECT, [code, code])
        else:
            rows = self._rows(
                "WITH o AS (SELECT DISTINCT outlet FROM reports WHERE outlet IS NOT NULL), "
                "art AS (SELECT r.outlet, count(DISTINCT r.article_id) AS n FROM reports r "
                "  JOIN article_actors x ON x.article_id = r.article_id WHERE x.code = ? GROUP BY 1), "
                "ev AS (SELECT r.outlet, count(*) AS n FROM reports r JOIN events e ON e.article_id = r.article_id "
                "  WHERE (e.source = ? OR e.target = ?) GROUP BY 1), "
                "lab AS (SELECT r.outlet, list(DISTINCT l.term ORDER BY l.term) AS terms FROM reports r "
                "  JOIN labels l ON l.article_id = r.article_id WHERE l.target = ? GROUP BY 1), "
                "quo AS (SELECT r.outlet, count(*) AS n, list(DISTINCT q.speaker ORDER BY q.speaker) AS who "
                "  FROM reports r JOIN quotes q ON q.article_id = r.article_id WHERE q.actor = ? GROUP BY 1) "
                + _COVERAGE_SELECT, [code, code, code, code, code])
        return [(str(o), int(a), int(e), [str(t) for t in terms], int(q), [str(w) for w in who])
                for o, a, e, terms, q, who in rows]

    def _coverage_rolled_up(self) -> bool:
        with self._cursor() as cur:
            return rollups.fresh(cur)

    def _bounded_coverage(self, code: str, ids: list[str], first: Any) -> list[tuple[Any, ...]]:
        """`outlet_coverage` over candidate articles that all name `code`: their reports are read once
        (no scan of article_actors), each child table bounded by the candidates' first day for its zone
        maps (no bound when `first` is None: some candidate is undated)."""
        day = "" if first is None else " AND {t}.published >= ?"
        bound = [] if first is None else [first]
        return self._rows(
            "WITH o AS (SELECT DISTINCT outlet FROM reports WHERE outlet IS NOT NULL), "
            "ids AS MATERIALIZED (SELECT unnest(?::VARCHAR[]) AS id), "
            "r AS MATERIALIZED (SELECT outlet, article_id, published FROM reports "
            "  WHERE article_id IN (SELECT id FROM ids)), "
            f"art AS (SELECT r.outlet, count(DISTINCT r.article_id) AS n FROM r WHERE true{day.format(t='r')} "
            "  GROUP BY 1), "
            "ev AS (SELECT r.outlet, count(*) AS n FROM r JOIN events e ON e.article_id = r.article_id "
            f"  WHERE (e.source = ? OR e.target = ?) AND e.article_id IN (SELECT id FROM ids){day.format(t='e')} "
            "  GROUP BY 1), "
            "lab AS (SELECT r.outlet, list(DISTINCT l.term ORDER BY l.term) AS terms FROM r "
            f"  JOIN labels l ON l.article_id = r.article_id WHERE l.target = ?{day.format(t='l')} GROUP BY 1), "
            "quo AS (SELECT r.outlet, count(*) AS n, list(DISTINCT q.speaker ORDER BY q.speaker) AS who "
            f"  FROM r JOIN quotes q ON q.article_id = r.article_id WHERE q.actor = ?{day.format(t='q')} GROUP BY 1) "
            + _COVERAGE_SELECT, [ids, *bound, code, code, *bound, code, *bound, code, *bound])

    def newest_articles_naming(self, actor: str, n: int) -> tuple[list[str], Any]:
        """The newest `n` articles naming `actor` (article_actors), and the first day among them (None when
        some is undated): the bounded candidates of an actor page on a big store."""
        rows = self._rows("SELECT x.article_id, a.published FROM article_actors x JOIN articles a ON a.id = x.article_id "
                          "WHERE x.code = ? ORDER BY a.published DESC NULLS LAST, x.article_id DESC LIMIT ?",
                          [actor.upper(), max(n, 0)])
        days = [r[1] for r in rows]
        first = None if not days or any(d is None for d in days) else min(days)
        return list(dict.fromkeys(str(r[0]) for r in rows)), first

    def count_actor_articles(self, actor: str) -> int:
        """How many articles name `actor` (the candidates `outlet_coverage` bounds)."""
        return int(self._rows("SELECT count(DISTINCT article_id) FROM article_actors WHERE code = ?",
                              [actor.upper()])[0][0])

    def newest_report_articles(self, n: int) -> list[str]:
        """The articles of the newest `n` reports (by publication day): the bounded start of the copy groups."""
        rows = self._rows("SELECT DISTINCT article_id FROM (SELECT article_id FROM reports "
                          "ORDER BY published DESC NULLS LAST, seen_at DESC, article_id DESC LIMIT ?)", [max(n, 0)])
        return [str(r[0]) for r in rows]

    def count_reports(self) -> int:
        """How many reports the store holds."""
        return int(self._rows("SELECT count(*) FROM reports")[0][0])

    def party_outlets(self, actors: Iterable[str]) -> list[tuple[str, int, list[str]]]:
        """Per outlet that carried articles naming any of `actors` (by its reports): (outlet, those
        articles, "term (CODE)" labels it applied to them). The light side of `outlet_coverage`, for
        the outlets silent on an incident."""
        codes = sorted({a.upper() for a in actors})
        rows = self._rows(
            "WITH r AS (SELECT DISTINCT r.outlet, r.article_id FROM reports r JOIN article_actors x "
            "  ON x.article_id = r.article_id WHERE r.outlet IS NOT NULL AND x.code IN (SELECT unnest(?::VARCHAR[]))), "
            "lab AS (SELECT r.outlet, list(DISTINCT l.term || ' (' || l.target || ')' ORDER BY l.term || ' (' "
            "  || l.target || ')') AS terms FROM r JOIN labels l ON l.article_id = r.article_id "
            "  WHERE l.target IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1) "
            "SELECT r.outlet, count(DISTINCT r.article_id), coalesce(any_value(lab.terms), []) FROM r "
            "LEFT JOIN lab USING (outlet) GROUP BY r.outlet ORDER BY 2 DESC, 1",
            [codes, codes])
        return [(str(o), int(n), [str(t) for t in terms]) for o, n, terms in rows]

    def report_voices(self, article_ids: Iterable[str], actors: Iterable[str]
                      ) -> list[tuple[str, list[str], list[str], list[str]]]:
        """Per outlet that carried any of these articles (by its reports, exact copies included):
        (outlet, article ids it carried, "term (CODE)" labels it applied to `actors` in them,
        "speaker (CODE)" of every quote in them). Outlets come in name order."""
        ids, codes = list(dict.fromkeys(article_ids)), sorted({a.upper() for a in actors})
        if not ids:
            return []
        rows = self._rows(
            "WITH r AS (SELECT DISTINCT outlet, article_id FROM reports "
            "  WHERE outlet IS NOT NULL AND article_id IN (SELECT unnest(?::VARCHAR[]))), "
            "lab AS (SELECT r.outlet, list(DISTINCT l.term || ' (' || l.target || ')' ORDER BY l.term || ' (' "
            "  || l.target || ')') AS terms FROM r JOIN labels l ON l.article_id = r.article_id "
            "  WHERE l.target IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1), "
            "quo AS (SELECT r.outlet, list(DISTINCT q.speaker || coalesce(' (' || q.actor || ')', '') ORDER BY "
            "  q.speaker || coalesce(' (' || q.actor || ')', '')) AS who FROM r JOIN quotes q "
            "  ON q.article_id = r.article_id WHERE q.speaker IS NOT NULL GROUP BY 1), "
            "art AS (SELECT outlet, list(DISTINCT article_id ORDER BY article_id) AS ids FROM r GROUP BY 1) "
            "SELECT art.outlet, art.ids, coalesce(lab.terms, []), coalesce(quo.who, []) FROM art "
            "LEFT JOIN lab USING (outlet) LEFT JOIN quo USING (outlet) ORDER BY 1",
            [ids, codes])
        return [(str(o), [str(i) for i in a], [str(t) for t in terms], [str(w) for w in who])
                for o, a, terms, who in rows]

    def copy_candidates(self) -> list[tuple[str, str]]:
        """Pairs of articles whose MinHash signatures agree in some band: near-copy candidates."""
        rows = self._rows(
            "SELECT DISTINCT a.article_id, b.article_id FROM copy_bands a JOIN copy_bands b "
            "ON a.band = b.band AND a.key = b.key AND a.article_id < b.article_id ORDER BY 1, 2")
        return [(str(x), str(y)) for x, y in rows]

    def copy_candidates_for(self, bands: list[int]) -> list[str]:
        """Stored articles whose signature agrees with `bands` (a text's band keys, in band order)
        in some band: the near-copy candidates of one new text, from the index on disk."""
        if not bands:
            return []
        rows = self._rows(
            "SELECT DISTINCT c.article_id FROM copy_bands c JOIN (SELECT unnest(?::BIGINT[]) AS key, "
            "unnest(range(?::BIGINT)) AS band) n ON c.key = n.key AND c.band = n.band ORDER BY 1",
            [bands, len(bands)])
        return [str(r[0]) for r in rows]

    def copy_pairs(self, article_ids: Iterable[str] | None = None) -> list[tuple[str, str]]:
        """The near copies found at ingest: pairs of article ids checked exactly (a < b); only those
        touching `article_ids` when given."""
        if article_ids is None:
            return [(str(a), str(b)) for a, b in self._rows("SELECT a, b FROM copy_pairs ORDER BY a, b")]
        rows = self._rows("WITH ids AS (SELECT unnest(?::VARCHAR[]) AS id) SELECT a, b FROM copy_pairs "
                          "WHERE a IN (SELECT id FROM ids) OR b IN (SELECT id FROM ids) ORDER BY a, b",
                          [list(article_ids)])
        return [(str(a), str(b)) for a, b in rows]

    def article_texts(self, ids: Iterable[str]) -> dict[str, str]:
        """The texts of these articles (for the exact check of copy candidates)."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        rows = self._rows("SELECT id, text FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [wanted])
        return {str(i): str(t) for i, t in rows}

    def copy_index_size(self) -> tuple[int, int]:
        """(band rows, articles with bands): how large the copy index on disk is."""
        rows = self._rows("SELECT count(*), count(DISTINCT article_id) FROM copy_bands")
        return int(rows[0][0]), int(rows[0][1])
