"""A paragraph on screen: wrap in logical order, then reorder each line (the public entry points).

Lines are cut in logical order at spaces (a word wider than the screen is cut
inside itself) using cell widths of the shaped words; each line is then put in
visual order on its own from the levels of the whole paragraph. Layouts are
cached per text, width and options; everything inside them is lazy, so a
screen costs only its own paragraphs, whatever the article's length.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from confreader.display.lines import ParagraphLayout
from confreader.display.options import DisplayOptions, StyledSpan
from confreader.display.paragraph import Paragraph

ELLIPSIS = "…"


@lru_cache(maxsize=1024)
def _prepare(text: str, options: DisplayOptions) -> Paragraph:
    return Paragraph(text, options)


@lru_cache(maxsize=1024)
def _layout(text: str, width: int, options: DisplayOptions) -> ParagraphLayout:
    return ParagraphLayout(_prepare(text, options), width)


_DEFAULT = DisplayOptions()


def layout_paragraph(text: str, width: int, options: DisplayOptions = _DEFAULT) -> ParagraphLayout:
    """Shape, wrap (logical order, at spaces) and reorder each line. Cached
    (same text/width/options -> same object). width >= 1. Never raises on any str."""
    return _layout(text, max(1, width), options)


def count_lines(text: str, width: int, options: DisplayOptions = _DEFAULT) -> int:
    """Number of screen lines layout_paragraph(text, width, options) would produce,
    cheaper than a full layout (for scroll sizes of huge articles)."""
    return len(_prepare(text, options).wrap(max(1, width)))


def single_line(text: str, width: int, options: DisplayOptions = _DEFAULT,
                spans: Sequence[StyledSpan] = (), base_style: Style | None = None) -> Text:
    """One screen line of at most `width` cells: the text's first words (logical
    order) elided with '…' if too long, shaped and reordered, aligned by its
    direction, spans styled on their glyphs. For list rows (quotes pane, search results)."""
    width = max(1, width)
    layout = layout_paragraph(text, width, options)
    if len(layout.lines) <= 1:
        return layout.lines[0].to_text(spans, base_style)
    out = Text(end="", no_wrap=True)
    if width == 1:
        out.append(ELLIPSIS, base_style)
        return out
    line = layout_paragraph(text, width - 1, options).lines[0]
    glyphs = line.glyph_segments(spans, base_style)
    if line.cells > width - 1:
        glyphs = Segment.adjust_line_length(glyphs, width - 1, base_style)
    padding = " " * max(0, width - 1 - line.cells)
    if line.right_aligned:  # the text goes on to the left of its last word
        out.append(padding, base_style)
        out.append(ELLIPSIS, base_style)
        for segment in glyphs:
            out.append(segment.text, segment.style)
    else:
        for segment in glyphs:
            out.append(segment.text, segment.style)
        out.append(ELLIPSIS, base_style)
        out.append(padding, base_style)
    return out
