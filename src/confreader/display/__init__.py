"""The display engine: Arabic shaped, ordered (UAX#9) and wrapped into styled screen cells.

No Textual here and no knowledge of quotes: it takes a paragraph's text and
styled spans (paragraph-local offsets) and returns lines of cells, keeping a
map between logical offsets and screen cells.
"""
from confreader.display.layout import count_lines, layout_paragraph, single_line
from confreader.display.lines import ParagraphLayout, ScreenLine
from confreader.display.options import (ENTER_APP_BIDI, EXIT_APP_BIDI, BidiMode, DisplayOptions,
                                        StyledSpan, mode_from_environment)

__all__ = [
    "BidiMode", "DisplayOptions", "ENTER_APP_BIDI", "EXIT_APP_BIDI", "ParagraphLayout", "ScreenLine",
    "StyledSpan", "count_lines", "layout_paragraph", "mode_from_environment", "single_line",
]
