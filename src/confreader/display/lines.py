"""Screen lines of a laid-out paragraph: visual order (UAX#9 L2, L4), styled glyphs, hit-testing.

Each glyph is tied to the logical characters it draws (per-word offsets kept
through shaping), so styled spans land on exactly their glyphs and screen cells
map back to offsets.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Literal

from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from confreader.display.options import StyledSpan
from confreader.display.paragraph import Paragraph, visual_runs
from confreader.display.shaping import HEAD, HIDDEN


class Cell:
    """One drawn unit: glyph text, its cells and the logical characters it draws:
    [start, end), except `hidden` ones inside (a stripped mark between lam and alef)."""

    __slots__ = ("text", "width", "start", "end", "x", "hidden")

    def __init__(self, text: str, width: int, start: int, end: int, x: int, hidden: frozenset[int]):
        self.text, self.width, self.start, self.end, self.x, self.hidden = text, width, start, end, x, hidden

    def draws(self, offset: int) -> bool:
        return self.start <= offset < self.end and offset not in self.hidden


class ScreenLine:
    """One screen line of a paragraph layout: logical characters start..end in visual order."""

    __slots__ = ("start", "end", "cells", "width", "_paragraph", "_visual", "_units", "_memo")

    def __init__(self, paragraph: Paragraph, start: int, end: int, cells: int, width: int):
        self._paragraph = paragraph
        self.start = start
        self.end = end
        self.cells = cells  # cells drawn (without alignment padding)
        self.width = width
        self._visual: str | None = None
        self._units: list[Cell] | None = None
        # The last styled drawing: the TUI redraws a line with the same spans many times.
        self._memo: tuple[tuple, list[Segment]] | None = None

    @property
    def right_aligned(self) -> bool:
        return self._paragraph.reorder and self._paragraph.base == 1

    @property
    def visual(self) -> str:
        """The line's glyphs in visual (left-to-right screen) order, without padding."""
        if self._visual is not None:
            return self._visual
        p = self._paragraph
        if self.start >= self.end:
            return ""
        levels = p.line_levels(self.start, self.end)
        if levels.count(levels[0]) == len(levels):
            # One direction: a slice of the paragraph's glyphs, cheap enough not to keep.
            glyphs = p.glyphs[p.glyph_offset(self.start):p.glyph_offset(self.end)]
            return p.reverse(glyphs) if ord(levels[0]) & 1 else glyphs
        self._visual = self._reordered(levels)
        return self._visual

    def _reordered(self, levels: str) -> str:
        """Rule L2 on a line of several level runs."""
        p = self._paragraph
        base = p.glyph_offset(self.start)
        glyphs = p.glyphs[base:p.glyph_offset(self.end)]
        parts = []
        for a, b, level in visual_runs(levels):
            run = glyphs[p.glyph_offset(self.start + a) - base:p.glyph_offset(self.start + b) - base]
            parts.append(p.reverse(run) if level & 1 else run)
        return "".join(parts)

    def units(self) -> list[Cell]:
        """The drawn cells in visual order, each with the characters it draws (built on
        first use: hit-testing needs them, drawing does not)."""
        if self._units is None:
            self._units = self._build_units()
        return self._units

    def _build_units(self) -> list[Cell]:
        p = self._paragraph
        n = self.end - self.start
        if n <= 0:
            return []
        roles = p.roles(self.start, self.end)
        base = p.glyph_offset(self.start)
        glyphs = p.glyphs[base:p.glyph_offset(self.end)]
        offsets = [p.glyph_offset(self.start + i) - base for i in range(n + 1)]
        levels = p.line_levels(self.start, self.end)
        # Each head character draws the joined characters after it, up to the next
        # head (second half of a lam-alef, kept marks); hidden ones are not drawn.
        heads = [i for i, r in enumerate(roles) if r == HEAD]
        glyph_end = dict(zip(heads, heads[1:] + [n]))
        cells = self._paragraph_cells(roles)
        order: list[int] = []
        for a, b, level in visual_runs(levels):
            order.extend(range(b - 1, a - 1, -1) if level & 1 else range(a, b))
        units: list[Cell] = []
        x = 0
        for i in order:
            if roles[i] != HEAD:
                continue
            stop = glyph_end[i]
            text = glyphs[offsets[i]:offsets[stop]]
            if ord(levels[i]) & 1:
                text = p.reverse(text)
            end = stop
            while roles[end - 1] == HIDDEN:
                end -= 1
            hidden = frozenset(self.start + j for j in range(i + 1, end) if roles[j] == HIDDEN)
            units.append(Cell(text, cells[i], self.start + i, self.start + end, x, hidden))
            x += cells[i]
        return units

    def _paragraph_cells(self, roles: str) -> list[int]:
        """Cell width of each character of the line (0 unless it is a head)."""
        p = self._paragraph
        out = [0] * len(roles)
        bounds = p.word_bounds
        k = bisect_right(bounds, self.start) // 2
        for i, role in enumerate(roles):
            if role != HEAD:
                continue
            pos = self.start + i
            while k < len(p.shapes) and bounds[2 * k + 1] <= pos:
                k += 1
            if k < len(p.shapes) and bounds[2 * k] <= pos:
                out[i] = p.shapes[k].cells[pos - bounds[2 * k]]
            else:
                out[i] = 1  # white space between words
        return out

    def _padding(self) -> int:
        return max(0, self.width - self.cells)

    def glyph_segments(self, spans: Sequence[StyledSpan] = (), base_style: Style | None = None) -> list[Segment]:
        """The drawn glyphs only (no padding), styled."""
        relevant = [i for i, s in enumerate(spans) if s.start < self.end and s.end > self.start and s.start < s.end]
        if not relevant:
            visual = self.visual
            return [Segment(visual, base_style)] if visual else []
        key = (tuple(spans[i] for i in relevant), base_style)
        if self._memo is not None and self._memo[0] == key:
            return self._memo[1]
        whole = [i for i in relevant if spans[i].start <= self.start and spans[i].end >= self.end]
        partial = [i for i in relevant if i not in whole]
        styles: dict[tuple[int, ...], Style | None] = {}

        def style_of(indices: tuple[int, ...]) -> Style | None:
            if indices not in styles:
                style = base_style
                for i in indices:
                    style = spans[i].style if style is None else style + spans[i].style
                styles[indices] = style
            return styles[indices]

        if not partial:
            visual = self.visual
            segments = [Segment(visual, style_of(tuple(whole)))] if visual else []
        else:
            segments = self._partly_styled(spans, whole, partial, style_of)
        self._memo = (key, segments)
        return segments

    def _partly_styled(self, spans: Sequence[StyledSpan], whole: list[int], partial: list[int],
                       style_of: Callable[[tuple[int, ...]], Style | None]) -> list[Segment]:
        """Segments when some spans start or end on this line: each span's characters are
        mapped, run by run, to a range of the visual string (whole cells only)."""
        p = self._paragraph
        roles = p.roles(self.start, self.end)
        levels = p.line_levels(self.start, self.end)
        cuts = {0, len(self.visual)}
        ranges: list[tuple[int, int, int]] = []  # (visual start, visual end, span index)
        x = 0
        for a, b, level in visual_runs(levels):
            ga, gb = p.glyph_offset(self.start + a), p.glyph_offset(self.start + b)
            for i in partial:
                first = max(spans[i].start - self.start, a)
                stop = min(spans[i].end - self.start, b)
                while first < stop and roles[first] == HIDDEN:
                    first += 1
                last = stop - 1
                while last >= first and roles[last] == HIDDEN:
                    last -= 1
                if first > last:
                    continue
                while first > a and roles[first] != HEAD:  # back to the start of its cell
                    first -= 1
                stop = last + 1
                while stop < b and roles[stop] != HEAD:  # on to the end of its cell
                    stop += 1
                g0, g1 = p.glyph_offset(self.start + first) - ga, p.glyph_offset(self.start + stop) - ga
                if level & 1:
                    g0, g1 = gb - ga - g1, gb - ga - g0
                ranges.append((x + g0, x + g1, i))
                cuts.update((x + g0, x + g1))
            x += gb - ga
        visual = self.visual
        points = sorted(cuts)
        segments: list[Segment] = []
        for left, right in zip(points, points[1:]):
            key = tuple(sorted(whole + [i for lo, hi, i in ranges if lo <= left and right <= hi]))
            style = style_of(key)
            if segments and segments[-1].style == style:
                segments[-1] = Segment(segments[-1].text + visual[left:right], style)
            else:
                segments.append(Segment(visual[left:right], style))
        return segments

    def to_segments(self, spans: Sequence[StyledSpan] = (), base_style: Style | None = None) -> list[Segment]:
        """Exactly `width` cells (alignment padding included: RTL right-aligned,
        LTR left-aligned), each glyph styled with base_style + every span that
        covers its source character(s)."""
        glyphs = self.glyph_segments(spans, base_style)
        if self.cells > self.width:  # one glyph wider than the whole line (a tiny width)
            return Segment.adjust_line_length(glyphs, self.width, base_style)
        pad = self._padding()
        if not pad:
            return glyphs
        padding = Segment(" " * pad, base_style)
        return [padding, *glyphs] if self.right_aligned else [*glyphs, padding]

    def to_text(self, spans: Sequence[StyledSpan] = (), base_style: Style | None = None) -> Text:
        """Same as to_segments, as a Text (for `confreader show`)."""
        text = Text(end="", no_wrap=True)
        for segment in self.to_segments(spans, base_style):
            text.append(segment.text, segment.style)
        return text

    def offset_at(self, x: int) -> int | None:
        """Logical offset of the character drawn at cell x, None for padding (hit-testing)."""
        x -= self._padding() if self.right_aligned else 0
        if x < 0 or x >= self.cells:
            return None
        for unit in self.units():
            if unit.x <= x < unit.x + unit.width:
                return unit.start
        return None

    def cell_of(self, offset: int) -> int | None:
        """Screen cell x where logical `offset` is drawn, None if not on this line
        or not drawn (stripped mark)."""
        if not self.start <= offset < self.end:
            return None
        shift = self._padding() if self.right_aligned else 0
        for unit in self.units():
            if unit.draws(offset):
                return unit.x + shift
        return None


_line_start = attrgetter("start")


class ParagraphLayout:
    """A paragraph wrapped to `width` cells: its screen lines, top to bottom."""

    __slots__ = ("width", "direction", "lines")

    def __init__(self, paragraph: Paragraph, width: int):
        self.width = width
        self.direction: Literal["rtl", "ltr"] = paragraph.direction
        self.lines: Sequence[ScreenLine] = [ScreenLine(paragraph, start, end, cells, width)
                                            for start, end, cells in paragraph.wrap(width)]

    def line_of(self, offset: int) -> int:
        """Index of the line that shows logical offset `offset` (clamped into range)."""
        return max(0, bisect_right(self.lines, offset, key=_line_start) - 1)
