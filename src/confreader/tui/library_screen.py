"""The library screen: every open article with its outlet, date and author, sortable, with loading progress.

Column widths are fixed (the title takes what the others leave), so the
table looks the same whatever order and speed the articles load in. A
library of mostly Arabic articles is mirrored: the title column on the right.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Static

from confreader.display import single_line
from confreader.library import ArticleSummary
from confreader.tui import bindings
from confreader.tui.guard import Guarded
from confreader.tui.keybar import KeyBar

if TYPE_CHECKING:
    from confreader.tui.app import ReaderApp

MIN_TITLE_WIDTH = 16
# Each cell has one blank cell either side (DataTable's cell padding).
CELL_PADDING = 2
UNKNOWN = "—"
# Seconds between re-sorts while articles arrive in a sorted table.
RESORT_DELAY = 0.3
# "2015-07-21 02:51:32" or "2015-07-21T02:51:32Z": the day is what fits and what a reader needs.
ISO_DATE_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[ T]\d")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int | None           # None: the title, which takes the width the others leave
    numeric: bool = False


COLUMNS = (
    Column("title", "Title", None),
    Column("outlet", "Outlet", 14),
    Column("date", "Date", 10),
    Column("author", "Author", 18),
    Column("quotes", "Quotes", 6, numeric=True),
    Column("speakers", "Speakers", 8, numeric=True),
)
FIXED_WIDTH = sum(c.width or 0 for c in COLUMNS) + CELL_PADDING * len(COLUMNS)


@dataclass(frozen=True)
class SortOrder:
    column: str | None          # None: the order the files were given in
    words: str                  # for the progress line: "sorted by …"
    value: Callable[[ArticleSummary], object] | None = None
    descending: bool = False


SORT_ORDERS = (
    SortOrder(None, "file order"),
    SortOrder("title", "title", lambda s: s.title.casefold()),
    SortOrder("outlet", "outlet", lambda s: s.outlet and s.outlet.casefold()),
    SortOrder("date", "date, newest first", lambda s: s.date, descending=True),
    SortOrder("author", "author", lambda s: s.author and s.author.casefold()),
    SortOrder("quotes", "quotes, most first", lambda s: s.quote_count, descending=True),
)


def sorted_summaries(summaries: list[ArticleSummary], order: SortOrder) -> list[ArticleSummary]:
    """The summaries in `order`; articles without the value keep file order, after the others."""
    if order.value is None:
        return list(summaries)
    value = order.value
    known = [s for s in summaries if value(s) is not None]
    unknown = [s for s in summaries if value(s) is None]
    # sorted() is stable, so equal values keep file order.
    return sorted(known, key=value, reverse=order.descending) + unknown  # type: ignore[arg-type]


def shown_date(date: str | None) -> str | None:
    """The day of an ISO date-time; any other date as given."""
    match = ISO_DATE_TIME.match(date or "")
    return match.group(1) if match else date


class ArticleTable(Guarded, DataTable):
    BINDINGS = bindings.TABLE_MOVEMENT + bindings.LIBRARY

    def action_cycle_sort(self) -> None:
        screen = self.screen
        if isinstance(screen, LibraryScreen):
            screen.cycle_sort()


class LibraryScreen(Guarded, Screen):
    def __init__(self) -> None:
        super().__init__()
        self.sort_order = SORT_ORDERS[0]
        self.mirrored = False
        self._title_width = 0
        self._resort_timer: Timer | None = None

    @property
    def reader_app(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    @property
    def table(self) -> ArticleTable:
        return self.query_one(ArticleTable)

    def compose(self) -> ComposeResult:
        yield Static(id="progress")
        yield ArticleTable(id="articles", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.table.border_title = "Library"
        self._title_width = self._fitting_title_width()
        self.fill()
        self.show_progress()
        self.watch(self.app, "bidi_mode", self.fill, init=False)
        self.table.focus()

    # --- rows ----------------------------------------------------------------------

    def fill(self) -> None:
        """Rebuild columns and rows (new order, direction, width or bidi mode), keeping the cursor's article."""
        table = self.table
        keep = self.cursor_article_id()
        table.clear(columns=True)
        for column in self._columns():
            table.add_column(self._label(column), width=column.width or self._title_width, key=column.key)
        for summary in sorted_summaries(self.reader_app.library.list(), self.sort_order):
            table.add_row(*self._cells(summary), key=summary.id)
        if keep is not None:
            self.move_cursor_to(keep)

    def add_article(self, summary: ArticleSummary) -> None:
        table = self.table
        if summary.id in table.rows:
            return
        if table.row_count == 0 and self.mirrored != (summary.direction == "rtl"):
            # The first article sets the direction (checked again once all are in).
            self.mirrored = summary.direction == "rtl"
            self.fill()
            return
        table.add_row(*self._cells(summary), key=summary.id)
        if self.sort_order.value is not None and self._resort_timer is None:
            self._resort_timer = self.set_timer(RESORT_DELAY, self._resort)

    def _resort(self) -> None:
        self._resort_timer = None
        self.fill()

    def loading_finished(self) -> None:
        summaries = self.reader_app.library.list()
        mostly_rtl = sum(s.direction == "rtl" for s in summaries) * 2 > len(summaries)
        if summaries and mostly_rtl != self.mirrored:
            self.mirrored = mostly_rtl
            self.fill()
        self.show_progress()

    def _columns(self) -> tuple[Column, ...]:
        # Mirrored for a right-to-left library: the title on the right, read first.
        return COLUMNS[::-1] if self.mirrored else COLUMNS

    def _label(self, column: Column) -> Text:
        label = Text(column.label, style="bold")
        if column.key == self.sort_order.column:
            label.append(" ▼" if self.sort_order.descending else " ▲")
        if column.numeric or (self.mirrored and column.width is None):
            label.justify = "right"
        return label

    def _cells(self, summary: ArticleSummary) -> list[Text]:
        options = self.reader_app.display_options
        values = {"title": summary.title, "outlet": summary.outlet, "date": shown_date(summary.date),
                  "author": summary.author}
        cells = []
        for column in self._columns():
            if column.numeric:
                count = summary.quote_count if column.key == "quotes" else summary.speaker_count
                cells.append(Text(str(count), justify="right"))
                continue
            value = values[column.key]
            width = column.width or self._title_width
            if value is None:
                cells.append(Text(UNKNOWN, style="dim", justify="right" if self.mirrored else "left"))
            else:
                # Shaped and ordered like every other line of article text, cut to the column.
                cells.append(single_line(value, width, options))
        return cells

    # --- cursor ----------------------------------------------------------------------

    def cursor_article_id(self) -> str | None:
        table = self.table
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    def move_cursor_to(self, article_id: str) -> None:
        table = self.table
        if article_id in table.rows:
            table.move_cursor(row=table.get_row_index(article_id), animate=False)

    def on_screen_resume(self) -> None:
        # Back from the reader: on the article just read (maybe reached with [ / ]).
        current = self.reader_app.current_article_id
        if current is not None:
            self.move_cursor_to(current)

    # --- sorting, width ----------------------------------------------------------------

    def cycle_sort(self) -> None:
        index = SORT_ORDERS.index(self.sort_order)
        self.sort_order = SORT_ORDERS[(index + 1) % len(SORT_ORDERS)]
        self.fill()
        self.show_progress()

    def _fitting_title_width(self) -> int:
        table = self.table
        # Before the first layout: the screen less the border and the scrollbar gutter.
        width = table.scrollable_content_region.width or self.app.size.width - 3
        return max(MIN_TITLE_WIDTH, width - FIXED_WIDTH)

    def on_resize(self) -> None:
        width = self._fitting_title_width()
        if width != self._title_width:
            self._title_width = width
            self.fill()

    # --- progress, opening -------------------------------------------------------------

    def show_progress(self) -> None:
        app = self.reader_app
        loaded, failed, total = app.loaded_count, app.failed_count, app.total_count
        text = Text()
        if loaded + failed < total:
            text.append(f"Loading {loaded + failed + 1} of {total} files…", style="bold")
        elif not app.loading_done:  # files of many articles (a zip, a JSON list): counted as they come
            text.append(f"Loading… {loaded} article{'s' * (loaded != 1)} so far", style="bold")
        else:
            text.append(f"{loaded} article{'s' * (loaded != 1)} open", style="bold")
        if failed:
            text.append(f" · {failed} could not be opened", style="bold red")
        text.append(f" · sorted by {self.sort_order.words}", style="bold")
        text.append("   Enter opens · o sorts · / searches quotes · ? help", style="dim")
        self.query_one("#progress", Static).update(text)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.reader_app.open_article(event.row_key.value)
