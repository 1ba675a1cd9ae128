"""The library screen: every open article, with loading progress."""
from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Static

from confreader.display import single_line
from confreader.library import ArticleSummary
from confreader.tui import bindings
from confreader.tui.guard import Guarded
from confreader.tui.keybar import KeyBar

if TYPE_CHECKING:
    from confreader.tui.app import ReaderApp

TITLE_WIDTH = 48
SOURCE_WIDTH = 30


class ArticleTable(Guarded, DataTable):
    BINDINGS = bindings.TABLE_MOVEMENT + bindings.LIBRARY


class LibraryScreen(Guarded, Screen):
    @property
    def reader_app(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static(id="progress")
        yield ArticleTable(id="articles", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(ArticleTable)
        table.border_title = "Library"
        table.add_column("Title", width=TITLE_WIDTH, key="title")
        table.add_column("Source", width=SOURCE_WIDTH, key="source")
        table.add_column("Date", key="date")
        table.add_column("Quotes", key="quotes")
        table.add_column("Speakers", key="speakers")
        for summary in self.reader_app.library.list():
            self.add_article(summary)
        self.show_progress()
        self.watch(self.app, "bidi_mode", self._refresh_titles, init=False)
        table.focus()

    def add_article(self, summary: ArticleSummary) -> None:
        table = self.query_one(ArticleTable)
        if summary.id in table.rows:
            return
        table.add_row(*self._cells(summary), key=summary.id)

    def _cells(self, summary: ArticleSummary) -> list[Text]:
        options = self.reader_app.display_options
        source = summary.source if len(summary.source) <= SOURCE_WIDTH else "…" + summary.source[-SOURCE_WIDTH + 1:]
        return [
            single_line(summary.title, TITLE_WIDTH, options),
            Text(source),
            Text(summary.date or "—"),
            Text(str(summary.quote_count), justify="right"),
            Text(str(summary.speaker_count), justify="right"),
        ]

    def _refresh_titles(self) -> None:
        table = self.query_one(ArticleTable)
        table.clear()
        for summary in self.reader_app.library.list():
            self.add_article(summary)

    def show_progress(self) -> None:
        app = self.reader_app
        loaded, failed, total = app.loaded_count, app.failed_count, app.total_count
        text = Text()
        if loaded + failed < total:
            text.append(f"Loading {loaded + failed + 1} of {total} files…", style="bold")
        else:
            text.append(f"{loaded} article{'s' * (loaded != 1)} open", style="bold")
        if failed:
            text.append(f" · {failed} could not be opened", style="bold red")
        text.append("   Enter opens · / searches quotes · ? help", style="dim")
        self.query_one("#progress", Static).update(text)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.reader_app.open_article(event.row_key.value)
