"""Quotes found (a search, one speaker's quotes) as a list that draws only the rows on screen.

A row needs its article (the quote's text, its direction): articles are read
from the library as their rows come on screen and a few are kept, so 200
results, or a speaker's thousand quotes, cost what the rows shown cost.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache

from confreader.library import QuoteHit
from confreader.model import Article
from confreader.tui.guard import Failure
from confreader.tui.palette import palette_of
from confreader.tui.virtual_list import VirtualList

if TYPE_CHECKING:
    from confreader.tui.app import ReaderApp

ARTICLES_KEPT = 64


class HitList(VirtualList):
    row_height = 2

    def __init__(self, *, id: str | None = None, head: Callable[[QuoteHit], str] | None = None) -> None:
        """`head`: the first line of a row (default: who said it, in which article)."""
        super().__init__(id=id)
        self.hits: list[QuoteHit] = []
        self._head = head
        self._articles: LRUCache[str, Article] = LRUCache(ARTICLES_KEPT)
        self._match_style: Style | None = None  # the theme's, read once per drawing
        self._failed = False

    def redraw(self) -> None:
        self._match_style = None
        super().redraw()

    @property
    def reader_app(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    def show(self, hits: list[QuoteHit]) -> None:
        self.hits = hits
        self.reset(len(hits), cursor=0)

    def _article(self, article_id: str) -> Article:
        article = self._articles.get(article_id)
        if article is None:
            article = self.reader_app.library.get(article_id)
            self._articles[article_id] = article
        return article

    def render_row(self, index: int, width: int) -> list[Text]:
        from confreader.tui.search import hit_row

        hit = self.hits[index]
        try:
            article = self._article(hit.article_id)
        except Exception as error:  # noqa: BLE001 - a database gone bad: said once, the row left blank
            if not self._failed:
                self._failed = True
                self.reader_app.report_failure(Failure("Reading a result's article", error))
            return [Text(hit.article_title, style="dim"), Text()]
        if self._match_style is None:
            self._match_style = palette_of(self.app).match
        row = hit_row(hit, article, width, self.reader_app.display_options,
                      self._match_style, head=self._head(hit) if self._head else None)
        return list(row.split("\n"))
