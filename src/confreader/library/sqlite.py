"""The on-disk library: an SQLite index of parsed articles, read on demand.

Implements the ArticleLibrary protocol (library/api.py) plus what an archive
needs: counting and paging the articles, quote and full-text search with the
same folding as the in-memory library, and speakers merged across articles.
Writing is the indexer's job (library/indexing.py, `confreader index`).
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
import zlib
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from confreader.library.api import ArticleSummary, LoadFailure, QuoteHit, SpeakerSummary
from confreader.library.folding import fold_query, spans_of
from confreader.library.rows import (article_of_body, decompress, folded_key, merged_lists, most_common,
                                     paragraph_spans)
from confreader.library.schema import DatabaseProblem, connect
from confreader.model import Article

__all__ = ["ArchiveHit", "ArchiveSpeaker", "DatabaseProblem", "SqliteLibrary", "default_db_path", "index_paths"]

SORTS = ("file", "title", "outlet", "date", "author", "quotes")
_ORDER = {
    "file": "a.id",
    "title": "a.title, a.id",
    "outlet": "a.outlet_key IS NULL, a.outlet_key, a.id",
    "date": "a.day IS NULL, a.day DESC, a.id",         # newest first, as the reader's library sorts
    "author": "a.author IS NULL, a.author, a.id",
    "quotes": "a.quote_count DESC, a.id",
}
# Full-text search needs a query of at least one trigram; shorter ones would scan every text.
MIN_FULL_TEXT_QUERY = 3


def default_db_path() -> Path:
    """$CONFREADER_DB, else library.db in the platform's user data folder."""
    configured = os.environ.get("CONFREADER_DB")
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_data_dir("confreader")) / "library.db"


@dataclass(frozen=True)
class ArchiveHit(QuoteHit):
    """A QuoteHit with what a script or an export needs to cite it without opening the article.
    ``kind`` is "text" for a full-text hit (quote_start/end: the paragraph holding the matches)."""
    text: str = ""                         # the quote (or paragraph) as written
    speaker_titles: tuple[str, ...] = ()
    speaker_roles: tuple[str, ...] = ()
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    source: str = ""
    language: str = "ar"
    direction: str = "rtl"


@dataclass(frozen=True)
class ArchiveSpeaker:
    """One speaker across the archive: every article's speaker with the same folded name."""
    name: str                              # as most often written
    key: str                               # the folded name that merges them
    titles: tuple[str, ...]
    roles: tuple[str, ...]
    kind: str
    quote_count: int
    article_count: int


@dataclass(frozen=True)
class Filters:
    outlet: str | None = None              # folded substring of the outlet
    since: str | None = None               # YYYY-MM-DD, inclusive
    until: str | None = None               # YYYY-MM-DD, inclusive
    speaker: str | None = None             # folded substring of the speaker's name (quotes only)
    kind: str | None = None                # "direct" | "indirect" (quotes only)


def _filters(filters: Filters | Mapping[str, str | None] | None) -> Filters:
    if filters is None:
        return Filters()
    if isinstance(filters, Filters):
        return filters
    known = {k: v for k, v in filters.items() if k in ("outlet", "since", "until", "speaker", "kind")}
    return Filters(**known)


def _article_id(article_id: str) -> int:
    if not article_id.startswith("a") or not article_id[1:].isdigit():
        raise KeyError(article_id)
    return int(article_id[1:])


def _fts_query(folded_query: str) -> str | None:
    """The query's distinct trigrams, all required: candidates for the exact match checked after."""
    grams = sorted({folded_query[i:i + 3] for i in range(len(folded_query) - 2)})
    if not grams:
        return None
    return " AND ".join('"' + g.replace('"', '""') + '"' for g in grams)


_SUMMARY_COLUMNS = "a.id, a.title, a.source, a.date, a.quote_count, a.speaker_count, a.direction, a.outlet, a.author"


def _summary(row: tuple) -> ArticleSummary:
    return ArticleSummary(id=f"a{row[0]}", title=row[1], source=row[2], date=row[3], quote_count=row[4],
                          speaker_count=row[5], direction=row[6], outlet=row[7], author=row[8])


class SqliteLibrary:
    """Implements ArticleLibrary over an index written by `confreader index`.

    Safe to share between threads (one connection, used under a lock); sees what an
    indexer commits meanwhile. Opening a missing, foreign, corrupt or outdated
    database raises DatabaseProblem, whose message is the one line to show.
    """

    def __init__(self, db_path: str | Path | None = None) -> None:
        self.path = Path(db_path) if db_path is not None else default_db_path()
        self._db = connect(self.path, write=False)
        self._lock = threading.Lock()
        self._failures: list[LoadFailure] = []

    def close(self) -> None:
        self._db.close()

    def _rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        try:
            with self._lock:
                return self._db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as e:
            raise DatabaseProblem(self.path, f"cannot read the index ({e}); "
                                             f"`confreader index --rebuild PATH...` makes a new one") from None

    # The ArticleLibrary protocol.

    def list(self) -> list[ArticleSummary]:
        return self.page(0, -1)

    def get(self, article_id: str) -> Article:
        rows = self._rows("SELECT b.body, b.text, a.source FROM articles a JOIN bodies b ON b.article_id = a.id "
                          "WHERE a.id = ?", (_article_id(article_id),))
        if not rows:
            raise KeyError(article_id)
        return article_of_body(*rows[0])

    def summary(self, article_id: str) -> ArticleSummary:
        rows = self._rows(f"SELECT {_SUMMARY_COLUMNS} FROM articles a WHERE a.id = ?", (_article_id(article_id),))
        if not rows:
            raise KeyError(article_id)
        return _summary(rows[0])

    def speakers(self, article_id: str) -> list[SpeakerSummary]:
        self.summary(article_id)  # KeyError for an unknown id, as the protocol says
        rows = self._rows("SELECT speaker_id, name, titles, roles, kind, quote_count FROM speakers "
                          "WHERE article_id = ? ORDER BY id", (_article_id(article_id),))
        return [SpeakerSummary(article_id, r[0], r[1], tuple(json.loads(r[2])), tuple(json.loads(r[3])), r[4], r[5])
                for r in rows]

    def failures(self) -> list[LoadFailure]:
        return list(self._failures)

    def add_failure(self, source: str, reason: str) -> LoadFailure:
        failure = LoadFailure(source, reason)
        self._failures.append(failure)
        return failure

    def search_quotes(self, query: str, limit: int = 200, full_text: bool = False, speaker: str | None = None,
                      kind: str | None = None, outlet: str | None = None, since: str | None = None) -> list[ArchiveHit]:
        """Quotes (or, with full_text, paragraphs of the article text) matching the folded query,
        in library order, at most `limit`; a blank query gives []."""
        if not fold_query(query) or limit <= 0:
            return []
        filters = Filters(outlet=outlet, since=since, speaker=speaker, kind=kind)
        hits = self.iter_text_hits(query, filters) if full_text else self.iter_quotes(query, filters)
        found = []
        for hit in hits:
            found.append(hit)
            if len(found) >= limit:
                break
        return found

    def search_speakers(self, query: str, limit: int = 200) -> list[SpeakerSummary]:
        folded = fold_query(query)
        if not folded or limit <= 0:
            return []
        rows = self._rows("SELECT article_id, speaker_id, name, titles, roles, kind, quote_count FROM speakers "
                          "WHERE instr(said_as, ?) > 0 ORDER BY id LIMIT ?", (folded, limit))
        return [SpeakerSummary(f"a{r[0]}", r[1], r[2], tuple(json.loads(r[3])), tuple(json.loads(r[4])), r[5], r[6])
                for r in rows]

    # The archive.

    def count(self, filters: Filters | Mapping[str, str | None] | None = None) -> int:
        where, params = self._article_where(_filters(filters))
        return self._rows(f"SELECT count(*) FROM articles a WHERE {where}", params)[0][0]

    def page(self, offset: int, limit: int, sort: str | None = "file",
             filters: Filters | Mapping[str, str | None] | None = None) -> list[ArticleSummary]:
        """Articles `offset`..`offset + limit` in `sort` order (one of SORTS, the reader's library
        columns; None is "file", the order they were indexed in; limit -1: all)."""
        sort = sort or "file"
        if sort not in _ORDER:
            raise ValueError(f"unknown sort {sort!r} (one of {', '.join(SORTS)})")
        where, params = self._article_where(_filters(filters))
        rows = self._rows(f"SELECT {_SUMMARY_COLUMNS} FROM articles a WHERE {where} ORDER BY {_ORDER[sort]} "
                          "LIMIT ? OFFSET ?", (*params, limit, max(0, offset)))
        return [_summary(r) for r in rows]

    def outlets(self) -> list[tuple[str, int]]:
        """Every outlet with its article count, most articles first (for a filter menu)."""
        rows = self._rows("SELECT min(outlet), count(*) FROM articles WHERE outlet_key IS NOT NULL "
                          "GROUP BY outlet_key ORDER BY count(*) DESC, outlet_key")
        return [(r[0], r[1]) for r in rows]

    def archive_speakers(self, query: str = "", limit: int = 200) -> list[ArchiveSpeaker]:
        """Speakers merged across articles by folded name, most quoted first; those whose name or a
        title contains the folded query, or everyone for a blank query."""
        folded = fold_query(query)
        where, params = ("instr(said_as, ?) > 0", (folded,)) if folded else ("1", ())
        generations = dict(self._rows("SELECT key, value FROM meta"))
        if generations["generation"] == generations["speakers_generation"]:
            rows = self._rows("SELECT name_key, name, titles, roles, kind, quote_count, article_count "
                              f"FROM speaker_totals WHERE {where} ORDER BY quote_count DESC, name_key LIMIT ?",
                              (*params, limit))
            return [ArchiveSpeaker(r[1], r[0], tuple(json.loads(r[2])), tuple(json.loads(r[3])), *r[4:]) for r in rows]
        # An indexer is running or was killed before it merged them: group here (slower, as right).
        rows = self._rows(f"{SPEAKER_GROUPS} WHERE {where} GROUP BY name_key "
                          "ORDER BY sum(quote_count) DESC, name_key LIMIT ?", (*params, limit))
        return [ArchiveSpeaker(most_common(r[1].split("\x1f")), r[0], merged_lists(r[2]), merged_lists(r[3]),
                               *r[4:7]) for r in rows]

    def speaker_quotes(self, name: str, limit: int = -1) -> list[ArchiveHit]:
        """Every quote of the speakers whose folded name is `name`'s, in date order (undated last)."""
        key = folded_key(name)
        if not key:
            return []
        rows = self._rows(f"{_QUOTE_SELECT} WHERE s.name_key = ? ORDER BY a.day IS NULL, a.day, a.id, q.start "
                          "LIMIT ?", (key, limit))
        return [_quote_hit(r, ()) for r in rows]

    def iter_quotes(self, query: str | None = None, filters: Filters | None = None) -> Iterator[ArchiveHit]:
        """Every quote matching the folded query (all when None) and the filters, in library order."""
        filters = filters or Filters()
        folded = fold_query(query) if query else ""
        clauses, params = [], []
        select, order = _QUOTE_SELECT, "q.id"
        fts = _fts_query(folded) if folded else None
        if fts:
            # The trigram index drives the loop, in rowid order, so a search stopping at its
            # limit reads only that far (an IN (subquery) would first collect every candidate).
            select, order = _QUOTE_SELECT_FTS, "f.rowid"
            clauses.append("quotes_fts MATCH ?")
            params.append(fts)
        elif folded:
            clauses.append("instr(q.folded, ?) > 0")
            params.append(folded)
        if filters.kind:
            clauses.append("q.kind = ?")
            params.append(filters.kind)
        if filters.speaker:
            clauses.append("instr(s.name_key, ?) > 0")
            params.append(folded_key(filters.speaker) or "")
        where, article_params = self._article_where(filters)
        clauses.append(where)
        sql = f"{select} WHERE {' AND '.join(clauses)} ORDER BY {order}"
        for batch in self._batches(sql, (*params, *article_params)):
            for row in batch:
                if folded:
                    matches = tuple(spans_of(row[6], row[7], folded, offset=row[4]))
                    if not matches:  # the trigrams were all there, the phrase was not
                        continue
                else:
                    matches = ()
                yield _quote_hit(row, matches)

    def iter_text_hits(self, query: str, filters: Filters | None = None) -> Iterator[ArchiveHit]:
        """Paragraphs of article text matching the folded query, in library order (kind "text")."""
        filters = filters or Filters()
        folded = fold_query(query)
        fts = _fts_query(folded) if len(folded) >= MIN_FULL_TEXT_QUERY else None
        if fts is None:
            return
        folded_utf8 = folded.encode("utf-8")
        where, params = self._article_where(filters)
        sql = (f"SELECT a.id, b.text, b.folded, b.paragraphs, a.source, a.title, a.outlet, a.date, a.url, "
               f"a.language, a.direction FROM text_fts f CROSS JOIN articles a ON a.id = f.rowid "
               f"JOIN bodies b ON b.article_id = a.id WHERE text_fts MATCH ? AND {where} ORDER BY f.rowid")
        for batch in self._batches(sql, (fts, *params), size=16):
            for article_id, text, folded_text, paragraphs, source, title, outlet, date, url, language, direction \
                    in batch:
                # Most candidates of common trigrams lack the phrase: look for it in the UTF-8 bytes
                # (a UTF-8 substring is a character substring) and decode only the articles that hold it.
                folded_bytes = zlib.decompress(folded_text)
                if folded_utf8 not in folded_bytes:  # the trigrams were all there, the phrase was not
                    continue
                folded_text = folded_bytes.decode("utf-8")
                text = decompress(text)
                paragraphs = paragraph_spans(paragraphs)
                matches = spans_of(text, folded_text, folded)
                for start, end, inside in _by_paragraph(text, paragraphs, matches):
                    yield ArchiveHit(article_id=f"a{article_id}", quote_id="", kind="text", speaker_name=None,
                                     article_title=title, quote_start=start, quote_end=end, matches=inside,
                                     text=text[start:end], outlet=outlet, date=date, url=url,
                                     source=source, language=language, direction=direction)

    def _batches(self, sql: str, params: tuple, size: int = 256) -> Iterator[list[tuple]]:
        """Rows a few hundred at a time: a search stopping at its limit reads no further."""
        try:
            with self._lock:
                cursor = self._db.execute(sql, params)
            while True:
                with self._lock:
                    batch = cursor.fetchmany(size)
                if not batch:
                    return
                yield batch
        except sqlite3.DatabaseError as e:
            raise DatabaseProblem(self.path, f"cannot read the index ({e})") from None

    @staticmethod
    def _article_where(filters: Filters) -> tuple[str, tuple]:
        clauses, params = ["1"], []
        if filters.outlet:
            clauses.append("instr(a.outlet_key, ?) > 0")
            params.append(folded_key(filters.outlet) or "")
        if filters.since:
            clauses.append("a.day >= ?")
            params.append(filters.since)
        if filters.until:
            clauses.append("a.day <= ?")
            params.append(filters.until)
        return " AND ".join(clauses), tuple(params)


SPEAKER_GROUPS = ("SELECT name_key, group_concat(name, char(31)), group_concat(titles, char(31)), "
                  "group_concat(roles, char(31)), min(kind), sum(quote_count), count(DISTINCT article_id), "
                  "group_concat(said_as, char(10)) FROM speakers")
_QUOTE_COLUMNS = ("SELECT q.article_id, q.quote_id, q.kind, s.name, q.start, q.\"end\", q.text, q.folded, "
                  "s.titles, s.roles, a.title, a.outlet, a.date, a.url, a.source, a.language, a.direction ")
_QUOTE_JOINS = "JOIN articles a ON a.id = q.article_id LEFT JOIN speakers s ON s.id = q.speaker_row"
_QUOTE_SELECT = f"{_QUOTE_COLUMNS} FROM quotes q {_QUOTE_JOINS}"
_QUOTE_SELECT_FTS = f"{_QUOTE_COLUMNS} FROM quotes_fts f CROSS JOIN quotes q ON q.id = f.rowid {_QUOTE_JOINS}"


def _quote_hit(row: tuple, matches: tuple[tuple[int, int], ...]) -> ArchiveHit:
    (article_id, quote_id, kind, speaker, start, end, text, _folded, titles, roles, title, outlet, date, url,
     source, language, direction) = row
    return ArchiveHit(article_id=f"a{article_id}", quote_id=quote_id, kind=kind, speaker_name=speaker,
                      article_title=title, quote_start=start, quote_end=end, matches=matches, text=text,
                      speaker_titles=_json_list(titles), speaker_roles=_json_list(roles),
                      outlet=outlet, date=date, url=url, source=source, language=language, direction=direction)


@lru_cache(maxsize=4096)
def _json_list(stored: str | None) -> tuple[str, ...]:
    """A speaker's stored titles or roles: the same few lists come back on every keystroke's hits."""
    return tuple(json.loads(stored)) if stored else ()


def _by_paragraph(text: str, paragraphs: list[tuple[int, int]],
                  matches: list[tuple[int, int]]) -> Iterator[tuple[int, int, tuple]]:
    """(paragraph start, end, its matches) for each paragraph holding a match; a match outside
    every paragraph (a heading, the title line) stands with its line."""
    starts = [a for a, _ in paragraphs]
    current: tuple[int, int] | None = None
    inside: list[tuple[int, int]] = []
    for match in matches:
        k = bisect_right(starts, match[0]) - 1
        home = paragraphs[k] if k >= 0 and match[0] < paragraphs[k][1] else _line_of(text, match)
        if home != current:
            if current is not None:
                yield (*current, tuple(inside))
            current, inside = home, []
        inside.append(match)
    if current is not None:
        yield (*current, tuple(inside))


def _line_of(text: str, match: tuple[int, int]) -> tuple[int, int]:
    start = text.rfind("\n", 0, match[0]) + 1
    end = text.find("\n", match[1])
    return start, len(text) if end == -1 else end


def index_paths(paths, db: str | Path | None = None, jobs: int = 1, **options):
    """Parse `paths` into the index at `db` (see library.indexing.index_paths)."""
    from confreader.library.indexing import index_paths as run

    return run(paths, Path(db) if db is not None else default_db_path(), jobs, **options)
