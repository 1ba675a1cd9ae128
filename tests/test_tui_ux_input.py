"""Typed Arabic reads right: the search field and the command palette draw the query shaped,
right to left, with the cursor where the next letter goes; the value stays logical."""
from __future__ import annotations

import pytest
from textual.widgets import Input

from conftest import wait_until_loaded
from confreader.display import BidiMode, layout_paragraph
from confreader.tui.app import ReaderApp
from confreader.tui.search import SearchScreen
from confreader.tui.visual_input import VisualCommandInput

pytestmark = pytest.mark.asyncio
SIZE = (100, 30)
QUERY = "تونس"


@pytest.fixture(autouse=True)
def private_state(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFREADER_STATE_DIR", str(tmp_path / "state"))


def visual(text: str) -> str:
    return layout_paragraph(text, 200).lines[0].visual


def field_text(field: Input) -> str:
    return field.render_line(0).text


def cursor_x(field: Input) -> int:
    """The cursor's cell within the field's content."""
    return field.cursor_screen_offset.x - field.content_region.x


async def open_search(pilot) -> Input:
    await pilot.press("slash")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SearchScreen)
    return pilot.app.screen.query_one(Input)


async def test_typed_arabic_is_shaped_right_to_left_and_the_value_stays_logical(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        field = await open_search(pilot)
        await pilot.press(*QUERY)
        await pilot.pause()
        assert field.value == QUERY
        drawn = field_text(field)
        assert visual(QUERY) in drawn, "joined presentation forms in visual order"
        assert QUERY not in drawn
        # Right-aligned, as Arabic is: the last glyph sits at the field's right edge.
        width = field.scrollable_content_region.width
        assert drawn[:width].rstrip() == drawn[:width].rstrip()[:width]
        assert drawn[:width].endswith(visual(QUERY))
        # The results use the same query.
        assert app.screen.hits


async def test_the_cursor_sits_where_the_next_letter_goes_and_arrows_move_the_way_they_point(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        field = await open_search(pilot)
        await pilot.press(*QUERY)
        await pilot.pause()
        text_left = field_text(field).index(visual(QUERY))
        # At the end of an RTL value the next letter goes to its left.
        assert cursor_x(field) == text_left - 1
        await pilot.press("home")
        # On the first letter, drawn rightmost.
        assert field.cursor_position == 0
        assert cursor_x(field) == text_left + len(QUERY) - 1
        await pilot.press("left")
        assert field.cursor_position == 1, "Left moves towards the end of RTL text"
        assert cursor_x(field) == text_left + len(QUERY) - 2
        await pilot.press("right")
        assert field.cursor_position == 0
        # From the end, Right goes back towards the start; typing inserts at the logical position.
        await pilot.press("end", "right", "right", "ا")
        assert field.value == "توانس"


async def test_a_click_on_a_letter_puts_the_cursor_on_it(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        field = await open_search(pilot)
        await pilot.press(*QUERY)
        await pilot.pause()
        text_left = field_text(field).index(visual(QUERY))
        content = field.content_region
        rightmost = content.x + text_left + len(QUERY) - 1
        await pilot.click(offset=(rightmost, content.y))
        assert field.cursor_position == 0
        await pilot.click(offset=(content.x + text_left, content.y))
        assert field.cursor_position == len(QUERY) - 1


async def test_latin_queries_and_other_bidi_modes_are_drawn_as_typed(sample_json):
    app = ReaderApp([sample_json], bidi_mode=BidiMode.TERMINAL)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        field = await open_search(pilot)
        await pilot.press(*QUERY)
        await pilot.pause()
        assert field_text(field).startswith(QUERY), "a bidi terminal gets the logical text"
    app = ReaderApp([sample_json])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        field = await open_search(pilot)
        await pilot.press(*"abc")
        await pilot.pause()
        assert field_text(field).startswith("abc")


async def test_the_command_palette_draws_typed_arabic_shaped(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        field = app.screen.query_one(VisualCommandInput)
        await pilot.press(*"كومان")
        await pilot.pause(0.3)
        assert field.value == "كومان"
        assert visual("كومان") in field_text(field)
        await pilot.press("enter")  # the best match: the speaker
        await pilot.pause()
        assert app.reader.speaker_filter == "s1"
