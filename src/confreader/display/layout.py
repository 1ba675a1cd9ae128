"""A paragraph on screen: wrap in logical order, then shape-aware reordering of each line.

Lines are cut in logical order at spaces (a word wider than the screen is cut
inside itself) using cell widths of the shaped words; each line is then put in
visual order on its own (UAX#9 L1, L2, L4) from the levels of the whole
paragraph. Each glyph is tied to the logical characters it draws (per-word
offsets kept through shaping), so styled spans land on exactly their glyphs
and screen cells map back to offsets.

Everything is lazy: counting lines needs only word widths; shaping, levels and
the visual text of a line are made when the line is first drawn, so a screen
costs only its own paragraphs, whatever the article's length.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter
from typing import Literal

from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from confreader.display.chars import MIRROR_TABLE, MIRRORED_CHARS, bidi_classes, is_mark
from confreader.display.levels import base_level, paragraph_levels
from confreader.display.options import BidiMode, DisplayOptions, StyledSpan
from confreader.display.shaping import HEAD, HIDDEN, Shape, word_cache

# Words are runs of anything but breakable white space (no-break spaces stay inside words).
_WORD_SPLIT = re.compile(r"((?:[^\s]|[\u00a0\u2007\u202f])+)")
_OTHER_WHITE_SPACE = re.compile(r"[^\S \u00a0\u2007\u202f]")
_LEVEL_RUN = re.compile(r"(.)\1*", re.S)
# L1: white space (and removed controls) before a tab/newline or at the end of the line.
_L1_RESET = re.compile(r"[WX]*[SB]|[WX]+$")
ELLIPSIS = "…"


class _Paragraph:
    """What one paragraph needs at any width: its words and their shapes, its glyphs in
    logical order (one string, so a line's glyphs are one slice), its levels (lazily)."""

    __slots__ = ("text", "options", "_base", "word_bounds", "widths", "reorder", "clusters", "_cache",
                 "_shapes", "_glyphs", "_glyph_starts", "_classes", "_levels", "_l1")

    def __init__(self, text: str, options: DisplayOptions):
        self.text = text
        self.options = options
        self.reorder = options.mode is BidiMode.APP
        self.clusters = options.harakat == "keep"
        self._classes: str | None = None
        self._levels: str | None = None
        self._l1 = True
        self._base: int | None = None
        self._cache = word_cache(self.reorder, options.harakat, options.extended_letters == "plain")
        # [gap, word, gap, word, …, gap]: the running ends of these pieces are the
        # words' (start, end) pairs, all computed in C.
        pieces = _WORD_SPLIT.split(text)
        self.word_bounds = array("i", accumulate(map(len, pieces)))
        self.word_bounds.pop()
        self.widths = array("i", self._cache.widths(pieces[1::2]))
        self._shapes: list[Shape] | None = None
        self._glyphs = ""
        self._glyph_starts = array("i")

    def _shape(self) -> None:
        """Shape the words when the paragraph is first drawn (line counts need only widths)."""
        if self._shapes is not None:
            return
        pieces = _WORD_SPLIT.split(self.text)
        self._shapes = self._cache.shapes(pieces[1::2])
        # Glyphs of the whole paragraph: each word's, one space per white-space character between.
        if _OTHER_WHITE_SPACE.search(self.text):
            pieces[0::2] = [" " * len(gap) for gap in pieces[0::2]]
        pieces[1::2] = [shape.glyphs for shape in self._shapes]
        self._glyphs = "".join(pieces)
        self._glyph_starts = array("i", accumulate(map(len, pieces)))[0:-1:2]

    @property
    def shapes(self) -> list[Shape]:
        self._shape()
        return self._shapes  # type: ignore[return-value]

    @property
    def glyphs(self) -> str:
        """The paragraph's glyphs in logical order."""
        self._shape()
        return self._glyphs

    def glyph_offset(self, pos: int) -> int:
        """Offset in ``glyphs`` where the glyphs of character ``pos`` start."""
        shapes = self.shapes
        starts = self._glyph_starts
        k = bisect_right(self.word_bounds, pos) // 2  # the word holding `pos`, or the next one
        if k < len(shapes) and self.word_bounds[2 * k] <= pos:
            return starts[k] + shapes[k].offsets[pos - self.word_bounds[2 * k]]
        if k == 0:  # white space before the first word: one space each
            return pos
        previous = k - 1  # white space after word k - 1
        return starts[previous] + len(shapes[previous].glyphs) + pos - self.word_bounds[2 * previous + 1]

    def roles(self, start: int, end: int) -> str:
        """Role of each character start..end (white space between words: HEAD)."""
        bounds = self.word_bounds
        k = bisect_right(bounds, start) // 2
        parts: list[str] = []
        pos = start
        while pos < end:
            word_start = bounds[2 * k] if k < len(self.shapes) else end
            if pos < word_start:
                parts.append(HEAD * (min(word_start, end) - pos))
                pos = min(word_start, end)
                continue
            parts.append(self.shapes[k].roles[pos - word_start:min(bounds[2 * k + 1], end) - word_start])
            pos = min(bounds[2 * k + 1], end)
            k += 1
        return "".join(parts)

    @property
    def base(self) -> int:
        """Paragraph embedding level: 1 right-to-left, 0 left-to-right (not needed to count lines)."""
        if self._base is None:
            if self.options.direction == "auto":
                found = base_level(self.classes)
                self._base = 0 if found is None else found
            else:
                self._base = 1 if self.options.direction == "rtl" else 0
        return self._base

    @property
    def direction(self) -> Literal["rtl", "ltr"]:
        return "rtl" if self.base else "ltr"

    @property
    def classes(self) -> str:
        if self._classes is None:
            self._classes = bidi_classes(self.text)
        return self._classes

    @property
    def levels(self) -> str:
        if self._levels is None:
            if self.reorder:
                classes = self.classes
                self._levels = paragraph_levels(self.text, self.base, classes)
                # Lines never end in white space (it is dropped at breaks), so rule L1
                # only matters around tabs, newlines and removed controls.
                self._l1 = any(c in classes for c in "SBX")
                if not self._l1:
                    self._classes = None
            else:
                self._levels = "\x00" * len(self.text)
        return self._levels

    def wrap(self, width: int) -> list[tuple[int, int, int]]:
        """Greedy wrap: (start, end, cells) of each line; white space at a break is not drawn."""
        lines: list[tuple[int, int, int]] = []
        bounds = self.word_bounds
        line_start = -1
        line_end = 0
        used = 0
        for k, word_width in enumerate(self.widths):
            start = bounds[2 * k]
            end = bounds[2 * k + 1]
            if line_start >= 0:
                gap = start - line_end
                if used + gap + word_width <= width:
                    used += gap + word_width
                    line_end = end
                    continue
                lines.append((line_start, line_end, used))
            if word_width <= width:
                line_start, line_end, used = start, end, word_width
                continue
            # A word wider than the screen: cut it before a cell that would not fit.
            shape = self.shapes[k]
            cells = shape.cells
            roles = shape.roles
            line_start, used = start, 0
            for i in range(end - start):
                if roles[i] == HEAD and used + cells[i] > width and used:
                    lines.append((line_start, start + i, used))
                    line_start, used = start + i, 0
                used += cells[i]
            line_end = end
        if line_start >= 0:
            lines.append((line_start, line_end, used))
        return lines or [(0, 0, 0)]

    def line_levels(self, start: int, end: int) -> str:
        levels = self.levels[start:end]
        if not self.reorder or not self._l1:
            return levels
        classes = self.classes[start:end]
        if _L1_RESET.search(classes):
            chars = list(levels)
            for m in _L1_RESET.finditer(classes):
                chars[m.start():m.end()] = chr(self.base) * (m.end() - m.start())
            levels = "".join(chars)
        return levels

    def reverse(self, glyphs: str) -> str:
        """Glyphs of one right-to-left run, reversed and mirrored (marks stay after their letter)."""
        if not self.clusters:
            reversed_glyphs = glyphs[::-1]
            # translate() looks up every character; most runs have nothing to mirror.
            return reversed_glyphs.translate(MIRROR_TABLE) if MIRRORED_CHARS.search(reversed_glyphs) else reversed_glyphs
        clusters: list[str] = []
        for ch in glyphs:
            if clusters and is_mark(ch):
                clusters[-1] += ch
            else:
                clusters.append(ch)
        return "".join(reversed(clusters)).translate(MIRROR_TABLE)


def _visual_runs(levels: str) -> list[tuple[int, int, int]]:
    """Rule L2: the line's level runs (start, end, level) in visual order."""
    runs = [(m.start(), m.end(), ord(m.group(1))) for m in _LEVEL_RUN.finditer(levels)]
    highest = max(r[2] for r in runs)
    lowest_odd = min(r[2] for r in runs) | 1
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(runs):
            if runs[i][2] < level:
                i += 1
                continue
            j = i
            while j < len(runs) and runs[j][2] >= level:
                j += 1
            runs[i:j] = runs[i:j][::-1]
            i = j
    return runs


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

    def __init__(self, paragraph: _Paragraph, start: int, end: int, cells: int, width: int):
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
        for a, b, level in _visual_runs(levels):
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
        for a, b, level in _visual_runs(levels):
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
        for a, b, level in _visual_runs(levels):
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

    def __init__(self, paragraph: _Paragraph, width: int):
        self.width = width
        self.direction: Literal["rtl", "ltr"] = paragraph.direction
        self.lines: Sequence[ScreenLine] = [ScreenLine(paragraph, start, end, cells, width)
                                            for start, end, cells in paragraph.wrap(width)]

    def line_of(self, offset: int) -> int:
        """Index of the line that shows logical offset `offset` (clamped into range)."""
        return max(0, bisect_right(self.lines, offset, key=_line_start) - 1)


@lru_cache(maxsize=1024)
def _prepare(text: str, options: DisplayOptions) -> _Paragraph:
    return _Paragraph(text, options)


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
