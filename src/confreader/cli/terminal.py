"""What the text commands need to know about where their output goes."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console

from confreader.display import ENTER_APP_BIDI, EXIT_APP_BIDI, BidiMode

MAX_WIDTH = 1000


def terminal_width() -> int:
    """The terminal's width (or $COLUMNS), 80 when there is none, at most MAX_WIDTH."""
    return max(1, min(shutil.get_terminal_size(fallback=(80, 24)).columns, MAX_WIDTH))


class _TextConsole(Console):
    def on_broken_pipe(self) -> None:
        # Rich exits 1 here; a reader that stopped reading (`| head`) is no failure,
        # and main() decides that for every command alike.
        raise BrokenPipeError


def text_console(stream: TextIO, width: int, colour: bool) -> Console:
    """A console that prints ``Text`` as given: no markup, no emoji codes, no highlighting,
    no wrapping of its own (lines are laid out at ``width`` already)."""
    if hasattr(stream, "reconfigure"):
        stream.reconfigure(errors="replace")  # a non-UTF-8 locale must not crash the listing
    return _TextConsole(file=stream, force_terminal=colour, no_color=not colour, highlight=False,
                   markup=False, emoji=False, width=width + 1, soft_wrap=True)


@contextmanager
def ordered_by_us(stream: TextIO, mode: BidiMode, enabled: bool = True) -> Iterator[None]:
    """While we print text we ordered ourselves, ask terminals with their own bidi
    (ECMA-48 BDSM, e.g. VTE) to leave it alone; give it back afterwards."""
    active = enabled and mode is BidiMode.APP and stream.isatty()
    if active:
        stream.write(ENTER_APP_BIDI)
    try:
        yield
    finally:
        if active:
            stream.write(EXIT_APP_BIDI)
            stream.flush()
