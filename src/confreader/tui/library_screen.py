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
from textual.cache import LRUCache
from textual.widgets import Static

from confreader.display import single_line
from confreader.library import ArticleLibrary, ArticleSummary
from confreader.sources.names import one_line
from confreader.tui import bindings
from confreader.tui.guard import Failure, Guarded
from confreader.tui.keybar import KeyBar
from confreader.tui.virtual_list import VirtualList

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
    column: str                 # the library's sort key ("file": the order the files were given in)
    words: str                  # for the progress line: "sorted by …"
    descending: bool = False


SORT_ORDERS = (
    SortOrder("file", "file order"),
    SortOrder("title", "title"),
    SortOrder("outlet", "outlet"),
    SortOrder("date", "date, newest first", descending=True),
    SortOrder("author", "author"),
    SortOrder("quotes", "quotes, most first", descending=True),
)
# Rows asked of the library at a time, and pages kept: a few screens either side of the cursor.
PAGE_ROWS = 100
PAGES_KEPT = 16
# Up to this many rows, finding an article's row (to keep the cursor on it) reads every page;
# beyond, only the pages already read (an index pays for every page it skips to).
FIND_ROW_LIMIT = 5_000


class PagedRows:
    """The library's summaries in one order and filter, read a page at a time as rows are drawn."""

    def __init__(self, library: ArticleLibrary, sort: str, filters: dict[str, str],
                 report: Callable[[Exception], None]) -> None:
        """`report`: told once when the library fails to give a page (a database gone bad
        under the reader); its rows are then drawn empty rather than failing every frame."""
        self.library = library
        self.sort = sort
        self.filters = filters
        self.count = library.count(filters) if filters else library.count()
        self._pages: LRUCache[int, list[ArticleSummary]] = LRUCache(PAGES_KEPT)
        self._report = report
        self.failed = False

    def at(self, index: int) -> ArticleSummary | None:
        number, within = divmod(index, PAGE_ROWS)
        page = self._pages.get(number)
        if page is None:
            try:
                page = self.library.page(number * PAGE_ROWS, PAGE_ROWS, self.sort, self.filters or None)
            except Exception as error:  # noqa: BLE001 - reported once, the reader goes on
                page = []
                if not self.failed:
                    self.failed = True
                    self._report(error)
            self._pages[number] = page
        return page[within] if within < len(page) else None

    def index_of(self, article_id: str) -> int | None:
        """The row of an article, or None (not in this filter, or too far to look for)."""
        for number in self._pages.keys():
            page = self._pages.get(number) or []
            for within, summary in enumerate(page):
                if summary.id == article_id:
                    return number * PAGE_ROWS + within
        if self.count > FIND_ROW_LIMIT:
            return None
        for number in range(0, (self.count + PAGE_ROWS - 1) // PAGE_ROWS):
            page = self.library.page(number * PAGE_ROWS, PAGE_ROWS, self.sort, self.filters or None)
            for within, summary in enumerate(page):
                if summary.id == article_id:
                    return number * PAGE_ROWS + within
        return None

    def grown(self) -> None:
        """More articles arrived (in file order they go at the end): count them, drop the last page."""
        self.count = self.library.count(self.filters) if self.filters else self.library.count()
        self._pages.clear()


def shown_date(date: str | None) -> str | None:
    """The day of an ISO date-time; any other date as given."""
    match = ISO_DATE_TIME.match(date or "")
    return match.group(1) if match else date


class ArticleTable(VirtualList):
    """The library's rows, drawn from pages of summaries as they come on screen."""

    BINDINGS = bindings.TABLE_MOVEMENT + bindings.LIBRARY

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: PagedRows | None = None

    @property
    def library_screen(self) -> LibraryScreen:
        return self.screen  # type: ignore[return-value]

    def header(self, width: int) -> Text | None:
        return self.library_screen.header_line()

    def render_row(self, index: int, width: int) -> list[Text]:
        summary = self.rows.at(index) if self.rows is not None else None
        if summary is None:
            return [Text()]
        return [self.library_screen.row_line(summary)]

    def summary_at(self, index: int) -> ArticleSummary | None:
        return self.rows.at(index) if self.rows is not None and 0 <= index < self.row_count else None

    def action_cycle_sort(self) -> None:
        self.library_screen.cycle_sort()

    def action_filter(self) -> None:
        self.library_screen.ask_filter()


def joined_cells(cells: list[tuple[Text, int]]) -> Text:
    """Cells fitted to their widths, each with one blank cell either side, as one line."""
    line = Text(no_wrap=True, end="")
    for cell, width in cells:
        line.append(" ")
        fitted = cell.copy()
        fitted.truncate(width, overflow="ellipsis")
        pad = width - fitted.cell_len
        if cell.justify == "right":
            line.append(" " * pad)
            line.append_text(fitted)
        else:
            line.append_text(fitted)
            line.append(" " * pad)
        line.append(" ")
    return line


class LibraryScreen(Guarded, Screen):
    def __init__(self, name: str | None = None) -> None:
        """`name`: what the library is, for the progress line (the database's file); None for open files."""
        super().__init__()
        self.library_name = name
        self.sort_order = SORT_ORDERS[0]
        self.filters: dict[str, str] = {}
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
        yield ArticleTable(id="articles")
        yield KeyBar()

    def on_mount(self) -> None:
        self.table.border_title = "Library"
        self._title_width = self._fitting_title_width()
        if self.library_name is not None:
            self.mirrored = self._mostly_rtl(self.reader_app.library.page(0, PAGE_ROWS, "file", None))
        self.fill()
        self.show_progress()
        self.table.focus()

    # --- rows ----------------------------------------------------------------------

    def fill(self) -> None:
        """Read the rows again (new order, filter, direction or width), keeping the cursor's article."""
        table = self.table
        keep = self.cursor_article_id()
        table.rows = PagedRows(self.reader_app.library, self.sort_order.column, self.filters, self._rows_failed)
        row = table.rows.index_of(keep) if keep is not None else None
        table.reset(table.rows.count, cursor=row if row is not None else 0)

    def _rows_failed(self, error: Exception) -> None:
        self.reader_app.report_failure(Failure("Reading the library's rows", error))

    def add_article(self, summary: ArticleSummary) -> None:
        table = self.table
        if table.rows is None:
            return
        if table.row_count == 0 and self.mirrored != (summary.direction == "rtl"):
            # The first article sets the direction (checked again once all are in).
            self.mirrored = summary.direction == "rtl"
        if self.sort_order.column == "file" and not self.filters:
            # File order: the new row goes at the end; the rows drawn stay as they are.
            table.rows.grown()
            table.row_count = table.rows.count
            table._size_to_rows()
            table.refresh()
        elif self._resort_timer is None:
            self._resort_timer = self.set_timer(RESORT_DELAY, self._resort)

    def _resort(self) -> None:
        self._resort_timer = None
        self.fill()

    @staticmethod
    def _mostly_rtl(summaries: list[ArticleSummary]) -> bool:
        return bool(summaries) and sum(s.direction == "rtl" for s in summaries) * 2 > len(summaries)

    def loading_finished(self) -> None:
        mostly_rtl = self._mostly_rtl(self.reader_app.library.list())
        if self.reader_app.library.count() and mostly_rtl != self.mirrored:
            self.mirrored = mostly_rtl
            self.table.redraw()
        self.fill()
        self.show_progress()

    def _columns(self) -> tuple[Column, ...]:
        # Mirrored for a right-to-left library: the title on the right, read first.
        return COLUMNS[::-1] if self.mirrored else COLUMNS

    def column_keys(self) -> list[str]:
        return [column.key for column in self._columns()]

    def column_widths(self) -> dict[str, int]:
        return {column.key: self._width(column) for column in self._columns()}

    def row_cells(self, row: int) -> list[Text]:
        """The cells of the table's row `row` as drawn (for tests and the walks' checks)."""
        summary = self.table.summary_at(row)
        return self.cells(summary) if summary is not None else []

    def _width(self, column: Column) -> int:
        return column.width or self._title_width

    def _label(self, column: Column) -> Text:
        label = Text(column.label, style="bold")
        if column.key == self.sort_order.column:
            label.append(" ▼" if self.sort_order.descending else " ▲")
        if column.numeric or (self.mirrored and column.width is None):
            label.justify = "right"
        return label

    def header_line(self) -> Text:
        return joined_cells([(self._label(column), self._width(column)) for column in self._columns()])

    def row_line(self, summary: ArticleSummary) -> Text:
        return joined_cells(list(zip(self.cells(summary), map(self._width, self._columns()))))

    def cells(self, summary: ArticleSummary) -> list[Text]:
        """The row's cells, in the order of the columns on screen."""
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
            if value is None:
                cells.append(Text(UNKNOWN, style="dim", justify="right" if self.mirrored else "left"))
            else:
                # Shaped and ordered like every other line of article text, cut to the column.
                cell = single_line(value, self._width(column), options)
                cell.justify = "right" if self.mirrored and column.width is None else "left"
                cells.append(cell)
        return cells

    # --- cursor ----------------------------------------------------------------------

    def cursor_article_id(self) -> str | None:
        if not self.is_mounted:
            return None
        summary = self.table.summary_at(self.table.cursor_row)
        return summary.id if summary is not None else None

    def move_cursor_to(self, article_id: str) -> None:
        table = self.table
        row = table.rows.index_of(article_id) if table.rows is not None else None
        if row is not None:
            table.move_cursor(row)

    def neighbour(self, article_id: str | None, delta: int) -> str | None:
        """The id of the article `delta` rows from `article_id` in the table's order, or None."""
        table = self.table
        if table.rows is None or article_id is None:
            return None
        row = table.rows.index_of(article_id)
        summary = table.summary_at(row + delta) if row is not None else None
        return summary.id if summary is not None else None

    def on_screen_resume(self) -> None:
        # Back from the reader: on the article just read (maybe reached with [ / ]).
        current = self.reader_app.current_article_id
        if current is not None:
            self.move_cursor_to(current)

    # --- sorting, filtering, width ----------------------------------------------------

    def cycle_sort(self) -> None:
        index = SORT_ORDERS.index(self.sort_order)
        self.sort_order = SORT_ORDERS[(index + 1) % len(SORT_ORDERS)]
        self.fill()
        self.table.redraw()
        self.show_progress()

    def ask_filter(self) -> None:
        from confreader.tui.filter_prompt import FilterPrompt

        self.app.push_screen(FilterPrompt(self.filters), callback=self.set_filters)

    def set_filters(self, filters: dict[str, str] | None) -> None:
        if filters is None or filters == self.filters:
            return
        self.filters = filters
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
            self.table.redraw()

    # --- progress, opening -------------------------------------------------------------

    def show_progress(self) -> None:
        app = self.reader_app
        text = Text()
        if self.library_name is not None:
            text.append(f"{app.library.count():,} articles in ", style="bold")
            text.append(one_line(self.library_name), style="bold")
        else:
            loaded, failed, total = app.loaded_count, app.failed_count, app.total_count
            if loaded + failed < total:
                text.append(f"Loading {loaded + failed + 1} of {total} files…", style="bold")
            elif not app.loading_done:  # files of many articles (a zip, a JSON list): counted as they come
                text.append(f"Loading… {loaded} article{'s' * (loaded != 1)} so far", style="bold")
            else:
                text.append(f"{loaded} article{'s' * (loaded != 1)} open", style="bold")
            if failed:
                text.append(f" · {failed} could not be opened", style="bold red")
        if self.filters:
            shown = self.table.rows.count if self.table.rows is not None else 0
            text.append(f" · {shown:,} shown ({one_line(describe_filters(self.filters))})", style="bold")
        text.append(f" · sorted by {self.sort_order.words}", style="bold")
        text.append("   Enter opens · o sorts · f filters · / searches · S speakers · ? help", style="dim")
        self.query_one("#progress", Static).update(text)

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        event.stop()
        summary = self.table.summary_at(event.index)
        if summary is not None:
            self.reader_app.open_article(summary.id)


def describe_filters(filters: dict[str, str]) -> str:
    parts = []
    if filters.get("outlet"):
        parts.append(f"outlet {filters['outlet']}")
    if filters.get("since") or filters.get("until"):
        parts.append(f"dates {filters.get('since') or '…'} to {filters.get('until') or '…'}")
    return ", ".join(parts)
