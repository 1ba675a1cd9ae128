"""Text fields that draw typed Arabic shaped and right to left, as the article is drawn.

Textual's Input draws its value in logical order, so typed Arabic shows
reversed and unjoined. These fields keep the logical value (what is searched,
what the cursor indexes) and only draw it through the display engine: the
glyphs in visual order, the cursor on the glyph of the character after the
insertion point (at the end of an RTL value: left of the text), a click lands
on the character drawn there, and in a right-to-left field Left / Right move
the cursor the way the arrows point.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.command import CommandInput, CommandList, CommandPalette, SearchIcon
from textual.containers import Horizontal, Vertical
from textual.strip import Strip
from textual.widgets import Button, Input, LoadingIndicator

from confreader.display import BidiMode, DisplayOptions, layout_paragraph

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from confreader.display import ScreenLine

# Wide enough that a typed query is one screen line; the field scrolls it, not the engine.
ONE_LINE = 4096


class VisualText:
    """Mixin for Input subclasses: visual drawing, cursor and clicks for shaped text."""

    value: str

    def _display_options(self) -> DisplayOptions:
        options = getattr(self.app, "display_options", None)  # type: ignore[attr-defined]
        return options if isinstance(options, DisplayOptions) else DisplayOptions()

    def _visual_line(self) -> tuple[ScreenLine, bool] | None:
        """The value's screen line and whether it is right to left; None when drawing
        it logically is the same (no Arabic, another bidi mode, a password)."""
        options = self._display_options()
        if options.mode is not BidiMode.APP or not self.value or self.password:  # type: ignore[attr-defined]
            return None
        layout = layout_paragraph(self.value, ONE_LINE, options)
        if len(layout.lines) != 1:
            return None
        line = layout.lines[0]
        rtl = layout.direction == "rtl"
        if not rtl and line.visual == self.value:
            return None
        return line, rtl

    def _field_width(self) -> int:
        return self.scrollable_content_region.width  # type: ignore[attr-defined]

    def _geometry(self, line: ScreenLine, rtl: bool) -> tuple[int, int]:
        """(cells before the first glyph, total cells drawn): an RTL value sits at the
        field's right edge, with one cell on its left for the cursor at its end."""
        total = line.cells + 1
        if rtl:
            return max(1, self._field_width() - line.cells), max(total, self._field_width())
        return 0, total

    def _cursor_cell(self, line: ScreenLine, rtl: bool) -> int:
        lead, _ = self._geometry(line, rtl)
        position = self.cursor_position  # type: ignore[attr-defined]
        if position < len(self.value):
            for unit in line.units():
                if unit.start <= position < unit.end:
                    return lead + unit.x
        return lead - 1 if rtl else lead + line.cells

    @property
    def _cursor_offset(self) -> int:
        shown = self._visual_line()
        if shown is None:
            return super()._cursor_offset  # type: ignore[misc]
        return self._cursor_cell(*shown)

    @property
    def content_width(self) -> int:
        shown = self._visual_line()
        if shown is None:
            return super().content_width  # type: ignore[misc]
        return self._geometry(*shown)[1]

    def render_line(self, y: int) -> Strip:
        shown = self._visual_line()
        if y != 0 or shown is None:
            return super().render_line(y)  # type: ignore[misc]
        line, rtl = shown
        lead, total = self._geometry(line, rtl)
        focused = self.has_focus  # type: ignore[attr-defined]
        selection_style = self.get_component_rich_style("input--selection")  # type: ignore[attr-defined]
        cursor_style = self.get_component_rich_style("input--cursor")  # type: ignore[attr-defined]
        start, end = sorted(self.selection)  # type: ignore[attr-defined]
        cursor_x = self._cursor_cell(line, rtl) if focused and self._cursor_visible else None  # type: ignore[attr-defined]

        def style_at(x: int, first: int, stop: int) -> Style | None:
            if x == cursor_x:
                return cursor_style
            if focused and start < end and first < end and stop > start:
                return selection_style
            return None

        segments = [Segment(" " * lead)] if lead else []
        if cursor_x is not None and cursor_x == lead - 1:
            segments = [Segment(" " * (lead - 1)), Segment(" ", cursor_style)]
        for unit in line.units():
            segments.append(Segment(unit.text, style_at(lead + unit.x, unit.start, unit.end)))
        after = total - lead - line.cells
        if after > 0:
            cursor_after = cursor_x == lead + line.cells
            segments.append(Segment(" ", cursor_style if cursor_after else None))
            if after > 1:
                segments.append(Segment(" " * (after - 1)))
        width = self._field_width()
        scroll_x = int(self.scroll_offset.x)  # type: ignore[attr-defined]
        strip = Strip(segments).crop(scroll_x, scroll_x + width + 1).extend_cell_length(width + 1)
        return strip.apply_style(self.rich_style)  # type: ignore[attr-defined]

    def _cell_offset_to_index(self, offset: int) -> int:
        shown = self._visual_line()
        if shown is None:
            return super()._cell_offset_to_index(offset)  # type: ignore[misc]
        line, rtl = shown
        lead, _ = self._geometry(line, rtl)
        x = offset + int(self.scroll_offset.x) - lead  # type: ignore[attr-defined]
        for unit in line.units():
            if unit.x <= x < unit.x + unit.width:
                return unit.start
        before_text = x < 0
        return len(self.value) if before_text == rtl else 0

    def _right_to_left(self) -> bool:
        shown = self._visual_line()
        return shown is not None and shown[1]

    def action_cursor_left(self, select: bool = False) -> None:
        if self._right_to_left():
            super().action_cursor_right(select)  # type: ignore[misc]
        else:
            super().action_cursor_left(select)  # type: ignore[misc]

    def action_cursor_right(self, select: bool = False) -> None:
        if self._right_to_left():
            super().action_cursor_left(select)  # type: ignore[misc]
        else:
            super().action_cursor_right(select)  # type: ignore[misc]


class VisualInput(VisualText, Input):
    """The search field."""


class VisualCommandInput(VisualText, CommandInput):
    """The command palette's field."""


class VisualCommandPalette(CommandPalette):
    """Textual's command palette with a field that draws Arabic as it is typed."""

    def compose(self) -> ComposeResult:
        # Textual's layout, with the one widget swapped (the palette finds it as a CommandInput).
        with Vertical(id="--container"):
            with Horizontal(id="--input"):
                yield SearchIcon()
                yield VisualCommandInput(placeholder=self._placeholder, select_on_focus=False)
                if not self.run_on_select:
                    yield Button("\u25b6")
            with Vertical(id="--results"):
                yield CommandList()
                yield LoadingIndicator()
