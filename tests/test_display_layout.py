"""Named cases of the display engine, each checked against the exact visual string.

Expected strings are built by hand: Arabic words shaped by arabic-reshaper on
their own and reversed (a right-to-left word on screen), Latin and digits as
written, brackets mirrored where the standard says so.
"""
from __future__ import annotations

import arabic_reshaper
import pytest
from rich.cells import cell_len
from rich.style import Style

from confreader.display import (ENTER_APP_BIDI, EXIT_APP_BIDI, BidiMode, DisplayOptions, StyledSpan,
                                count_lines, layout_paragraph, mode_from_environment, single_line)

QUOTE = Style(color="cyan")
MATCH = Style(bold=True)


def ar(word: str) -> str:
    """An Arabic word as it appears on screen: shaped, then right to left."""
    return arabic_reshaper.reshape(word)[::-1]


def styled_parts(line, spans) -> list[tuple[str, Style | None]]:
    """The line's glyph runs with their styles, padding left out."""
    segments = line.to_segments(spans)
    return [(s.text, s.style) for s in segments if s.text.strip() or s.style is not None]


def test_latin_acronym_in_brackets_inside_arabic_keeps_its_brackets_around_it():
    line = layout_paragraph("قال (AI) هنا", 40).lines[0]
    assert line.visual == ar("هنا") + " (AI) " + ar("قال")


def test_brackets_mirror_inside_right_to_left_text():
    line = layout_paragraph("قال (هنا) الآن", 40).lines[0]
    assert line.visual == ar("الآن") + " (" + ar("هنا") + ") " + ar("قال")


def test_year_inside_arabic_reads_left_to_right():
    line = layout_paragraph("في عام 2024 قال", 40).lines[0]
    assert line.visual == ar("قال") + " 2024 " + ar("عام") + " " + ar("في")


def test_latin_word_with_hyphen_and_number_stays_whole():
    line = layout_paragraph("انتشر COVID-19 سريعا", 40).lines[0]
    assert line.visual == ar("سريعا") + " COVID-19 " + ar("انتشر")


def test_first_words_of_a_right_to_left_paragraph_are_on_the_first_line_at_the_right():
    layout = layout_paragraph("أول ثاني ثالث رابع خامس", 10)
    assert layout.direction == "rtl"
    first = layout.lines[0]
    assert first.visual == ar("ثاني") + " " + ar("أول")
    drawn = "".join(s.text for s in first.to_segments())
    assert cell_len(drawn) == 10
    assert drawn.endswith(ar("أول")) and drawn.startswith(" ")


def test_left_to_right_paragraph_is_left_aligned_with_arabic_inside():
    line = layout_paragraph("The word مرحبا means hello", 40).lines[0]
    assert line.visual == "The word " + ar("مرحبا") + " means hello"
    drawn = "".join(s.text for s in line.to_segments())
    assert drawn.startswith("The word") and len(drawn) == 40


def test_lam_alef_is_one_cell_and_the_line_is_narrower():
    layout = layout_paragraph("سلام", 10)
    assert layout.lines[0].visual == ar("سلام")
    assert layout.lines[0].cells == 3
    assert "\ufefc" in layout.lines[0].visual  # lam-alef, final form


def test_span_starting_and_ending_inside_a_word_styles_exactly_those_letters():
    text = "مرحبا بالعالم"
    line = layout_paragraph(text, 40).lines[0]
    word = ar("مرحبا")  # on screen: ا ب ح ر م from left to right
    parts = styled_parts(line, [StyledSpan(2, 4, MATCH)])  # ح ب
    assert parts == [(ar("بالعالم") + " " + word[0], None), (word[1:3], MATCH), (word[3:], None)]


def test_span_across_a_line_break_is_styled_on_both_lines():
    text = "كتب الشيخ كلمة"
    layout = layout_paragraph(text, 9)
    assert [text[line.start:line.end] for line in layout.lines] == ["كتب الشيخ", "كلمة"]
    span = [StyledSpan(text.index("الشيخ") + 3, text.index("كلمة") + 2, QUOTE)]  # "يخ" … "كل"
    first, second = (styled_parts(line, span) for line in layout.lines)
    shaikh = ar("الشيخ")
    assert first == [(shaikh[:2], QUOTE), (shaikh[2:] + " " + ar("كتب"), None)]
    kalima = ar("كلمة")
    assert second == [(kalima[:2], None), (kalima[2:], QUOTE)]


@pytest.mark.parametrize("half", ["lam", "alef"])
def test_lam_alef_half_inside_a_span_styles_the_whole_ligature(half):
    text = "سلام"
    start = 1 if half == "lam" else 2
    line = layout_paragraph(text, 10).lines[0]
    word = ar(text)
    assert styled_parts(line, [StyledSpan(start, start + 1, MATCH)]) == [
        (word[0], None), (word[1], MATCH), (word[2], None)]


def test_nested_spans_combine_with_the_later_one_on_top():
    text = "قال الوزير إن الخطة جاهزة"
    quote = StyledSpan(text.index("الخطة"), len(text), QUOTE)
    match = StyledSpan(text.index("الخطة"), text.index("الخطة") + 5, MATCH)
    line = layout_paragraph(text, 40).lines[0]
    assert styled_parts(line, [quote, match]) == [
        (ar("جاهزة") + " ", QUOTE), (ar("الخطة"), QUOTE + MATCH),
        (" " + ar("إن") + " " + ar("الوزير") + " " + ar("قال"), None)]


def test_span_on_latin_inside_arabic_lands_on_the_latin_glyphs():
    text = "قال (AI) هنا"
    line = layout_paragraph(text, 40).lines[0]
    assert styled_parts(line, [StyledSpan(5, 7, MATCH)]) == [
        (ar("هنا") + " (", None), ("AI", MATCH), (") " + ar("قال"), None)]


def test_base_style_under_every_glyph_and_the_padding():
    line = layout_paragraph("نص", 6).lines[0]
    segments = line.to_segments(base_style=QUOTE)
    assert [(s.text, s.style) for s in segments] == [("    ", QUOTE), (ar("نص"), QUOTE)]


def test_hit_testing_maps_cells_back_to_offsets_and_offsets_to_cells():
    text = "سلام عليكم"
    line = layout_paragraph(text, 12).lines[0]
    # Three cells of padding, then "عليكم" (5 cells), a space, then "سلام" (3 cells: م ﻼ س).
    assert [line.offset_at(x) for x in range(3)] == [None, None, None]
    assert line.offset_at(11) == 0           # س is the rightmost cell
    assert line.offset_at(10) == 1           # the lam-alef cell starts at the lam
    assert line.cell_of(1) == line.cell_of(2) == 10
    assert line.cell_of(text.index("ع")) == 7
    assert line.cell_of(text.index(" ")) == 8
    assert line.cell_of(len(text) + 3) is None
    for offset in range(len(text)):
        assert line.offset_at(line.cell_of(offset)) in (offset, offset - 1)


def test_line_of_finds_the_line_that_shows_an_offset():
    text = "واحد اثنان ثلاثة اربعة خمسة"
    layout = layout_paragraph(text, 11)
    assert len(layout.lines) >= 3
    for index, line in enumerate(layout.lines):
        assert layout.line_of(line.start) == index
    assert layout.line_of(-5) == 0 and layout.line_of(10_000) == len(layout.lines) - 1


def test_overlong_word_breaks_inside_itself():
    layout = layout_paragraph("abcdefghij xyz", 4)
    assert [line.visual for line in layout.lines] == ["abcd", "efgh", "ij", "xyz"]


def test_harakat_are_stripped_by_default_kept_on_request_or_drawn_after():
    text = "مُحَمَّد"
    assert layout_paragraph(text, 10).lines[0].visual == ar("محمد")
    kept = layout_paragraph(text, 10, DisplayOptions(harakat="keep")).lines[0]
    assert kept.cells == 4
    # Each mark follows its letter in the output so the terminal puts it on that cell.
    assert kept.visual == "\ufeaa" + "\ufee4\u064e\u0651" + "\ufea4\u064e" + "\ufee3\u064f"
    after = layout_paragraph(text, 10, DisplayOptions(harakat="after")).lines[0]
    assert after.visual == "\ufeaa" + "\ufe7c\ufe76\ufee4" + "\ufe76\ufea4" + "\ufe78\ufee3"
    assert after.cells == 8


def test_allah_is_drawn_letter_by_letter_never_as_the_wide_ligature():
    for text in ("الله أكبر", "\ufdf2 أكبر"):
        visual = layout_paragraph(text, 20).lines[0].visual
        assert "\ufdf2" not in visual
        assert visual.endswith("\ufeea\ufee0\ufedf\ufe8d")


def test_bidi_controls_zero_width_and_control_characters_never_reach_the_screen():
    text = "\u200fقال\u200e \u2067abc\u2069 x\u200dy\u200c\u00ad \x1b[31m\ufeff"
    for mode in BidiMode:
        visual = layout_paragraph(text, 40, DisplayOptions(mode=mode)).lines[0].visual
        assert not set(visual) & set("\u200f\u200e\u2067\u2069\u200d\u200c\u00ad\x1b\ufeff")


def test_terminal_and_off_modes_send_logical_text_unshaped_left_aligned():
    text = "قال (AI) في 2024"
    for mode in (BidiMode.TERMINAL, BidiMode.OFF):
        line = layout_paragraph(text, 30, DisplayOptions(mode=mode)).lines[0]
        assert line.visual == text
        assert "".join(s.text for s in line.to_segments()) == text + " " * (30 - len(text))


def test_forced_direction_overrides_the_first_strong_letter():
    line = layout_paragraph("abc قال", 20, DisplayOptions(direction="rtl")).lines[0]
    assert line.visual == ar("قال") + " abc"
    assert "".join(s.text for s in line.to_segments()).endswith("abc")


def test_count_lines_matches_the_layout():
    text = "قال الوزير إن الخطة جاهزة للتنفيذ في عام 2024 بعد مراجعة (AI) شاملة " * 5
    for width in (1, 5, 17, 40, 200):
        assert count_lines(text, width) == len(layout_paragraph(text, width).lines)


def test_layouts_are_cached():
    assert layout_paragraph("نص قصير", 20) is layout_paragraph("نص قصير", 20, DisplayOptions())


def test_single_line_elides_a_long_right_to_left_text_on_its_left():
    row = single_line("أول ثاني ثالث رابع خامس", 10)
    assert row.cell_len == 10
    assert row.plain.endswith(ar("أول"))
    assert "…" in row.plain and row.plain.index("…") < row.plain.index(ar("أول"))
    short = single_line("أول", 10)
    assert short.plain == " " * 7 + ar("أول")


def test_single_line_elides_left_to_right_text_on_its_right():
    row = single_line("one two three four", 10)
    assert row.plain == "one two  …" or row.plain == "one two…  "
    assert row.cell_len == 10


@pytest.mark.parametrize(("environ", "mode"), [
    ({}, BidiMode.APP),
    ({"KONSOLE_VERSION": "230401"}, BidiMode.TERMINAL),
    ({"TERM": "mlterm-256color"}, BidiMode.TERMINAL),
    ({"TERM": "xterm-256color"}, BidiMode.APP),
    ({"KONSOLE_VERSION": "230401", "CONFREADER_BIDI": "app"}, BidiMode.APP),
    ({"CONFREADER_BIDI": "off"}, BidiMode.OFF),
    ({"CONFREADER_BIDI": "nonsense", "TERM": "mlterm"}, BidiMode.TERMINAL),
])
def test_mode_from_environment(environ, mode):
    assert mode_from_environment(environ) is mode


def test_app_bidi_escapes_are_ecma48_bdsm():
    assert (ENTER_APP_BIDI, EXIT_APP_BIDI) == ("\x1b[8l", "\x1b[8h")


def test_a_full_word_cache_drops_old_shapes_and_keeps_drawing_right():
    from confreader.display.shaping import WordCache

    cache = WordCache(shape=True, harakat="strip", plain_extended=False, limit=4)
    words = ["قال", "الوزير", "إن", "الخطة", "جاهزة", "قال", "سلام"]
    for start in range(len(words)):
        shapes = cache.shapes(words[start:] + words[:start])
        assert [s.glyphs for s in shapes] == [arabic_reshaper.reshape(w) for w in words[start:] + words[:start]]


def test_a_kept_mark_after_an_invisible_control_stays_on_its_letter():
    # The LRM gives the mark another bidi level than the digit it is drawn on; the mark
    # must still be drawn right after the digit, and hit-testing must agree with drawing.
    options = DisplayOptions(harakat="keep", direction="ltr")
    (line,) = layout_paragraph("ء0\u200e\u064b", 4, options).lines
    assert line.visual == "0\u064b\ufe80"
    assert "".join(unit.text for unit in line.units()) == line.visual
