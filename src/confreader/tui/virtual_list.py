"""A list that draws only the rows on screen: for libraries of tens of thousands of
articles, search results and speakers' quotes.

Subclasses say how many rows there are (reset()) and how to draw one
(render_row); the list asks for the rows it shows, keeps the drawn lines in
an LRU cache, and moves a cursor. Nothing is built for rows off screen, so
showing 31,000 articles costs what showing 30 does.
"""
from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from confreader.tui import bindings
from confreader.tui.guard import Guarded

# Drawn lines kept: a few screens' worth, so scrolling back and forth draws nothing anew.
CACHED_LINES = 2000


class VirtualList(Guarded, ScrollView, can_focus=True):
    """Rows of `row_height` lines under an optional header line, with a cursor row."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"virtual-list--cursor", "virtual-list--header"}
    DEFAULT_CSS = """
    VirtualList > .virtual-list--cursor { background: $block-cursor-blurred-background; }
    VirtualList:focus > .virtual-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    VirtualList > .virtual-list--header { text-style: bold; background: $panel; }
    """
    BINDINGS = bindings.TABLE_MOVEMENT
    row_height: ClassVar[int] = 1

    cursor_row: reactive[int] = reactive(0, always_update=True, init=False)

    class Selected(Message):
        """Enter or a click on a row."""

        def __init__(self, source: VirtualList, index: int) -> None:
            super().__init__()
            self.source = source
            self.index = index

        @property
        def control(self) -> VirtualList:
            return self.source

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.row_count = 0
        self._lines: LRUCache[tuple[int, int, bool, int], Strip] = LRUCache(CACHED_LINES)

    # --- for subclasses ------------------------------------------------------------

    def render_row(self, index: int, width: int) -> list[Text]:
        """The `row_height` lines of row `index`, each at most `width` cells."""
        raise NotImplementedError

    def header(self, width: int) -> Text | None:
        """A line kept above the rows (column names), or None."""
        return None

    def reset(self, row_count: int, cursor: int | None = None) -> None:
        """New rows (another order, filter, width, or more of them): drop what was drawn."""
        self.row_count = max(0, row_count)
        self._lines.clear()
        self._size_to_rows()
        target = self.cursor_row if cursor is None else cursor
        self.set_reactive(VirtualList.cursor_row, max(0, min(target, self.row_count - 1)))
        self._show_cursor()
        self.refresh()

    def redraw(self) -> None:
        """Same rows, drawn again (the bidi mode or the theme changed)."""
        self._lines.clear()
        self.refresh()

    # --- drawing -------------------------------------------------------------------

    def on_mount(self) -> None:
        # Rows are drawn shaped (bidi mode) and in the theme's colours: either change redraws them.
        self.watch(self.app, "bidi_mode", lambda: self.redraw(), init=False)
        self.watch(self.app, "theme", lambda: self.redraw(), init=False)

    @property
    def _header_lines(self) -> int:
        return 0 if self.header(1) is None else 1

    def _size_to_rows(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width,
                                 self.row_count * self.row_height + self._header_lines)

    def on_resize(self) -> None:
        self._lines.clear()
        self._size_to_rows()
        self._show_cursor()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width <= 0:
            return Strip.blank(0)
        base = self.rich_style
        header_lines = self._header_lines
        if y < header_lines:
            header = self.header(width)
            style = base + self.get_component_rich_style("virtual-list--header")
            return self._strip(header or Text(), width, style)
        line = self.scroll_offset.y + y - header_lines
        index, part = divmod(line, self.row_height)
        if not 0 <= index < self.row_count:
            return Strip.blank(width, base)
        is_cursor = index == self.cursor_row
        key = (index, part, is_cursor and self.has_focus, width)
        cached = self._lines.get(key)
        if cached is not None:
            return cached
        rows = self.render_row(index, width)
        style = base + self.get_component_rich_style("virtual-list--cursor") if is_cursor else base
        for number in range(self.row_height):
            text = rows[number] if number < len(rows) else Text()
            self._lines[(index, number, is_cursor and self.has_focus, width)] = self._strip(text, width, style)
        return self._lines[key]

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        segments = list(Segment.apply_style(text.render(self.app.console), style))
        segments = [segment for segment in segments if segment.text != "\n"]
        return Strip(segments).crop_extend(0, width, style)

    def watch_has_focus(self, focused: bool) -> None:
        self.refresh()

    # --- cursor --------------------------------------------------------------------

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._show_cursor()
        self.refresh()

    def move_cursor(self, row: int) -> None:
        if self.row_count:
            self.cursor_row = max(0, min(row, self.row_count - 1))

    def _show_cursor(self) -> None:
        """Scroll so the cursor's row is on screen."""
        visible = self.scrollable_content_region.height - self._header_lines
        if visible <= 0 or not self.row_count:
            return
        top = self.cursor_row * self.row_height
        scroll_y = self.scroll_offset.y
        if top < scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + self.row_height > scroll_y + visible:
            self.scroll_to(y=top + self.row_height - visible, animate=False, immediate=True)

    @property
    def _page_rows(self) -> int:
        return max(1, (self.scrollable_content_region.height - self._header_lines) // self.row_height)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor_row + self._page_rows)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor_row - self._page_rows)

    def action_scroll_top(self) -> None:
        self.move_cursor(0)

    def action_scroll_bottom(self) -> None:
        self.move_cursor(self.row_count - 1)

    # The keys ScrollView binds to scrolling move the cursor instead.
    action_scroll_down = action_cursor_down
    action_scroll_up = action_cursor_up
    action_scroll_home = action_scroll_top
    action_scroll_end = action_scroll_bottom

    def action_select_cursor(self) -> None:
        if self.row_count:
            self.post_message(self.Selected(self, self.cursor_row))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < self._header_lines:
            return
        index = (self.scroll_offset.y + offset.y - self._header_lines) // self.row_height
        if 0 <= index < self.row_count:
            self.cursor_row = index
            self.post_message(self.Selected(self, index))
