"""Pilot tests: an exception in a handler or a worker is a notification, never the end of the
session; repeated messages replace or collect into one toast instead of stacking."""
from __future__ import annotations

import pytest

from conftest import notification_messages, wait_until_loaded, write_article, annotated_sample
from confreader import loading
from confreader.loading import expand_paths
from confreader.tui.app import ReaderApp
from confreader.tui.library_screen import ArticleTable, LibraryScreen
from confreader.tui.reader import ReaderScreen

pytestmark = pytest.mark.asyncio
SIZE = (100, 30)


def toasts(app) -> list:
    return list(app._notifications)


@pytest.mark.expected_failures
async def test_a_key_whose_handler_raises_is_reported_and_the_reader_goes_on(sample_json, monkeypatch):
    def broken_mirror(self) -> None:
        raise RuntimeError("mirror is broken")

    monkeypatch.setattr(ReaderScreen, "action_flip_layout", broken_mirror)
    app = ReaderApp([sample_json])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert app.is_running and app._exception is None
        [message] = [m for m in notification_messages(app) if "mirror is broken" in m]
        assert "RuntimeError" in message and "'m'" in message and "still running" in message
        # The screen still handles keys: the quotes pane takes focus.
        await pilot.press("u")
        assert app.focused is app.reader.query_one("#quotes")


@pytest.mark.expected_failures
async def test_a_message_handler_that_raises_leaves_its_screen_working(sample_json, monkeypatch):
    def broken(self, message) -> None:
        raise ValueError("no such quote")

    monkeypatch.setattr(ReaderScreen, "on_quote_chosen", broken)
    app = ReaderApp([sample_json])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("u", "j")
        await pilot.pause()
        assert any("no such quote" in m for m in notification_messages(app))
        # Its message loop was not stopped: the screen still takes the next message.
        await pilot.press("t", "j")
        await pilot.pause()
        assert app.reader.query_one("#sections").highlighted == 1
        assert app.is_running


@pytest.mark.expected_failures
async def test_a_loader_that_dies_is_reported_and_loading_ends(library_folder, monkeypatch):
    def broken_add(self, article):
        raise MemoryError("no room for the index")

    monkeypatch.setattr(ReaderApp, "add_article", broken_add)
    app = ReaderApp(expand_paths([library_folder]))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        assert app.is_running and app.loading_done
        [message] = [m for m in notification_messages(app) if "no room for the index" in m]
        assert "load_articles" in message and "MemoryError" in message


async def test_many_bad_files_collect_in_one_line(tmp_path):
    for index in range(12):
        (tmp_path / f"bad-{index:02}.json").write_text("{ not json", encoding="utf-8")
    write_article(tmp_path, "good.json", annotated_sample())
    app = ReaderApp(expand_paths([tmp_path]))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        assert len(toasts(app)) == 1
        [message] = notification_messages(app)
        assert message.startswith("12 files could not be opened: bad-00.json (")
        assert "bad-02.json" in message and "and 9 more" in message
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one(ArticleTable).row_count == 1


async def test_repeated_next_match_shows_one_message_not_a_stack(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("slash", *"العرب", "enter")
        await pilot.pause()
        for _ in range(5):
            await pilot.press("n")
        await pilot.press("N")
        await pilot.pause()
        matches = [m for m in notification_messages(app) if m.startswith("Match ")]
        assert len(matches) == 1 and len(toasts(app)) == 1
        # The one left is the latest: five steps on and one back, on a ring of hits.
        hits = len(app.search_result.hits)
        assert matches[0] == f"Match {(0 + 5 - 1) % hits + 1} of {hits}"
        await pilot.pause(0.1)
        assert len(app.screen.query("Toast")) == 1  # drawn over the text: one, not six


@pytest.mark.expected_failures
async def test_an_error_on_every_frame_ends_the_reader_cleanly_instead_of_looping(sample_json, monkeypatch):
    from confreader.tui.article_view import ArticleView

    def broken_line(self, y):
        raise ZeroDivisionError("every frame")

    monkeypatch.setattr(ArticleView, "render_line", broken_line)
    app = ReaderApp([sample_json])
    with pytest.raises(ZeroDivisionError):
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(200):
                if not app.is_running:
                    break
                await pilot.press("j")
    # Textual's own exit path: the terminal is given back and the error is printed, exit code 1.
    assert app.return_code == 1
    assert len(app.failures) > 1
