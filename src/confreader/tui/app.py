"""The reader application: loads articles off the UI thread and routes between screens."""
from __future__ import annotations

import gc

from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.command import CommandListItem, CommandPalette, SimpleProvider
from textual.notifications import Notification, Notify, SeverityLevel
from textual.reactive import reactive
from textual.worker import Worker, WorkerState, get_current_worker

from confreader.tui import bindings
from confreader.tui.guard import FAILURE_LIMIT, Failure, Guarded, describe_error
from confreader.tui.loading import ArticleFailed, ArticleLoaded, CacheUnusable, LoadingFinished
from confreader.tui.reader import ReaderScreen
from confreader.tui.remember import Memory

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.screen import Screen
    from textual.widget import AwaitMount

    from confreader.display import BidiMode, DisplayOptions
    from confreader.library import ArticleLibrary, ArticleSummary, LoadFailure, QuoteHit
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


# Bad files named in full in the collected message; the rest are counted.
FAILED_FILES_NAMED = 3


def failed_files_line(failures: list[LoadFailure]) -> str:
    """One line for every file that could not be opened: the first few named, the rest counted."""
    from confreader.sources import one_line

    if len(failures) == 1:
        return f"{one_line(failures[0].source)}: {one_line(failures[0].reason)}"
    named = "; ".join(f"{one_line(Path(f.source).name)} ({one_line(f.reason)})"
                      for f in failures[:FAILED_FILES_NAMED])
    rest = len(failures) - FAILED_FILES_NAMED
    more = f"; and {rest} more" if rest > 0 else ""
    return f"{len(failures)} files could not be opened: {named}{more}"


class ReaderApp(Guarded, App):
    # Absolute, so subclasses defined elsewhere (benchmarks, tests) find it too.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "confreader"
    BINDINGS = bindings.APP
    COMMANDS = App.COMMANDS | {_quotes_and_speakers}

    # Settled once the first frame is painted (see on_ready); nothing on that frame needs it.
    bidi_mode: reactive[BidiMode | None] = reactive(None, init=False)

    def __init__(self, paths: list[Path], bidi_mode: BidiMode | str | None = "app",
                 keymap: dict[str, str] | None = None, archive: ArticleLibrary | None = None,
                 archive_name: str | None = None) -> None:
        """`bidi_mode`: a BidiMode or its value; None picks it from the environment.
        `archive`: a library already on disk (the index), shown instead of loading `paths`;
        `archive_name` names it on the library screen (its file)."""
        super().__init__()
        self.paths = [] if archive is not None else list(paths)
        self.archive = archive
        self.keymap = dict(keymap or {})
        self._requested_bidi_mode = bidi_mode
        self.total_count = len(self.paths)
        self.loaded_count = 0
        self.failed_count = 0
        self.loading_done = False
        self.search_result: SearchResult | None = None
        self._failed_files: list[LoadFailure] = []
        self.failures: list[Failure] = []  # exceptions survived, newest last
        self._notices: dict[str, Notification] = {}  # the live notification of each title
        self.memory = Memory.load()  # last article, position, library cursor, bidi mode, theme
        self.reader = ReaderScreen()
        # Installed, so leaving the reader (Escape to the library) suspends it instead of
        # removing it: the next article opens in the same, still composed, screen.
        self.install_screen(self.reader, "reader")
        # One file opens straight in the reader; several open the library first.
        self.library_screen = None
        if archive is not None:
            from confreader.tui.library_screen import LibraryScreen
            self.library_screen = LibraryScreen(archive_name or "the index")
            # Where each article was left is remembered under the index's name and its locator.
            where = str(Path(archive_name).resolve()) if archive_name else "index"
            self.memory.locate = lambda article_id: f"{where}!{archive.summary(article_id).source}"
            self.loading_done = True
        elif len(self.paths) > 1 or self.paths and self._holds_many(self.paths[0]):
            from confreader.tui.library_screen import LibraryScreen
            self.library_screen = LibraryScreen()

    @staticmethod
    def _holds_many(path: Path) -> bool:
        from confreader.loading import might_hold_many

        return might_hold_many(path)

    def get_default_screen(self) -> Screen:
        # The first screen is the reader (one file) or the library, never an empty screen below it.
        return self.library_screen or self.reader

    @cached_property
    def library(self) -> ArticleLibrary:
        if self.archive is not None:
            return self.archive
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
        if not self.paths and self.archive is None:
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

    # Not exit_on_error: a loader that dies is reported (on_worker_state_changed), the reader stays.
    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_articles(self) -> None:
        # Imported in the worker: the parser is not needed for the first frame.
        from confreader.tui.loading import load_into

        load_into(self, get_current_worker())

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
        self._failed_files.append(message.failure)
        # One toast for every bad file so far, not one per file stacked over the text.
        self.notify(failed_files_line(self._failed_files), title="Could not open", severity="error", timeout=10)
        if self.library_screen is not None:
            self.library_screen.show_progress()

    def on_cache_unusable(self, message: CacheUnusable) -> None:
        # One title: a second problem replaces the first toast rather than stacking.
        self.notify(f"{message.problem}; the files are parsed without it.", title="File cache",
                    severity="warning", timeout=6)

    def on_loading_finished(self, message: LoadingFinished) -> None:
        self.loading_done = True
        if self.library_screen is not None:
            self.library_screen.loading_finished()
        elif self.loaded_count == 0:
            self.reader.show_nothing("No article could be opened.")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR or event.worker.error is None:
            return
        self.report_failure(Failure(f"Background task {event.worker.name!r}", event.worker.error))
        if event.worker.group == "load" and not self.loading_done:
            self.on_loading_finished(LoadingFinished())

    def exit(self, result: object = None, return_code: int = 0, message: object = None) -> None:
        self.memory.save(self)
        super().exit(result, return_code, message)  # type: ignore[arg-type]

    def _write_terminal(self, sequence: str) -> None:
        # Textual has no public call for raw terminal modes; its driver is the one writer.
        if self._driver is not None:
            self._driver.write(sequence)

    # --- messages and failures ------------------------------------------------------

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Show a notification, replacing the one still shown under the same title.

        Messages carry file names and article text, so they are never markup
        (`markup` is accepted for Textual's callers and ignored). One toast per
        title: repeated n / N, bidi or copy messages replace each other instead
        of stacking over the text. Call from the UI thread.
        """
        notification = Notification(str(message), title, severity,
                                    self.NOTIFICATION_TIMEOUT if timeout is None else timeout, markup=False)
        previous = self._notices.pop(title, None)
        if previous is not None:
            # Textual has no public call to withdraw one notification.
            self._unnotify(previous, refresh=False)
        self._notices[title] = notification
        self.post_message(Notify(notification))

    def _on_notify(self, event: Notify) -> None:
        # Replaced before its message arrived (twelve bad files in one burst): never shown.
        # (Textual calls every class's handler; prevent_default stops App's own.)
        if self._notices.get(event.notification.title) is not event.notification:
            event.prevent_default()

    def report_failure(self, failure: Failure) -> None:
        """An exception the reader survives: logged, and told to the user in one line."""
        self.failures.append(failure)
        self.log.error(failure.line, failure.error)
        if len(self.failures) > FAILURE_LIMIT:
            # The same error over and over (a redraw failing every frame): stop, restoring the terminal.
            super()._handle_exception(failure.error)  # type: ignore[arg-type]
            return
        count = len(self.failures)
        lead = f"{count} errors so far; the latest: " if count > 1 else ""
        self.notify(f"{lead}{failure.line}. The reader is still running.",
                    title="Something went wrong", severity="error", timeout=10)

    def _handle_exception(self, error: Exception) -> None:
        # Textual's last resort (workers, timers, callbacks, its own widgets) ends the app;
        # while the app runs, report instead. Before it runs (CSS, start-up) it still ends it.
        if not self.is_running or len(self.failures) >= FAILURE_LIMIT:
            super()._handle_exception(error)
            return
        doing, cause = describe_error(error)
        self.report_failure(Failure(doing, cause))

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
        """To the next / previous article in the library's order (as sorted and filtered there)."""
        neighbour = self.library_screen.neighbour(self.reader.article_id, delta) if self.library_screen else None
        if neighbour is None:
            self.notify("No next article." if delta > 0 else "No previous article.", timeout=2)
            return
        self.open_article(neighbour)

    def open_hit(self, hit: QuoteHit) -> None:
        # A full-text hit outside every quote has no quote id: the reader shows its match alone.
        self.open_article(hit.article_id, hit.quote_id or None, list(hit.matches))

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

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Not Quit (q quits; a palette query ending in Enter should not end the session) nor
        # Screenshot (it writes an SVG into whatever folder the reader was started from).
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit", "Screenshot"):
                yield command

    # Every palette the reader opens is ReaderCommandPalette (see tui.paging): Ctrl+P, and the
    # theme list that Ctrl+P's "Theme" opens (a walk found PgUp failing there, seed 202, step 307).
    def action_command_palette(self) -> None:
        from confreader.tui.commands import ReaderCommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(ReaderCommandPalette(id="--command-palette"))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        from confreader.tui.commands import ReaderCommandPalette

        self.push_screen(ReaderCommandPalette(providers=[ThemeProvider], placeholder="Search for themes…"))

    def search_commands(self, commands: Sequence[CommandListItem],
                        placeholder: str = "Search for commands…") -> AwaitMount:
        from confreader.tui.commands import ReaderCommandPalette

        return self.push_screen(ReaderCommandPalette(providers=[SimpleProvider(self.screen, commands)],
                                                     placeholder=placeholder))

    def action_archive_speakers(self) -> None:
        from confreader.tui.speakers_screen import SpeakersScreen

        # Once on the stack, back down to it (from one speaker's quotes or an article opened
        # there), so screens do not pile up.
        already = [screen for screen in self.screen_stack if isinstance(screen, SpeakersScreen)]
        if not already:
            self.push_screen(SpeakersScreen())
            return
        while self.screen is not already[0]:
            self.pop_screen()

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
