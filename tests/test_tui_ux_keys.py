"""Help and keys: the help scrolls with the keys its table lists; the key bar puts the most
useful keys first and fits the terminal."""
from __future__ import annotations

import pytest

from conftest import wait_until_loaded
from confreader.tui.app import ReaderApp
from confreader.tui.help import HelpScreen
from confreader.tui.keybar import KeyBar

pytestmark = pytest.mark.asyncio


@pytest.fixture(autouse=True)
def private_state(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFREADER_STATE_DIR", str(tmp_path / "state"))


async def test_help_scrolls_with_j_k_g_G_and_space(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=(80, 20)) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        box = app.screen.query_one("#help-box")
        assert box.max_scroll_y > 0, "the table is longer than the box at this size"
        await pilot.press("j", "j")
        await pilot.pause()
        assert box.scroll_y == 2
        await pilot.press("k")
        await pilot.pause()
        assert box.scroll_y == 1
        await pilot.press("G")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert box.scroll_y == 0
        await pilot.press("space")
        await pilot.pause()
        assert box.scroll_y >= min(box.max_scroll_y, box.scrollable_content_region.height - 1) > 1
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("width", [80, 120])
async def test_key_bar_shows_the_most_useful_keys_first_and_fits(sample_json, width):
    app = ReaderApp([sample_json])
    async with app.run_test(size=(width, 24)) as pilot:
        await wait_until_loaded(pilot)
        bar = app.screen.query_one(KeyBar)
        plain = str(bar.render())
        assert len(plain.rstrip()) <= width, "no entry hangs off the edge"
        assert plain.split()[:2] == ["/", "Search"]
        for entry in ("u Quotes", "s Speakers", "y Copy", "? Help", "esc Back"):
            assert entry in plain
        assert "…" not in plain
        if width == 120:
            assert "^p Commands" in plain


async def test_help_stays_on_a_narrow_key_bar(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=(30, 24)) as pilot:
        await wait_until_loaded(pilot)
        plain = str(app.screen.query_one(KeyBar).render())
        assert "? Help" in plain
        assert len(plain.rstrip()) <= 30
