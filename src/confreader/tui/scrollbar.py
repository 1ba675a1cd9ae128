"""A vertical scrollbar that repaints only when its thumb moves on screen.

Textual repaints a scrollbar on every change of scroll position. On a long
article the thumb moves one eighth of a cell every few hundred lines, so a
page down repainted a bar that looked the same, and the compositor then
re-cut every row it crosses: about a third of the work of a scrolling frame.
"""
from __future__ import annotations

from math import ceil

from textual.reactive import Reactive
from textual.scrollbar import ScrollBar

EIGHTHS = 8  # the bar draws its thumb in eighths of a cell


class SteadyScrollBar(ScrollBar):
    position: Reactive[float] = Reactive(0.0, repaint=False)

    def thumb_start(self, position: float) -> int | None:
        """Where the thumb is drawn, in eighths of a cell from the top (as ScrollBar draws it)."""
        size = self.size.height
        virtual = ceil(self.window_virtual_size)
        window = ceil(self.window_size) if self.window_size < self.window_virtual_size else 0
        if not (window and size and virtual) or size == virtual:
            return None
        thumb = max(1, window / (virtual / size))
        return int((size - thumb) * (position / (virtual - window)) * EIGHTHS)

    def watch_position(self, old: float, new: float) -> None:
        if self.thumb_start(old) != self.thumb_start(new):
            self.refresh()


class SteadyScrollbars:
    """Mixin for scrolling widgets: their vertical scrollbar is a SteadyScrollBar."""

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        # Widget.vertical_scrollbar builds a plain ScrollBar the same way; there is no hook to swap the class.
        if self._vertical_scrollbar is None:  # type: ignore[has-type]
            bar = SteadyScrollBar(vertical=True, name="vertical", thickness=self.scrollbar_size_vertical)  # type: ignore[attr-defined]
            bar.display = False
            self._vertical_scrollbar = bar
            self.app._start_widget(self, bar)  # type: ignore[attr-defined]
        return self._vertical_scrollbar
