"""The in-memory ArticleLibrary: articles as parsed, plus folded indexes of quotes and speakers for search."""
from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Mapping
from itertools import groupby, islice
from pathlib import PurePath

from confreader.library.api import ArticleSummary, LoadFailure, QuoteHit, SpeakerSummary
from confreader.library.folding import fold_query, spans_of
from confreader.library.text_index import FoldedTextIndex, entries_containing
from confreader.model import Article, Speaker
from confreader.sources.names import one_line


# Index entries are ints, article position * _SLOTS + quote (or speaker)
# position, and summaries sit in plain lists: a big library then holds
# hundreds of thousands fewer objects for the garbage collector to walk, and
# its full passes (pauses the user feels while typing) are shorter.
_SLOTS = 1 << 32


class InMemoryLibrary:
    """Implements ArticleLibrary. add() and add_failure() may be called from
    loading threads while the UI thread lists, gets and searches."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._articles: list[Article] = []
        self._summaries: list[ArticleSummary] = []
        self._positions: dict[str, int] = {}
        self._failures: list[LoadFailure] = []
        self._quotes: FoldedTextIndex[int] = FoldedTextIndex()
        self._speakers: FoldedTextIndex[int] = FoldedTextIndex()
        # The last order page() computed: a table asks for page after page of the same one.
        self._order_cache: tuple[tuple, list[ArticleSummary]] | None = None

    def __len__(self) -> int:
        return len(self._articles)

    def add(self, article: Article) -> ArticleSummary:
        """Store a parsed article and index its quotes and speakers; returns its
        summary (with its id). The article must not change afterwards: the
        index points into its quotes and speakers."""
        with self._lock:
            position = len(self._articles)
            summary = _summarise(f"a{position + 1}", article)
            self._articles.append(article)
            self._summaries.append(summary)
            self._positions[summary.id] = position
            for quote_pos, quote in enumerate(article.quotes):
                self._quotes.add(article.quote_text(quote), position * _SLOTS + quote_pos)
            for speaker_pos, speaker in enumerate(article.speakers):
                for said_as in (speaker.name, *speaker.titles):
                    self._speakers.add(said_as, position * _SLOTS + speaker_pos)
        return summary

    def add_failure(self, source: str, reason: str) -> LoadFailure:
        failure = LoadFailure(source, reason)
        with self._lock:
            self._failures.append(failure)
        return failure

    def list(self) -> list[ArticleSummary]:
        with self._lock:
            return self._summaries[:]

    def count(self, filters: Mapping[str, str] | None = None) -> int:
        """How many articles pass `filters` (see page())."""
        return len(self._ordered(None, filters))

    def page(self, offset: int, limit: int, sort: str | None = "file",
             filters: Mapping[str, str] | None = None) -> list[ArticleSummary]:
        """Rows `offset` to `offset + limit` of the library in `sort` order, for a table
        that draws only the rows on screen. `sort`: "file" or None (load order) or one of
        SORT_KEYS (date and quotes newest / most first; articles without the value
        last, in load order). `filters`: "outlet" (contained, case ignored), "since"
        and "until" (dates compared on their first characters, both ends included)."""
        return self._ordered(sort, filters)[max(0, offset):max(0, offset) + max(0, limit)]

    def _ordered(self, sort: str | None, filters: Mapping[str, str] | None) -> list[ArticleSummary]:
        with self._lock:
            key = (sort, tuple(sorted((filters or {}).items())), len(self._summaries))
            cached = self._order_cache
            if cached is not None and cached[0] == key:
                return cached[1]
            summaries = self._summaries[:]
        ordered = sorted_summaries([s for s in summaries if passes(s, filters)], sort)
        self._order_cache = (key, ordered)
        return ordered

    def get(self, article_id: str) -> Article:
        return self._articles[self._positions[article_id]]

    def summary(self, article_id: str) -> ArticleSummary:
        """One article's summary; KeyError if the id is unknown."""
        return self._summaries[self._positions[article_id]]

    def speakers(self, article_id: str) -> list[SpeakerSummary]:
        article = self.get(article_id)
        counts = Counter(q.speaker for q in article.quotes)
        return [_speaker_summary(article_id, speaker, counts) for speaker in article.speakers]

    def failures(self) -> list[LoadFailure]:
        with self._lock:
            return list(self._failures)

    def search_quotes(self, query: str, limit: int = 200) -> list[QuoteHit]:
        """Quotes whose text contains the query (folded: harakat, tatweel, alef
        forms, ى/ي, ة/ه and case ignored), in library order, at most `limit`.
        Only the quote text is matched, so every hit has at least one match."""
        folded_query = fold_query(query)
        if not folded_query or limit <= 0:
            return []
        with self._lock:
            snapshot = self._quotes.snapshot()
        # The lists only grow, so positions in the snapshot stay valid without the lock.
        hits = []
        for entry, folded in islice(entries_containing(snapshot, folded_query), limit):
            position, quote_pos = divmod(entry, _SLOTS)
            hits.append(_hit(self._summaries[position], self._articles[position], quote_pos, folded, folded_query))
        return hits

    def search_speakers(self, query: str, limit: int = 200) -> list[SpeakerSummary]:
        """Speakers whose name or one of whose titles contains the folded query,
        across every article, in library order, at most `limit` (for the command palette)."""
        folded_query = fold_query(query)
        if not folded_query or limit <= 0:
            return []
        with self._lock:
            snapshot = self._speakers.snapshot()
        # A speaker is indexed once per name and title: consecutive entries, reported once.
        entries = (entry for entry, _ in entries_containing(snapshot, folded_query))
        found = []
        for entry, _ in islice(groupby(entries), limit):
            position, speaker_pos = divmod(entry, _SLOTS)
            article = self._articles[position]
            counts = Counter(q.speaker for q in article.quotes)
            found.append(_speaker_summary(self._summaries[position].id, article.speakers[speaker_pos], counts))
        return found


# page()'s sort keys: the value sorted on, and whether the biggest comes first.
SORT_KEYS = {
    "title": (lambda s: s.title.casefold(), False),
    "outlet": (lambda s: s.outlet and s.outlet.casefold(), False),
    "date": (lambda s: s.date, True),
    "author": (lambda s: s.author and s.author.casefold(), False),
    "quotes": (lambda s: s.quote_count, True),
}


def sorted_summaries(summaries: list[ArticleSummary], sort: str | None) -> list[ArticleSummary]:
    """The summaries in `sort` order; those without the value keep load order, after the others."""
    if sort in (None, "file"):
        return summaries
    value, descending = SORT_KEYS[sort]
    known = [s for s in summaries if value(s) is not None]
    unknown = [s for s in summaries if value(s) is None]
    # sorted() is stable, so equal values keep load order.
    return sorted(known, key=value, reverse=descending) + unknown


def passes(summary: ArticleSummary, filters: Mapping[str, str] | None) -> bool:
    """Whether the article passes page()'s filters."""
    if not filters:
        return True
    outlet = (filters.get("outlet") or "").casefold()
    if outlet and outlet not in (summary.outlet or "").casefold():
        return False
    since, until = filters.get("since") or "", filters.get("until") or ""
    if since or until:
        date = summary.date or ""
        if not date or (since and date[:len(since)] < since) or (until and date[:len(until)] > until):
            return False
    return True


# Metadata keys read for the library's columns, first found wins (our JSON, then common scrapes').
OUTLET_KEYS = ("outlet", "source", "publisher", "site")
DATE_KEYS = ("date", "published", "date_published", "date_extracted")
AUTHOR_KEYS = ("author", "byline", "authors")


def _metadata(article: Article, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = " ".join(str(article.metadata.get(key) or "").split())
        if value:
            return value
    return None


def _summarise(article_id: str, article: Article) -> ArticleSummary:
    # A file name can hold controls and line breaks: it is shown escaped, on one line.
    title = article.title or one_line(PurePath(article.source).name or article.source)
    return ArticleSummary(
        id=article_id,
        title=title,
        source=article.source,
        date=_metadata(article, DATE_KEYS),
        quote_count=len(article.quotes),
        speaker_count=len(article.speakers),
        direction=article.direction,
        outlet=_metadata(article, OUTLET_KEYS),
        author=_metadata(article, AUTHOR_KEYS),
    )


def _speaker_summary(article_id: str, speaker: Speaker, quote_counts: Counter) -> SpeakerSummary:
    return SpeakerSummary(article_id, speaker.id, speaker.name, tuple(speaker.titles), tuple(speaker.roles),
                          speaker.kind, quote_counts[speaker.id])


def _hit(summary: ArticleSummary, article: Article, quote_pos: int, folded: str, folded_query: str) -> QuoteHit:
    """The hit for a quote whose fold, `folded`, contains folded_query."""
    quote = article.quotes[quote_pos]
    speaker = article.speaker_by_id(quote.speaker)
    text = article.quote_text(quote)
    matches = tuple(spans_of(text, folded, folded_query, offset=quote.start))
    return QuoteHit(
        article_id=summary.id,
        quote_id=quote.id,
        kind=quote.kind,
        speaker_name=speaker.name if speaker else None,
        article_title=summary.title,
        quote_start=quote.start,
        quote_end=quote.end,
        matches=matches,
    )
