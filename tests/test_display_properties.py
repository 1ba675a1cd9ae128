"""Properties of the display engine over random mixes of Arabic, Latin, digits,
punctuation, brackets, harakat, invisible characters and spaces."""
from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.style import Style

from confreader.display import BidiMode, DisplayOptions, StyledSpan, count_lines, layout_paragraph, single_line

ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" "لالالأإآ" "ةءئؤى" "پچژگکی"  # Arabic letters, lam-alef pairs, Persian
    "abcXYZ" "0123456789" "٠١٢٣٤" "+-$%,.:/!?\"'«»<>"
    "()[]{}" "\u064b\u064e\u064f\u0650\u0651\u0652" "\u200c\u200d\u200e\u200f\u2067\u2069\x1b"
    "      \t" "\u00a0" "\ufdf2" "\ufdfa" "世"
    "⚌☰\u4df2" "\u0903\u1160"  # wide to Rich though not East Asian Wide; zero-width to Rich though not Mn
)
SPAN_STYLE = Style(bold=True)

texts = st.text(alphabet=ALPHABET, max_size=80)
widths = st.integers(min_value=1, max_value=40)
options = st.builds(DisplayOptions,
                    mode=st.sampled_from(list(BidiMode)),
                    harakat=st.sampled_from(["strip", "keep", "after"]),
                    direction=st.sampled_from(["auto", "rtl", "ltr"]),
                    extended_letters=st.sampled_from(["shape", "plain"]))

FAST = settings(max_examples=300, deadline=None)


def _is_drawn(ch: str) -> bool:
    """Characters that must own a cell: neither space, mark nor invisible."""
    return not ch.isspace() and unicodedata.category(ch) not in ("Mn", "Me", "Cf", "Cc")


@FAST
@given(texts, widths, options)
@example("\u0903\u2630", 1, DisplayOptions(harakat="strip"))  # a zero-cell lone mark beside a glyph wider than the line
def test_every_line_fits_and_every_character_is_drawn_once_or_accounted_for(text, width, opts):
    layout = layout_paragraph(text, width, opts)
    owner: dict[int, int] = {}
    for index, line in enumerate(layout.lines):
        units = line.units()
        # Wider only when a single glyph is wider than the line (a tiny width): then cropped.
        # Zero-cell units (a lone spacing mark Rich draws in no cell) do not count as glyphs.
        assert line.cells <= width or sum(1 for u in units if u.width) == 1
        drawn = "".join(s.text for s in line.to_segments())
        assert cell_len(drawn) == width
        assert "".join(u.text for u in units) == line.visual
        assert sum(u.width for u in units) == line.cells
        for unit in units:
            for offset in range(unit.start, unit.end):
                if unit.draws(offset):
                    assert offset not in owner, "a character drawn twice"
                    owner[offset] = index
    for offset, ch in enumerate(text):
        if _is_drawn(ch):
            assert offset in owner, (offset, ch)
        elif offset in owner:  # a space inside a line, a kept mark or a spaced haraka
            assert ch.isspace() or unicodedata.category(ch) == "Mn"


@FAST
@given(texts, widths, options)
def test_nothing_invisible_or_controlling_reaches_the_screen(text, width, opts):
    for line in layout_paragraph(text, width, opts).lines:
        for ch in line.visual:
            assert unicodedata.category(ch) not in ("Cf", "Cc", "Cs")
            if unicodedata.category(ch) == "Mn":
                assert opts.harakat == "keep"
            assert ch != "\ufdf2"


@FAST
@given(texts, widths, options, st.data())
def test_styled_cells_are_exactly_the_cells_of_the_span(text, width, opts, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    span = StyledSpan(start, end, SPAN_STYLE)
    for line in layout_paragraph(text, width, opts).lines:
        styled: set[int] = set()
        x = 0
        for segment in line.to_segments([span]):
            cells = cell_len(segment.text)
            if segment.style == SPAN_STYLE:
                styled.update(range(x, x + cells))
            x += cells
        expected: set[int] = set()
        for offset in range(start, end):
            cell = line.cell_of(offset)
            if cell is not None:
                unit = next(u for u in line.units() if u.draws(offset))
                expected.update(range(cell, cell + unit.width))
        assert styled == expected & set(range(width))  # a too-wide lone glyph is cropped


@FAST
@given(texts, widths, options)
def test_count_lines_equals_the_layout_and_single_line_fits(text, width, opts):
    assert count_lines(text, width, opts) == len(layout_paragraph(text, width, opts).lines)
    row = single_line(text, width, opts)
    assert row.cell_len == width


@settings(max_examples=60, deadline=None)
@given(texts, widths)
def test_hit_testing_round_trips(text, width):
    for line in layout_paragraph(text, width).lines:
        for x in range(width):
            offset = line.offset_at(x)
            if offset is not None:
                assert line.start <= offset < line.end
                cell = line.cell_of(offset)
                assert cell is not None and cell <= x
