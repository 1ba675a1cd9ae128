"""One paragraph's text prepared for display at any width: words, widths, shapes, levels.

Counting lines needs only the words' widths; shaping (a whole paragraph's new
words in one reshaper call), the paragraph's glyph string and its bidi levels
are made when a line of it is first drawn.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from itertools import accumulate
from typing import Literal

from confreader.display.chars import MIRROR_TABLE, MIRRORED_CHARS, bidi_classes, is_mark
from confreader.display.levels import base_level, paragraph_levels
from confreader.display.options import BidiMode, DisplayOptions
from confreader.display.shaping import HEAD, Shape, word_cache

# Words are runs of anything but breakable white space (no-break spaces stay inside words).
_WORD_SPLIT = re.compile(r"((?:[^\s]|[\u00a0\u2007\u202f])+)")
_OTHER_WHITE_SPACE = re.compile(r"[^\S \u00a0\u2007\u202f]")
_LEVEL_RUN = re.compile(r"(.)\1*", re.S)
# L1: white space (and removed controls) before a tab/newline or at the end of the line.
_L1_RESET = re.compile(r"[WX]*[SB]|[WX]+$")
# Invisible format and control characters: a mark after one can resolve to another
# bidi level than the letter it is drawn on.
_FORMAT_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
                             "\u2060-\u2064\u2066-\u2069\ufeff]")


class Paragraph:
    """What one paragraph needs at any width: its words and their shapes, its glyphs in
    logical order (one string, so a line's glyphs are one slice), its levels (lazily)."""

    __slots__ = ("text", "options", "_base", "word_bounds", "widths", "reorder", "clusters", "_cache",
                 "_shapes", "_glyphs", "_glyph_starts", "_classes", "_levels", "_l1",
                 "_controls")

    def __init__(self, text: str, options: DisplayOptions):
        self.text = text
        self.options = options
        self.reorder = options.mode is BidiMode.APP
        self.clusters = options.harakat == "keep"
        self._classes: str | None = None
        self._levels: str | None = None
        self._l1 = True
        self._controls = _FORMAT_CONTROL.search(text) is not None
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
        if not self.reorder:
            return levels
        if self._l1:
            classes = self.classes[start:end]
            if _L1_RESET.search(classes):
                chars = list(levels)
                for m in _L1_RESET.finditer(classes):
                    chars[m.start():m.end()] = chr(self.base) * (m.end() - m.start())
                levels = "".join(chars)
        if self._controls and levels:
            levels = _levels_of_heads(levels, self.roles(start, end))
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

def _levels_of_heads(levels: str, roles: str) -> str:
    """A glyph is drawn in one place, so the characters it covers (a kept mark, a hidden
    control or stripped mark between a letter and its mark) take the level of its head."""
    out = list(levels)
    for i in range(1, len(out)):
        if roles[i] != HEAD:
            out[i] = out[i - 1]
    return "".join(out)


def visual_runs(levels: str) -> list[tuple[int, int, int]]:
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
