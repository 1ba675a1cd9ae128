"""`parse --format text` on a terminal: the listing fitted to its width, Arabic shaped and ordered."""
from __future__ import annotations

from typing import TextIO

from confreader.cli.batch import ArticleBatch
from confreader.cli.terminal import ordered_by_us, terminal_width, text_console
from confreader.display import DisplayOptions, layout_paragraph, mode_from_environment
from confreader.export.text import article_to_text
from confreader.model import Article


def print_listing(batch: ArticleBatch, out: TextIO) -> None:
    width = terminal_width()
    mode = mode_from_environment()
    # The listing's own lines ("q1 [direct] NAME (CUE) §0:") read left to right whatever
    # the names; the indented quote excerpts take the direction of their text.
    label_options = DisplayOptions(mode=mode, direction="ltr")
    excerpt_options = DisplayOptions(mode=mode)
    console = text_console(out, width, colour=False)
    first = True

    def show(article: Article) -> None:
        nonlocal first
        listing = article_to_text(article)
        if not first:
            console.print()
        first = False
        for line in listing.rstrip("\n").split("\n"):
            indent = len(line) - len(line.lstrip(" "))
            options = excerpt_options if indent else label_options
            for screen_line in layout_paragraph(line.strip(), max(1, width - indent), options).lines:
                text = screen_line.to_text()
                text.rstrip()
                console.print(" " * indent, text, sep="")
        out.flush()

    with ordered_by_us(out, mode):
        batch.each(show)
