"""Command palette (Ctrl+P) entries: the current article's quotes and speakers, and the
speakers of every other open article (matched with the search's Arabic folding)."""
from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import CommandList, DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from confreader.display import single_line
from confreader.sources import one_line
from confreader.tui.paging import can_page
from confreader.tui.visual_input import VisualCommandPalette

if TYPE_CHECKING:
    from confreader.tui.app import ReaderApp

ROW_WIDTH = 70


def plain_help(text: str) -> str:
    """Help text for a hit: Textual renders it as markup, and it can carry article data (a quote's kind)."""
    return escape(one_line(text))


class ReaderCommandPalette(VisualCommandPalette):
    """The palette with typed Arabic drawn right to left, where PgUp / PgDn before its list is
    laid out do nothing (see tui.paging)."""

    def _action_command_list(self, action: str) -> None:
        if action in ("page_up", "page_down") and not can_page(self.query_one(CommandList)):
            return
        super()._action_command_list(action)


class QuotesAndSpeakers(Provider):
    """'Quote: speaker — text' jumps to the quote; 'Speaker: name' filters the quotes pane."""

    @property
    def reader_app(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    def _entries(self) -> Iterator[tuple[str, object, str, object]]:
        """(plain text to match, what to show, help, callback) for each entry."""
        app = self.reader_app
        article_id = app.current_article_id
        if article_id is None:
            return
        article = app.library.get(article_id)
        options = app.display_options
        for speaker in app.library.speakers(article_id):
            plain = f"Speaker: {speaker.name}"
            shown = single_line(plain, ROW_WIDTH, options)
            yield (plain, shown, plain_help(f"Show only {speaker.quote_count} quotes"),
                   partial(app.filter_speaker, speaker.speaker_id))
        for quote in article.quotes:
            speaker = article.speaker_by_id(quote.speaker)
            plain = f"Quote: {speaker.name if speaker else '(unattributed)'} — {article.quote_text(quote)}"
            shown = single_line(plain, ROW_WIDTH, options)
            yield plain, shown, plain_help(f"{quote.kind} quote"), partial(app.open_article, article_id, quote.id)

    async def discover(self) -> Hits:
        for plain, shown, help_text, callback in self._entries():
            yield DiscoveryHit(shown, callback, text=plain, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for plain, shown, help_text, callback in self._entries():
            score = matcher.match(plain)
            if score > 0:
                yield Hit(score, shown, callback, text=plain, help=help_text)
        app = self.reader_app
        current = app.current_article_id
        query = query.removeprefix("Speaker:").strip()
        for speaker in app.library.search_speakers(query):
            if speaker.article_id == current:
                continue  # offered above, with its quotes
            title = app.library.summary(speaker.article_id).title
            plain = f"Speaker: {speaker.name} — {title}"
            shown = single_line(plain, ROW_WIDTH, app.display_options)
            # Below the fuzzy matches of the open article: another article is a bigger jump.
            yield Hit(0.5, shown, partial(self._open_speaker, speaker.article_id, speaker.speaker_id),
                      text=plain, help=plain_help(f"Open the article with only their {speaker.quote_count} quotes"))

    def _open_speaker(self, article_id: str, speaker_id: str) -> None:
        self.reader_app.open_article(article_id)
        self.reader_app.filter_speaker(speaker_id)
