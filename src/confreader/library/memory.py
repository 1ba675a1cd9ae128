"""The in-memory ArticleLibrary: articles as parsed, plus folded indexes of quotes and speakers for search."""
from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from itertools import groupby, islice
from pathlib import PurePath

from confreader.library.api import ArticleSummary, LoadFailure, QuoteHit, SpeakerSummary
from confreader.library.folding import fold_query, spans_of
from confreader.library.text_index import FoldedTextIndex, entries_containing
from confreader.model import Article


@dataclass(frozen=True, slots=True)
class _Stored:
    summary: ArticleSummary
    article: Article
    speakers: tuple[SpeakerSummary, ...]


# A quote is indexed as one int (article position, quote position) rather
# than an object: a hundred thousand fewer objects for the garbage collector
# to walk is a shorter pause while the user types.
_QUOTE_SLOTS = 1 << 32


class InMemoryLibrary:
    """Implements ArticleLibrary. add() and add_failure() may be called from
    loading threads while the UI thread lists, gets and searches."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stored: list[_Stored] = []
        self._by_id: dict[str, _Stored] = {}
        self._failures: list[LoadFailure] = []
        self._quotes: FoldedTextIndex[int] = FoldedTextIndex()
        self._speakers: FoldedTextIndex[SpeakerSummary] = FoldedTextIndex()

    def __len__(self) -> int:
        return len(self._stored)

    def add(self, article: Article) -> ArticleSummary:
        """Store a parsed article and index its quotes; returns its summary (with its id).
        The article must not change afterwards: the index points into its quotes."""
        with self._lock:
            article_id = f"a{len(self._stored) + 1}"
            summary = _summarise(article_id, article)
            stored = _Stored(summary, article, tuple(_speaker_summaries(article_id, article)))
            self._stored.append(stored)
            self._by_id[article_id] = stored
            article_slot = (len(self._stored) - 1) * _QUOTE_SLOTS
            for quote_pos, quote in enumerate(article.quotes):
                self._quotes.add(article.quote_text(quote), article_slot + quote_pos)
            for speaker in stored.speakers:
                for said_as in (speaker.name, *speaker.titles):
                    self._speakers.add(said_as, speaker)
        return summary

    def add_failure(self, source: str, reason: str) -> LoadFailure:
        failure = LoadFailure(source, reason)
        with self._lock:
            self._failures.append(failure)
        return failure

    def list(self) -> list[ArticleSummary]:
        with self._lock:
            return [s.summary for s in self._stored]

    def get(self, article_id: str) -> Article:
        return self._by_id[article_id].article

    def summary(self, article_id: str) -> ArticleSummary:
        """One article's summary; KeyError if the id is unknown."""
        return self._by_id[article_id].summary

    def speakers(self, article_id: str) -> list[SpeakerSummary]:
        return list(self._by_id[article_id].speakers)

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
            stored = self._stored  # only ever appended to, so safe to read after the lock
        hits = []
        for entry, folded in islice(entries_containing(snapshot, folded_query), limit):
            article_pos, quote_pos = divmod(entry, _QUOTE_SLOTS)
            hits.append(_hit(stored[article_pos], quote_pos, folded, folded_query))
        return hits

    def search_speakers(self, query: str, limit: int = 200) -> list[SpeakerSummary]:
        """Speakers whose name or one of whose titles contains the folded query,
        across every article, in library order, at most `limit` (for the command palette)."""
        folded_query = fold_query(query)
        if not folded_query or limit <= 0:
            return []
        with self._lock:
            snapshot = self._speakers.snapshot()
        # A speaker is indexed once per name and title: report them once.
        speakers = (speaker for speaker, _ in entries_containing(snapshot, folded_query))
        unique = (next(same) for _, same in groupby(speakers, key=id))
        return list(islice(unique, limit))


def _summarise(article_id: str, article: Article) -> ArticleSummary:
    title = article.title or PurePath(article.source).name or article.source
    return ArticleSummary(
        id=article_id,
        title=title,
        source=article.source,
        date=article.metadata.get("date"),
        quote_count=len(article.quotes),
        speaker_count=len(article.speakers),
        direction=article.direction,
    )


def _speaker_summaries(article_id: str, article: Article) -> list[SpeakerSummary]:
    counts = Counter(q.speaker for q in article.quotes)
    return [SpeakerSummary(article_id, s.id, s.name, tuple(s.titles), tuple(s.roles), s.kind, counts[s.id])
            for s in article.speakers]


def _hit(stored: _Stored, quote_pos: int, folded: str, folded_query: str) -> QuoteHit:
    """The hit for a quote whose fold, `folded`, contains folded_query."""
    article, summary = stored.article, stored.summary
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
