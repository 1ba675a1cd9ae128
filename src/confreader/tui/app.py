"""The reader application: loads articles off the UI thread and routes between screens."""
from __future__ import annotations

import gc

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.reactive import reactive
from textual.worker import get_current_worker

from confreader.tui import bindings
from confreader.tui.loading import ArticleFailed, ArticleLoaded, LoadingFinished
from confreader.tui.reader import ReaderScreen
from confreader.tui.remember import Memory

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.screen import Screen

    from confreader.display import BidiMode, DisplayOptions
    from confreader.library import ArticleSummary, InMemoryLibrary, QuoteHit
    from confreader.model import Article, Quote
    from confreader.tui.search import SearchResult

# Start-up time is measured against a bare Textual app, so nothing the first frame does
# not show is imported before it: not the display engine, the library, the screens other
# than the first, nor the palette provider. Each is imported where first needed.


def _quotes_and_speakers() -> type[Provider]:
    from confreader.tui.commands import QuotesAndSpeakers

    return QuotesAndSpeakers


# Bidi modes by value, in the order the bidi key cycles through them.
BIDI_EXPLAINED = {
    "app": "confreader shapes and orders Arabic",
    "terminal": "the terminal shapes and orders Arabic",
    "off": "logical order, no shaping",
}


class ReaderApp(App):
    # Absolute, so subclasses defined elsewhere (benchmarks, tests) find it too.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "confreader"
    BINDINGS = bindings.APP
    COMMANDS = App.COMMANDS | {_quotes_and_speakers}

    # Settled once the first frame is painted (see on_ready); nothing on that frame needs it.
    bidi_mode: reactive[BidiMode | None] = reactive(None, init=False)

    def __init__(self, paths: list[Path], bidi_mode: BidiMode | str | None = "app",
                 keymap: dict[str, str] | None = None) -> None:
        """`bidi_mode`: a BidiMode or its value; None picks it from the environment."""
        super().__init__()
        self.paths = list(paths)
        self.keymap = dict(keymap or {})
        self._requested_bidi_mode = bidi_mode
        self.total_count = len(self.paths)
        self.loaded_count = 0
        self.failed_count = 0
        self.loading_done = False
        self.search_result: SearchResult | None = None
        self.memory = Memory.load()  # last article, position, library cursor, bidi mode, theme
        self.reader = ReaderScreen()
        # One file opens straight in the reader; several open the library first.
        self.library_screen = None
        if len(self.paths) > 1:
            from confreader.tui.library_screen import LibraryScreen
            self.library_screen = LibraryScreen()

    def get_default_screen(self) -> Screen:
        # The first screen is the reader (one file) or the library, never an empty screen below it.
        return self.library_screen or self.reader

    @cached_property
    def library(self) -> InMemoryLibrary:
        from confreader.library import InMemoryLibrary

        return InMemoryLibrary()

    @property
    def display_options(self) -> DisplayOptions:
        from confreader.display import DisplayOptions

        return DisplayOptions(mode=self.bidi_mode)

    @property
    def current_article_id(self) -> str | None:
        return self.reader.article_id

    # --- start, load, stop -------------------------------------------------------

    def on_mount(self) -> None:
        self.set_keymap(self.keymap)
        self.theme = self.memory.theme(set(self.available_themes)) or self.theme
        if not self.paths:
            self.notify("No article files to open.", severity="error")
            self.loading_done = True

    def on_ready(self) -> None:
        # The first frame is painted (no Arabic on it): now the display engine.
        from confreader.display import ENTER_APP_BIDI, BidiMode, mode_from_environment

        requested = self._requested_bidi_mode or self.memory.bidi_mode()
        self.set_reactive(ReaderApp.bidi_mode, BidiMode(requested) if requested else mode_from_environment())
        if self.bidi_mode is BidiMode.APP:
            self._write_terminal(ENTER_APP_BIDI)
        # Parse after the first frame: parsing competes with the UI thread for the GIL.
        if self.paths:
            self.load_articles()

    @work(thread=True, exclusive=True, group="load")
    def load_articles(self) -> None:
        # Imported in the worker: the parser is not needed for the first frame.
        from confreader.loading import load_article
        from confreader.sources import SourceError

        worker = get_current_worker()
        for path in self.paths:
            if worker.is_cancelled:
                return
            try:
                article = load_article(path)
            except SourceError as error:
                self.post_message(ArticleFailed(self.library.add_failure(str(path), error.problem)))
            except Exception as error:  # a parser bug must not take the other files down
                detail = " ".join(str(error).split())
                reason = f"could not be parsed ({type(error).__name__}: {detail})"
                self.post_message(ArticleFailed(self.library.add_failure(str(path), reason)))
            else:
                summary = self.add_article(article)
                self.memory.loaded_from(summary.id, path)
                self.post_message(ArticleLoaded(summary))
        self.post_message(LoadingFinished())

    def add_article(self, article: Article) -> ArticleSummary:
        """Put a parsed article in the library (from any thread)."""
        summary = self.library.add(article)
        # Loaded articles live until exit: keep them out of the collector's full passes,
        # which otherwise walk millions of objects and freeze the UI for 100+ ms.
        gc.freeze()
        return summary

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        self.loaded_count += 1
        if self.library_screen is not None:
            self.library_screen.add_article(message.summary)
            self.library_screen.show_progress()
            self.memory.article_loaded(self, message.summary)
        elif self.reader.article_id is None:
            self.reader.open(message.summary.id)

    def on_article_failed(self, message: ArticleFailed) -> None:
        self.failed_count += 1
        failure = message.failure
        self.notify(f"{failure.source}: {failure.reason}", title="Could not open", severity="error", timeout=10)
        if self.library_screen is not None:
            self.library_screen.show_progress()

    def on_loading_finished(self, message: LoadingFinished) -> None:
        self.loading_done = True
        if self.library_screen is not None:
            self.library_screen.show_progress()
        elif self.loaded_count == 0:
            self.reader.show_nothing("No article could be opened.")

    def exit(self, result: object = None, return_code: int = 0, message: object = None) -> None:
        self.memory.save(self)
        super().exit(result, return_code, message)  # type: ignore[arg-type]

    def _write_terminal(self, sequence: str) -> None:
        # Textual has no public call for raw terminal modes; its driver is the one writer.
        if self._driver is not None:
            self._driver.write(sequence)

    # --- navigation ----------------------------------------------------------------

    def _show_reader(self) -> None:
        if self.reader in self.screen_stack:
            while self.screen is not self.reader:
                self.pop_screen()
        else:
            self.push_screen(self.reader)

    def open_article(self, article_id: str, quote_id: str | None = None,
                     matches: list[tuple[int, int]] | None = None) -> None:
        self._show_reader()
        self.reader.open(article_id, quote_id, matches)

    def filter_speaker(self, speaker_id: str) -> None:
        self._show_reader()
        self.reader.filter_speaker(speaker_id)

    def step_article(self, delta: int) -> None:
        ids = [summary.id for summary in self.library.list()]
        current = self.reader.article_id
        position = ids.index(current) + delta if current in ids else 0
        if not 0 <= position < len(ids):
            self.notify("No next article." if delta > 0 else "No previous article.", timeout=2)
            return
        self.open_article(ids[position])

    def open_hit(self, hit: QuoteHit) -> None:
        self.open_article(hit.article_id, hit.quote_id, list(hit.matches))

    def step_search_hit(self, delta: int) -> None:
        result = self.search_result
        if result is None or not result.hits:
            self.notify("No search yet: press / to search quotes.", severity="warning", timeout=3)
            return
        from confreader.tui.search import SearchResult

        index = (result.index + delta) % len(result.hits)
        self.search_result = SearchResult(result.query, result.hits, index)
        self.open_hit(result.hits[index])
        self.notify(f"Match {index + 1} of {len(result.hits)}", timeout=2)

    def copy_quote(self, article: Article, quote: Quote) -> None:
        from confreader.export.citation import format_citation

        # Logical Unicode (what the article says), never the shaped screen glyphs.
        self.copy_to_clipboard(format_citation(article, quote))
        self.notify(f"Copied, ready to publish ({len(article.quote_text(quote))} characters).", timeout=3)

    # --- actions -------------------------------------------------------------------------

    def action_search(self) -> None:
        from confreader.tui.search import SearchScreen

        if isinstance(self.screen, SearchScreen):
            return
        query = self.search_result.query if self.search_result else ""
        self.push_screen(SearchScreen(query), callback=self._search_done)

    def _search_done(self, result: SearchResult | None) -> None:
        if result is None or not result.hits:
            return
        self.search_result = result
        self.open_hit(result.hits[result.index])

    def action_command_palette(self) -> None:
        # Textual's palette, with a field that shows typed Arabic shaped, right to left.
        from textual.command import CommandPalette

        from confreader.tui.visual_input import ReaderCommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(ReaderCommandPalette(id="--command-palette"))

    def action_help(self) -> None:
        from confreader.tui.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.keymap))

    def action_cycle_bidi(self) -> None:
        from confreader.display import ENTER_APP_BIDI, EXIT_APP_BIDI, BidiMode

        old = self.bidi_mode
        cycle = list(BIDI_EXPLAINED)
        new = BidiMode(cycle[(cycle.index(old.value) + 1) % len(cycle)])
        if old is BidiMode.APP:
            self._write_terminal(EXIT_APP_BIDI)
        if new is BidiMode.APP:
            self._write_terminal(ENTER_APP_BIDI)
        self.bidi_mode = new
        self.notify(f"Bidi mode: {new.value} — {BIDI_EXPLAINED[new.value]}", timeout=3)
