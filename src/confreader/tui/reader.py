"""The reader screen: one article with its sections, speakers and quotes panes."""
from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.screen import Screen
from textual.widgets import Static

from confreader.tui import bindings
from confreader.tui.article_view import ArticleView
from confreader.tui.guard import Guarded
from confreader.tui.keybar import KeyBar
from confreader.tui.messages import QuoteChosen, SectionChosen, SectionReached, SpeakerChosen
from confreader.tui.palette import SpeakerColours, palette_of
from confreader.tui.panes import QuotesPane, SectionsPane, SpeakersPane

if TYPE_CHECKING:
    from confreader.display import DisplayOptions
    from confreader.model import Article, Quote
    from confreader.tui.app import ReaderApp


class ReaderScreen(Guarded, Screen):
    BINDINGS = bindings.READER
    # Focus the article straight away: focusing the first pane, then the article, restyles both.
    AUTO_FOCUS = "ArticleView"

    def __init__(self) -> None:
        super().__init__()
        self.article_id: str | None = None
        self.article: Article | None = None
        self.colours: SpeakerColours | None = None
        self.speaker_filter: str | None = None
        self._quotes_by_id: dict[str, Quote] = {}
        self._pending: tuple[str, str | None, list[tuple[int, int]] | None] | None = None
        self._composed = False
        self.mirrored = False

    @property
    def reader_app(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        # The title and the article fill what the docked navigation column leaves:
        # no container of their own, one less full-height widget to lay out and draw.
        with Container(id="body"):
            with Vertical(id="nav"):
                yield SectionsPane(id="sections")
                yield SpeakersPane(id="speakers")
                yield QuotesPane(id="quotes")
            yield Static(Text("Loading…"), id="article-title")
            yield ArticleView(id="article")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#sections").border_title = "Sections"
        self.query_one("#speakers").border_title = "Speakers"
        self.query_one("#quotes").border_title = "Quotes"
        self.watch(self.app, "bidi_mode", self._bidi_changed, init=False)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._show_title())
        self._composed = True
        if self._pending is not None:
            self.open(*self._pending)

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def options(self) -> DisplayOptions:
        return self.reader_app.display_options

    # --- showing ---------------------------------------------------------------

    def open(self, article_id: str, quote_id: str | None = None,
             matches: list[tuple[int, int]] | None = None) -> None:
        """Show an article (unless already shown) and select one of its quotes."""
        if not self._composed:
            # The app may open an article before this screen was first shown.
            self._pending = (article_id, quote_id, matches)
            return
        self._pending = None
        if article_id != self.article_id:
            self.show_article(article_id)
        if quote_id is not None:
            self.select_quote_by_id(quote_id, matches)
        elif matches:
            # A full-text hit outside every quote: the match highlighted, brought into view.
            self.view.select_quote(None, matches)
            self.view.scroll_to_offset(matches[0][0])

    def show_nothing(self, reason: str) -> None:
        self.query_one("#article-title", Static).update(Text(reason, style="bold red"))

    def show_article(self, article_id: str) -> None:
        library = self.reader_app.library
        article = library.get(article_id)
        self.article_id, self.article = article_id, article
        self._quotes_by_id = {q.id: q for q in article.quotes}
        self.colours = SpeakerColours(article, palette_of(self.app))
        self.speaker_filter = None
        self.mirror(article.direction == "rtl")
        options = self.options
        self.view.set_article(article, self.colours, options)
        self.reader_app.memory.follow(self.view, article_id)
        self.query_one(SectionsPane).show(article, options)
        self.query_one(SpeakersPane).show(library.speakers(article_id), self.colours, len(article.quotes), options)
        self._show_quotes()
        self._show_title()

    def _show_title(self) -> None:
        title_bar = self.query_one("#article-title", Static)
        if self.article is None:
            return
        from confreader.display import single_line
        from confreader.sources import one_line

        # No title: the file's path, which can hold controls and line breaks.
        title = self.article.title or one_line(self.article.source)
        width = max(1, title_bar.size.width or self.app.size.width)
        title_bar.update(single_line(title, width, self.options, base_style=palette_of(self.app).heading))

    def _show_quotes(self) -> None:
        assert self.article is not None and self.colours is not None
        pane = self.query_one(QuotesPane)
        pane.show(self.article, self.colours, self.options, self.speaker_filter)
        if self.speaker_filter is None:
            pane.border_title = f"Quotes ({len(pane.quotes)})"
        else:
            pane.border_title = f"Quotes ({len(pane.quotes)} of {len(self.article.quotes)}) · Esc shows all"
        current = self.view.current_quote
        if current is not None:
            pane.move_highlight_quietly(pane.index_of(current.id))

    def select_quote(self, quote: Quote, matches: list[tuple[int, int]] | None = None,
                     scroll: bool = True) -> None:
        pane = self.query_one(QuotesPane)
        if self.speaker_filter is not None and quote.speaker != self.speaker_filter:
            self.speaker_filter = None
            self._show_quotes()
        self.view.select_quote(quote, matches, scroll=scroll)
        pane.move_highlight_quietly(pane.index_of(quote.id))

    def select_quote_by_id(self, quote_id: str, matches: list[tuple[int, int]] | None = None) -> None:
        quote = self._quotes_by_id.get(quote_id)
        if quote is not None:
            self.select_quote(quote, matches)

    def filter_speaker(self, speaker_id: str | None) -> None:
        if self.article is None:
            return
        self.speaker_filter = speaker_id
        self._show_quotes()

    def _bidi_changed(self) -> None:
        if self.article is None:
            return
        options = self.options
        self.view.set_options(options)
        for pane in (self.query_one(SectionsPane), self.query_one(SpeakersPane), self.query_one(QuotesPane)):
            pane.set_options(options)
        self._show_title()

    def on_resize(self) -> None:
        self._show_title()

    # --- messages from the panes -------------------------------------------------

    def on_section_chosen(self, message: SectionChosen) -> None:
        self.view.scroll_to_section(message.section)

    def on_section_reached(self, message: SectionReached) -> None:
        self.query_one(SectionsPane).move_highlight_quietly(message.section)

    def on_quote_chosen(self, message: QuoteChosen) -> None:
        quote = self._quotes_by_id.get(message.quote_id)
        if quote is not None:
            self.select_quote(quote, scroll=message.scroll)

    def on_speaker_chosen(self, message: SpeakerChosen) -> None:
        same = message.speaker_id == self.speaker_filter
        self.filter_speaker(None if same else message.speaker_id)

    # --- actions ---------------------------------------------------------------------

    def action_focus_pane(self, name: str) -> None:
        self.query_one(f"#{name}").focus()

    def mirror(self, mirrored: bool) -> None:
        """Navigation panes on the right (RTL readers' habit) or on the left."""
        self.mirrored = mirrored
        # An inline style, not a CSS class: a class change restyles the whole screen.
        self.query_one("#nav").styles.dock = "right" if mirrored else "left"

    def action_flip_layout(self) -> None:
        self.mirror(not self.mirrored)

    def action_copy_quote(self) -> None:
        quote = self.view.current_quote
        if self.article is None or quote is None:
            self.notify("No quote selected: pick one in the quotes pane (u) first.", severity="warning")
            return
        self.reader_app.copy_quote(self.article, quote)

    def action_next_match(self) -> None:
        self.reader_app.step_search_hit(1)

    def action_previous_match(self) -> None:
        self.reader_app.step_search_hit(-1)

    def action_next_article(self) -> None:
        self.reader_app.step_article(1)

    def action_previous_article(self) -> None:
        self.reader_app.step_article(-1)

    def action_back(self) -> None:
        if self.speaker_filter is not None:
            self.filter_speaker(None)
            self.query_one(SpeakersPane).move_highlight_quietly(0)
        elif self.app.screen_stack.index(self) > 0:
            self.app.pop_screen()  # back to the library
