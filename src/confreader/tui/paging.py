"""PgUp / PgDn on an option list that has not been laid out yet.

Textual 8's OptionList pages from the line map of its options, which it fills
only once it has a size: a PgDn on a list just filled (a batch of quote rows
added this frame, the command palette's first hits) or squeezed to nothing by a
tiny terminal raised KeyError. Found by the random walks (seed 2, step 215).
"""
from __future__ import annotations

from textual.widgets import OptionList


def can_page(option_list: OptionList) -> bool:
    """Whether the highlighted option has a place in the list's line map (after trying to make one)."""
    option_list._update_lines()
    highlighted = option_list.highlighted
    return highlighted is None or highlighted in option_list._index_to_line


class SafePaging:
    """Mixin for an OptionList: paging before the first layout does nothing instead of raising."""

    def _move_page(self, direction: int) -> None:
        if can_page(self):  # type: ignore[arg-type]
            super()._move_page(direction)  # type: ignore[misc]
