"""A stand-in for the on-disk index (SqliteLibrary, contract 2 of issue 9) over InMemoryLibrary,
recording what the reader asks of it, so the TUI's archive screens are tested before (and
independently of) the real index."""
from __future__ import annotations

from dataclasses import replace

from conftest import annotated_sample, english_article
from confreader.library import InMemoryLibrary
from confreader.library.across import quotes_of, speakers_across
from confreader.tui.search import text_hits


class FakeArchive:
    def __init__(self, articles) -> None:
        self.inner = InMemoryLibrary()
        for article in articles:
            self.inner.add(article)
        self.pages_asked: list[tuple[int, int, str | None, dict | None]] = []
        self.calls: list[str] = []

    # ArticleLibrary
    def list(self):
        self.calls.append("list")
        return self.inner.list()

    def get(self, article_id):
        return self.inner.get(article_id)

    def summary(self, article_id):
        return self.inner.summary(article_id)

    def speakers(self, article_id):
        return self.inner.speakers(article_id)

    def failures(self):
        return []

    def search_speakers(self, query, limit=200):
        return self.inner.search_speakers(query, limit)

    # The archive's own
    def count(self, filters=None):
        return self.inner.count(filters)

    def page(self, offset, limit, sort=None, filters=None):
        self.pages_asked.append((offset, limit, sort, filters))
        return self.inner.page(offset, limit, sort, filters)

    def search_quotes(self, query, limit=200, full_text=False, speaker=None, kind=None, outlet=None, since=None):
        self.calls.append("search_full_text" if full_text else "search_quotes")
        if full_text:
            return text_hits(self.inner, query, limit)
        return self.inner.search_quotes(query, limit)

    def archive_speakers(self, query, limit):
        self.calls.append("archive_speakers")
        return speakers_across(self.inner, query, limit)

    def speaker_quotes(self, name):
        self.calls.append("speaker_quotes")
        return quotes_of(self.inner, name)


def many_articles(count: int) -> list:
    """`count` articles: the annotated sample under numbered titles, dates over a year, two outlets."""
    sample, english = annotated_sample(), english_article()
    articles = []
    for index in range(count):
        base = sample if index % 3 else english
        articles.append(replace(base, title=f"{base.title} {index:05}", metadata={
            "date": f"2015-{index % 12 + 1:02}-{index % 28 + 1:02}",
            "outlet": "aawsat" if index % 2 else "okaz"}))
    return articles
