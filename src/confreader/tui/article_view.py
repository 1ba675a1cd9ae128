"""The article pane: the article laid out by the display engine, drawn a line at a time.

Only visible lines are drawn (Textual's Line API). Each paragraph's screen
line count is known up front at the current width (for a huge article,
estimated and made exact as the paragraph comes into view), so a global
line number maps to (paragraph, line) with a bisect; strips are cached
until the width, the display options or the highlighted quote change. The
scrollbar gutter is always reserved, so the wrap width never changes when
a scrollbar appears (an RTL line would otherwise lose its first cells).
"""
from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import accumulate
from typing import TYPE_CHECKING, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from confreader.tui import bindings
from confreader.tui.guard import Guarded
from confreader.tui.messages import QuoteChosen, SectionReached
from confreader.tui.palette import Palette, SpeakerColours, palette_of
from confreader.tui.scrollbar import SteadyScrollbars

if TYPE_CHECKING:
    from confreader.display import DisplayOptions, StyledSpan
    from confreader.model import Article, Quote

# The display engine is imported by the methods that lay text out, not at start-up:
# the first frame is painted before any article is loaded.

# Blank cells either side of the text, so RTL lines do not touch the scrollbar.
MARGIN = 1
# Up to this many characters every paragraph's line count is exact from the start; beyond it
# counts begin as estimates and become exact as paragraphs come into view, so a huge
# article opens (and re-wraps on resize) without shaping all of it first.
EXACT_COUNT_LIMIT = 300_000
# Seconds of no section change before the sections pane moves its highlight (see watch_scroll_y).
SECTION_FOLLOW_DELAY = 0.08


class Block(NamedTuple):
    """A heading or a paragraph: one unit the display engine wraps."""

    start: int
    end: int
    section: int
    heading: bool


def article_blocks(article: Article) -> list[Block]:
    blocks = []
    for index, section in enumerate(article.sections):
        if section.heading_span is not None:
            blocks.append(Block(*section.heading_span, index, True))
        blocks.extend(Block(p.start, p.end, index, False) for p in section.paragraphs)
    blocks.sort(key=lambda b: b.start)
    return blocks


class ArticleView(Guarded, SteadyScrollbars, ScrollView, can_focus=True):
    BINDINGS = bindings.ARTICLE

    DEFAULT_CSS = """
    ArticleView {
        scrollbar-gutter: stable;
        overflow-x: hidden;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.options: DisplayOptions | None = None  # given with the article
        self.current_quote: Quote | None = None
        self._colours: SpeakerColours | None = None
        self._match_spans: list[tuple[int, int]] = []
        self._blocks: list[Block] = []
        self._block_starts: list[int] = []
        self._block_quotes: list[list[Quote]] = []
        # Per block, its quotes' starts and the running maximum of their ends (both in start
        # order): a line finds the quotes it shows by bisection, not by a pass over the block.
        self._quote_starts: list[list[int]] = []
        self._quote_reach: list[list[int]] = []
        self._line_counts = array("i")
        self._first_lines = array("i")
        self._exact = bytearray()
        self._wrap_width = 0
        self._view_width = 0
        self._section_at_top = -1
        self._strips: LRUCache[int, Strip] = LRUCache(1024)
        self._background: Style | None = None
        self._size_timer: Timer | None = None
        self._section_timer: Timer | None = None
        # Told the offset at the top when the view moves away from its article (see remember.py).
        self.leaving: Callable[[int | None], None] | None = None
        self._offset_to_restore: int | None = None

    # --- content -------------------------------------------------------------

    def set_article(self, article: Article, colours: SpeakerColours, options: DisplayOptions) -> None:
        self._leave()
        self.article = article
        self._colours = colours
        self.options = options
        self.current_quote = None
        self._match_spans = []
        self._blocks = article_blocks(article)
        self._block_starts = [b.start for b in self._blocks]
        self._block_quotes = [[] for _ in self._blocks]
        for quote in article.quotes:
            for index in self._blocks_overlapping(quote.start, quote.end):
                self._block_quotes[index].append(quote)
        for quotes in self._block_quotes:
            quotes.sort(key=lambda q: q.start)
        self._quote_starts = [[q.start for q in quotes] for quotes in self._block_quotes]
        self._quote_reach = [list(accumulate((q.end for q in quotes), max)) for quotes in self._block_quotes]
        self._section_at_top = -1
        # Drop the old article's line map first: with no width to lay out at (a tiny terminal),
        # _relayout waits for one, and the map must not describe the other article's blocks.
        self._line_counts, self._first_lines, self._exact = array("i"), array("i"), bytearray()
        self._view_width = self._wrap_width = 0
        self._relayout(keep_position=False)
        self.scroll_to(y=0, animate=False)

    def _leave(self) -> None:
        if self.leaving is not None and self.article is not None:
            self.leaving(self.offset_at_top())
        self.leaving = None

    def offset_at_top(self) -> int | None:
        """Article offset of the first character on the top line (None before the first layout)."""
        return self._offset_at_top()

    def restore_offset(self, offset: int | None) -> None:
        """Scroll so `offset` is on the top line, now or once the view has a width."""
        self._offset_to_restore = offset
        if self._wrap_width > 0:
            self._apply_restore()

    def _apply_restore(self) -> None:
        offset, self._offset_to_restore = self._offset_to_restore, None
        if offset is not None and self.article is not None and 0 <= offset <= len(self.article.text):
            # At once, and before the scrollbar is laid out: a re-layout anchors on the top line.
            self.scroll_to(y=self.line_of_offset(offset), animate=False, immediate=True, force=True)

    def on_unmount(self) -> None:
        self._leave()

    def set_options(self, options: DisplayOptions) -> None:
        self.options = options
        self._relayout(keep_position=True)

    def select_quote(self, quote: Quote | None, matches: list[tuple[int, int]] | None = None,
                     scroll: bool = True) -> None:
        """Emphasise `quote` (and search matches inside it) and bring it into view."""
        self.current_quote = quote
        self._match_spans = list(matches or [])
        self._invalidate()
        if quote is not None and scroll:
            self.scroll_to_offset(quote.start)

    def scroll_to_section(self, section: int) -> None:
        for block in self._blocks:
            if block.section >= section:
                self.scroll_to_offset(block.start, to_top=True)
                self._section_at_top = block.section
                return

    def scroll_to_offset(self, offset: int, to_top: bool = False) -> None:
        """Scroll so the line showing article offset `offset` is visible (at the top if asked)."""
        if not self._blocks or self._wrap_width <= 0:
            return
        line = self.line_of_offset(offset)
        top = round(self.scroll_y)
        height = self.scrollable_content_region.height
        if to_top:
            self.scroll_to(y=line, animate=False)
        elif not top <= line < top + height:
            self.scroll_to(y=max(0, line - height // 3), animate=False)

    def line_of_offset(self, offset: int) -> int:
        from confreader.display import layout_paragraph

        index = max(0, bisect_right(self._block_starts, offset) - 1)
        if self._make_exact(index):
            self._counts_changed(index)
        block = self._blocks[index]
        layout = layout_paragraph(self._block_text(block), self._wrap_width, self.options)
        line = min(layout.line_of(offset - block.start), self._line_counts[index] - 1)
        return self._first_lines[index] + max(0, line)

    def offset_at(self, x: int, y: int) -> int | None:
        """Article offset of the character drawn at content cell (x, y), None for blank cells."""
        from confreader.display import layout_paragraph

        location = self._locate(round(self.scroll_y) + y)
        if location is None:
            return None
        index, line_index = location
        block = self._blocks[index]
        lines = layout_paragraph(self._block_text(block), self._wrap_width, self.options).lines
        if line_index >= len(lines):
            return None
        local = lines[line_index].offset_at(x - MARGIN)
        return None if local is None else block.start + local

    # --- layout ----------------------------------------------------------------

    def _blocks_overlapping(self, start: int, end: int) -> list[int]:
        index = max(0, bisect_right(self._block_starts, start) - 1)
        found = []
        while index < len(self._blocks) and self._blocks[index].start < max(end, start + 1):
            block = self._blocks[index]
            if block.end > start and block.start < end:
                found.append(index)
            index += 1
        return found

    def _block_text(self, block: Block) -> str:
        assert self.article is not None
        return self.article.text[block.start:block.end]

    def _relayout(self, keep_position: bool) -> None:
        view_width = self.scrollable_content_region.width
        if self.article is None or view_width <= 0:
            return
        from confreader.display import count_lines

        anchor = self._offset_at_top() if keep_position else None
        self._view_width = view_width
        self._wrap_width = width = max(1, view_width - 2 * MARGIN)
        exact = len(self.article.text) <= EXACT_COUNT_LIMIT
        if exact:
            counts = [max(1, count_lines(self._block_text(b), width, self.options)) for b in self._blocks]
        else:
            counts = [max(1, -(-(b.end - b.start) // width)) for b in self._blocks]
        self._line_counts = array("i", counts)
        self._first_lines = array("i", bytes(4 * len(counts)))
        self._exact = bytearray([exact]) * len(counts)
        self._counts_changed(0)
        if anchor is not None:
            self.scroll_to(y=self.line_of_offset(anchor), animate=False)
        if self._offset_to_restore is not None:
            self._apply_restore()
        self._settle_visible()

    def _counts_changed(self, after: int, resize_now: bool = True) -> None:
        """Recompute first lines from block `after` + 1 on, and the scroll size.

        While scrolling a huge article (resize_now=False) the scroll size follows a
        moment later: a new virtual size relayouts the screen, too slow for every frame.
        """
        counts, firsts = self._line_counts, self._first_lines
        if counts:
            total = firsts[after] + counts[after] + 1
            for index in range(after + 1, len(counts)):
                firsts[index] = total
                total += counts[index] + 1  # a blank line between blocks
        self._invalidate()
        if resize_now:
            self._apply_size()
        elif self._size_timer is None:
            self._size_timer = self.set_timer(0.3, self._resize_scroll)

    def _apply_size(self) -> None:
        self._stop_size_timer()
        self.virtual_size = self._content_size()

    def _resize_scroll(self) -> None:
        """The scroll size after scrolling changed line counts: without a layout of the screen if possible.

        A new virtual size relayouts the whole screen (7 ms and a repaint of every pane on a
        10 MB article). When the scrollbars stay as they are, only the scroll range and the
        bar's thumb change, and the screen's layout does not.
        """
        self._stop_size_timer()
        old, new = self.virtual_size, self._content_size()
        window = self.size.height
        if old.width != new.width or min(old.height, new.height) <= window:
            self.virtual_size = new  # a scrollbar may appear or go: a real layout change
            return
        self.set_reactive(ArticleView.virtual_size, new)
        self._scroll_update(new)  # Textual's own update of the bar and the scroll range for a new virtual size

    def _stop_size_timer(self) -> None:
        if self._size_timer is not None:
            self._size_timer.stop()
            self._size_timer = None

    def _content_size(self) -> Size:
        counts, firsts = self._line_counts, self._first_lines
        return Size(self._view_width, firsts[-1] + counts[-1] if counts else 0)

    def _make_exact(self, index: int) -> bool:
        """Replace block `index`'s estimated line count by the real one; True if it changed."""
        from confreader.display import count_lines

        if self._exact[index]:
            return False
        self._exact[index] = 1
        count = max(1, count_lines(self._block_text(self._blocks[index]), self._wrap_width, self.options))
        changed = count != self._line_counts[index]
        self._line_counts[index] = count
        return changed

    def _settle_visible(self) -> None:
        """Make the on-screen blocks' line counts exact, so what is drawn matches the scroll size."""
        if not self._first_lines:
            return
        for _ in range(4):  # each correction can pull new blocks onto the screen
            top = round(self.scroll_y)
            first = max(0, bisect_right(self._first_lines, top) - 1)
            last = bisect_right(self._first_lines, top + self.scrollable_content_region.height)
            changed = [index for index in range(first, last) if self._make_exact(index)]
            if not changed:
                return
            self._counts_changed(changed[0], resize_now=False)

    def _offset_at_top(self) -> int | None:
        from confreader.display import layout_paragraph

        if not self._blocks or not self._first_lines:
            return None
        top = round(self.scroll_y)
        location = self._locate(top)
        if location is None:
            # The blank line between two blocks: the next block is the first text shown.
            following = bisect_right(self._first_lines, top)
            return self._blocks[following].start if following < len(self._blocks) else None
        index, line_index = location
        block = self._blocks[index]
        lines = layout_paragraph(self._block_text(block), self._wrap_width, self.options).lines
        return block.start + lines[min(line_index, len(lines) - 1)].start if lines else block.start

    def _locate(self, line_no: int) -> tuple[int, int] | None:
        """(block index, line within block) for a global line; None for gaps and past the end."""
        if not self._first_lines or line_no < 0:
            return None
        index = bisect_right(self._first_lines, line_no) - 1
        within = line_no - self._first_lines[index]
        if within >= self._line_counts[index]:
            return None
        return index, within

    def _invalidate(self) -> None:
        self._strips.clear()
        self._background = None
        self.refresh()

    @property
    def _palette(self) -> Palette:
        return palette_of(self.app)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        # The colours object is shared with the panes; each holder gives it the new palette.
        if self._colours is not None:
            self._colours.palette = self._palette
        self._invalidate()

    def notify_style_update(self) -> None:
        # A theme or CSS change: cached strips carry the old background.
        super().notify_style_update()
        self._strips.clear()
        self._background = None

    # --- drawing ---------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        line_no = round(self.scroll_y) + y
        strip = self._strips.get(line_no)
        if strip is None:
            strip = self._render_article_line(line_no)
            self._strips[line_no] = strip
        return strip

    def _render_article_line(self, line_no: int) -> Strip:
        width = max(self._view_width, self.scrollable_content_region.width)
        if self._background is None:
            # Resolving the widget's style walks the DOM: once per cache generation, not per line.
            self._background = self.rich_style
        background = self._background
        location = self._locate(line_no)
        if location is None:
            return Strip.blank(width, background)
        from confreader.display import layout_paragraph

        index, line_index = location
        block = self._blocks[index]
        lines = layout_paragraph(self._block_text(block), self._wrap_width, self.options).lines
        if line_index >= len(lines):
            return Strip.blank(width, background)
        base = background + self._palette.heading if block.heading else background
        margin = Segment(" " * MARGIN, background)
        line = lines[line_index]
        spans = self._spans_for(index, block.start + line.start, block.start + line.end)
        segments = [margin, *line.to_segments(spans, base), margin]
        return Strip(segments).adjust_cell_length(width, background)

    def _quotes_on(self, index: int, start: int, end: int) -> list[Quote]:
        """Block `index`'s quotes overlapping article offsets [start, end), in start order."""
        quotes = self._block_quotes[index]
        # Quotes before `first` all end at or before `start`; from `last` on they start at or after `end`.
        first = bisect_right(self._quote_reach[index], start)
        last = bisect_left(self._quote_starts[index], max(end, start + 1))
        return [q for q in quotes[first:last] if q.end > start]

    def _spans_for(self, index: int, start: int, end: int) -> list[StyledSpan]:
        """Styled spans for block `index`'s line covering article offsets [start, end)."""
        block = self._blocks[index]
        spans = []
        current = self.current_quote
        on_line = self._quotes_on(index, start, end)
        for quote in on_line:
            style = self._quote_style(quote)
            spans.append(self._local_span(block, quote.start, quote.end, style))
        if current is not None and any(q is current for q in on_line):
            spans.append(self._local_span(block, current.start, current.end, self._palette.current_quote))
            spans.extend(self._local_span(block, start, end, self._palette.match)
                         for start, end in self._match_spans if start < block.end and end > block.start)
        return spans

    def _quote_style(self, quote: Quote) -> Style:
        assert self._colours is not None
        return self._colours.quote_style(quote.speaker, quote.kind)

    @staticmethod
    def _local_span(block: Block, start: int, end: int, style: Style) -> StyledSpan:
        from confreader.display import StyledSpan

        return StyledSpan(max(start, block.start) - block.start, min(end, block.end) - block.start, style)

    # --- events ------------------------------------------------------------------

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not self._first_lines:
            return
        self._settle_visible()
        # The section at the top line; at the very end, the last one on screen, which may never reach the top.
        at_end = round(new_value) >= self.max_scroll_y
        line = self.virtual_size.height - 1 if at_end else round(new_value)
        index = max(0, bisect_right(self._first_lines, line) - 1)
        section = self._blocks[index].section
        if section != self._section_at_top:
            self._section_at_top = section
            self._announce_section_soon()

    def _announce_section_soon(self) -> None:
        # Moving the sections pane's highlight costs more than this pane's own redraw, so
        # while the reader scrolls fast (a held key) the pane follows once scrolling pauses.
        if self._section_timer is not None:
            self._section_timer.stop()
        self._section_timer = self.set_timer(SECTION_FOLLOW_DELAY, self._announce_section)

    def _announce_section(self) -> None:
        self._section_timer = None
        self.post_message(SectionReached(self._section_at_top))

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._view_width:
            self._relayout(keep_position=True)
        else:
            self._settle_visible()  # taller: more paragraphs on screen

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self.article is None:
            return
        article_offset = self.offset_at(offset.x, offset.y)
        if article_offset is None:
            return
        location = self._locate(round(self.scroll_y) + offset.y)
        assert location is not None
        under = self._quotes_on(location[0], article_offset, article_offset + 1)
        if under:
            # The innermost (latest-starting) quote wins when quotes nest.
            self.post_message(QuoteChosen(max(under, key=lambda q: q.start).id, scroll=False))
