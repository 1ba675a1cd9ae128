"""The in-memory ArticleLibrary: articles as parsed, plus folded indexes of quotes and speakers for search."""
from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from itertools import groupby, islice
from pathlib import PurePath

from confreader.library.api import ArticleSummary, LoadFailure, QuoteHit, SpeakerSummary
from confreader.library.folding import fold_query, fold_text, origins, spans_of
from confreader.library.text_index import FoldedTextIndex, entries_containing
from confreader.model import Article, Quote


@dataclass(frozen=True, slots=True)
class _Stored:
    summary: ArticleSummary
    article: Article
    speakers: tuple[SpeakerSummary, ...]


@dataclass(frozen=True, slots=True)
class _IndexedQuote:
    stored: _Stored
    quote: Quote
    speaker_name: str | None


class InMemoryLibrary:
    """Implements ArticleLibrary. add() and add_failure() may be called from
    loading threads while the UI thread lists, gets and searches."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stored: list[_Stored] = []
        self._by_id: dict[str, _Stored] = {}
        self._failures: list[LoadFailure] = []
        self._quotes: FoldedTextIndex[_IndexedQuote] = FoldedTextIndex()
        self._speakers: FoldedTextIndex[SpeakerSummary] = FoldedTextIndex()

    def __len__(self) -> int:
        return len(self._stored)

    def add(self, article: Article) -> ArticleSummary:
        """Store a parsed article and index its quotes; returns its summary (with its id)."""
        with self._lock:
            article_id = f"a{len(self._stored) + 1}"
            summary = _summarise(article_id, article)
            stored = _Stored(summary, article, tuple(_speaker_summaries(article_id, article)))
            self._stored.append(stored)
            self._by_id[article_id] = stored
            for quote in article.quotes:
                speaker = article.speaker_by_id(quote.speaker)
                entry = _IndexedQuote(stored, quote, speaker.name if speaker else None)
                self._quotes.add(article.quote_text(quote), entry)
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
        return [_hit(entry, folded_query) for entry in islice(entries_containing(snapshot, folded_query), limit)]

    def search_speakers(self, query: str, limit: int = 200) -> list[SpeakerSummary]:
        """Speakers whose name or one of whose titles contains the folded query,
        across every article, in library order, at most `limit` (for the command palette)."""
        folded_query = fold_query(query)
        if not folded_query or limit <= 0:
            return []
        with self._lock:
            snapshot = self._speakers.snapshot()
        # A speaker is indexed once per name and title: report them once.
        unique = (next(same) for _, same in groupby(entries_containing(snapshot, folded_query), key=id))
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


def _hit(entry: _IndexedQuote, folded_query: str) -> QuoteHit:
    quote, summary = entry.quote, entry.stored.summary
    text = entry.stored.article.quote_text(quote)
    folded = fold_text(text)
    matches = tuple((quote.start + s, quote.start + e)
                    for s, e in spans_of(text, origins(text, folded), folded, folded_query))
    return QuoteHit(
        article_id=summary.id,
        quote_id=quote.id,
        kind=quote.kind,
        speaker_name=entry.speaker_name,
        article_title=summary.title,
        quote_start=quote.start,
        quote_end=quote.end,
        matches=matches,
    )
