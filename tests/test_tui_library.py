"""Pilot tests of the library: several articles, loading off the UI thread, a bad file, moving between articles."""
from __future__ import annotations

import threading

import pytest

from conftest import english_article, notification_messages, wait_until_loaded
from confreader.loading import expand_paths
from confreader import loading
from confreader.tui.app import ReaderApp
from confreader.tui.library_screen import ArticleTable, LibraryScreen
from confreader.tui.article_view import ArticleView
from confreader.tui.panes import QuotesPane
from confreader.tui.reader import ReaderScreen

pytestmark = pytest.mark.asyncio
SIZE = (120, 35)


async def test_folder_with_a_bad_file_opens_the_others_and_names_the_bad_one(library_folder):
    app = ReaderApp(expand_paths([library_folder]))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one(ArticleTable).row_count == 2
        failures = [m for m in notification_messages(app) if "c-broken.json" in m]
        assert len(failures) == 1 and "invalid JSON" in failures[0]
        progress = str(app.screen.query_one("#progress").render())
        assert "2 articles open" in progress and "1 could not be opened" in progress


async def test_enter_opens_an_article_brackets_move_and_escape_returns(library_folder):
    app = ReaderApp(expand_paths([library_folder]))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.reader.article.title == english_article().title
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.reader.article.language == "ar"
        await pilot.press("left_square_bracket")
        assert any("No previous article" in m for m in notification_messages(app))
        await pilot.press("right_square_bracket")
        assert app.reader.article.title == english_article().title
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_first_screen_is_painted_while_articles_are_still_loading(library_folder, monkeypatch):
    release = threading.Event()
    real_load = loading.load_article

    def slow_load(path):
        release.wait(5)
        return real_load(path)

    monkeypatch.setattr(loading, "load_article", slow_load)
    app = ReaderApp(expand_paths([library_folder]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.05)
        assert isinstance(app.screen, LibraryScreen)
        assert "Loading 1 of 3" in str(app.screen.query_one("#progress").render())
        assert not app.loading_done
        release.set()
        await wait_until_loaded(pilot)
        assert app.screen.query_one(ArticleTable).row_count == 2


async def test_a_single_bad_file_says_why_and_does_not_crash(tmp_path):
    bad = tmp_path / "empty.json"
    bad.write_text("[]", encoding="utf-8")
    app = ReaderApp([bad])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        assert any("empty.json" in m for m in notification_messages(app))
        assert "No article could be opened" in str(app.reader.query_one("#article-title").render())


async def test_a_parser_crash_on_one_file_is_reported_and_the_others_open(library_folder, monkeypatch):
    real_load = loading.load_article

    def crashing_load(path):
        if "english" in str(path):
            raise RuntimeError("unexpected\nstate")
        return real_load(path)

    monkeypatch.setattr(loading, "load_article", crashing_load)
    app = ReaderApp(expand_paths([library_folder]))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        assert app.screen.query_one(ArticleTable).row_count == 1
        crash = [m for m in notification_messages(app) if "b-english.json" in m]
        assert crash and "RuntimeError: unexpected state" in crash[0]


# --- reopening: the reader screen outlives a trip back to the library ------------------

async def open_row(pilot, *keys: str) -> None:
    await pilot.press(*keys, "enter")
    await pilot.pause()


async def test_escape_then_down_then_enter_opens_the_next_article(library_folder):
    # Was: NoMatches: No nodes match '#nav' on ReaderScreen() (the popped reader had been removed).
    app = ReaderApp(expand_paths([library_folder]))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await open_row(pilot)
        assert app.reader.article.language == "ar"
        await pilot.press("escape")
        await pilot.pause()
        await open_row(pilot, "down")
        assert isinstance(app.screen, ReaderScreen)
        assert app.reader.article.title == english_article().title
        assert app.reader.query_one("#nav").display


async def test_escape_then_enter_on_the_same_row_shows_the_article_again(library_folder):
    # Was: nothing happened (the removed reader was pushed again, empty).
    app = ReaderApp(expand_paths([library_folder]))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await open_row(pilot)
        await pilot.press("escape")
        await pilot.pause()
        await open_row(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert app.reader.query_one(QuotesPane).option_count == 4
        assert app.reader.query_one(ArticleView).virtual_size.height > 0


async def test_a_search_result_opened_after_escape_shows_its_quote(library_folder):
    # Was: NoMatches: No nodes match 'QuotesPane'.
    app = ReaderApp(expand_paths([library_folder]))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await open_row(pilot)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("slash", *"partner", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.reader.article.title == english_article().title
        assert app.reader.view.current_quote is not None
        assert "partner" in app.reader.article.quote_text(app.reader.view.current_quote)
