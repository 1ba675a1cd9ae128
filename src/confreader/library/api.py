"""What the TUI sees of a library: small frozen records and the ArticleLibrary protocol.

Offsets are article-level (into Article.text), so a widget can highlight a
hit without knowing how the library found it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from confreader.model import Article


@dataclass(frozen=True)
class ArticleSummary:
    id: str                 # stable within the library ("a1", "a2", … in load order)
    title: str              # the article's title, or the file name when it has none
    source: str             # the path it was loaded from
    date: str | None        # metadata "date" (or "published", "date_extracted") when known
    quote_count: int
    speaker_count: int
    direction: str          # "rtl" | "ltr"
    outlet: str | None = None   # who published it (metadata "outlet", "source" or "publisher")
    author: str | None = None   # metadata "author" or "byline"


@dataclass(frozen=True)
class SpeakerSummary:
    article_id: str
    speaker_id: str         # Speaker.id within the article
    name: str
    titles: tuple[str, ...]
    roles: tuple[str, ...]
    kind: str
    quote_count: int


@dataclass(frozen=True)
class QuoteHit:
    article_id: str
    quote_id: str
    kind: str               # "direct" | "indirect"
    speaker_name: str | None
    article_title: str
    quote_start: int        # article offsets of the whole quote
    quote_end: int
    matches: tuple[tuple[int, int], ...]   # article offsets of each match, on the original characters


@dataclass(frozen=True)
class LoadFailure:
    source: str
    reason: str             # one line


class ArticleLibrary(Protocol):
    def list(self) -> list[ArticleSummary]:
        """Every article, in load order."""

    def get(self, article_id: str) -> Article:
        """The article; KeyError if the id is unknown."""

    def speakers(self, article_id: str) -> list[SpeakerSummary]:
        """The article's speakers in the article's order; KeyError if the id is unknown."""

    def search_quotes(self, query: str, limit: int = 200) -> list[QuoteHit]:
        """Quotes whose text matches the folded query, across every article, in
        library order (load order, then quote order); a blank query gives []."""

    def failures(self) -> list[LoadFailure]:
        """Files that could not be loaded, in the order they failed."""

    # Beyond the first contract: for the command palette and single-row refreshes.
    def search_speakers(self, query: str, limit: int = 200) -> list[SpeakerSummary]:
        """Speakers whose name or a title matches the folded query, across every
        article, in library order, each once; a blank query gives []."""

    def summary(self, article_id: str) -> ArticleSummary:
        """One article's summary; KeyError if the id is unknown."""
