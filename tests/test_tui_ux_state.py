"""Remember: the last article, position, library cursor, bidi mode and theme come back on the next
launch; a broken state file is ignored quietly."""
from __future__ import annotations

import json

import pytest

from conftest import wait_until_loaded
from confreader.display import BidiMode
from confreader.tui.app import ReaderApp
from confreader.tui.article_view import ArticleView
from confreader.tui.library_screen import LibraryScreen
from confreader.tui.reader import ReaderScreen
from confreader.tui.state import ReaderState, load_state, save_state, state_path

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def private_state(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFREADER_STATE_DIR", str(tmp_path / "state"))


# --- the file ------------------------------------------------------------------------

def test_state_round_trips_through_the_state_folder(tmp_path):
    assert state_path() == tmp_path / "state" / "state.json"
    state = ReaderState(theme="nord", bidi_mode="off", last_article="/a/b.txt", library_cursor="/a/c.txt")
    state.remember_position("/a/b.txt", 1234)
    assert save_state(state)
    assert load_state() == state
    assert [p.name for p in state_path().parent.iterdir()] == ["state.json"], "no temporary file left"


@pytest.mark.parametrize("content", [
    "{ not json", "[]", "null", '{"version": 99, "theme": "nord"}', "\udcff".encode("utf-8", "surrogatepass"),
    b"\xff\xfe\x00garbage", "[" * 100_000,
])
def test_a_corrupt_state_file_is_the_empty_state(content):
    path = state_path()
    path.parent.mkdir(parents=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    assert load_state() == ReaderState()


def test_fields_of_the_wrong_type_are_dropped_one_by_one():
    path = state_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"version": 1, "theme": 3, "bidi_mode": "off",
                                "positions": {"/a": 10, "/b": "x", "/c": -1, "/d": True}}), encoding="utf-8")
    assert load_state() == ReaderState(bidi_mode="off", positions={"/a": 10})


def test_an_unwritable_state_folder_is_reported_not_raised(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("CONFREADER_STATE_DIR", str(blocker / "sub"))
    assert save_state(ReaderState(theme="nord")) is False


# --- the reader --------------------------------------------------------------------------

@pytest.mark.asyncio
async def test_position_theme_and_bidi_mode_come_back_on_the_next_launch(sample_json):
    app = ReaderApp([sample_json], bidi_mode=None)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        view = app.reader.query_one(ArticleView)
        offset = view.offset_at_top()
        assert offset and offset > 0
        app.theme = "textual-light"
        await pilot.press("b")  # app -> terminal
        await pilot.pause()
        await pilot.press("q")
    again = ReaderApp([sample_json], bidi_mode=None)
    async with again.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await pilot.pause()
        assert again.theme == "textual-light"
        assert again.bidi_mode is BidiMode.TERMINAL
        # Terminal mode wraps differently, but the same text is on the top line.
        view = again.reader.query_one(ArticleView)
        assert view.scroll_y > 0
        assert view.line_of_offset(offset) == round(view.scroll_y)


@pytest.mark.asyncio
async def test_the_environment_and_the_command_line_beat_the_remembered_bidi_mode(sample_json, monkeypatch):
    save_state(ReaderState(bidi_mode="off"))
    monkeypatch.setenv("CONFREADER_BIDI", "terminal")
    app = ReaderApp([sample_json], bidi_mode=None)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        assert app.bidi_mode is BidiMode.TERMINAL
    app = ReaderApp([sample_json], bidi_mode="app")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        assert app.bidi_mode is BidiMode.APP


@pytest.mark.asyncio
async def test_the_library_reopens_the_last_article_and_keeps_its_cursor(library_folder):
    from confreader.loading import expand_paths

    paths = expand_paths([library_folder])
    app = ReaderApp(paths)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        english = app.reader.article_id
        assert app.reader.article.language == "en"
        await pilot.press("q")
    again = ReaderApp(paths)
    async with again.run_test(size=(120, 30)) as pilot:
        await wait_until_loaded(pilot)
        await pilot.pause()
        assert isinstance(again.screen, ReaderScreen), "the article left open is open again"
        assert again.reader.article.language == "en"
        assert again.reader.article_id == english
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(again.screen, LibraryScreen)
        await pilot.press("q")
    assert load_state().last_article is None
    third = ReaderApp(paths)
    async with third.run_test(size=(120, 30)) as pilot:
        await wait_until_loaded(pilot)
        await pilot.pause()
        assert isinstance(third.screen, LibraryScreen), "left in the library: stays in the library"
        assert third.library_screen.query_one("#articles").cursor_row == 1


@pytest.mark.asyncio
async def test_a_corrupt_state_file_does_not_stop_the_reader(sample_json):
    state_path().parent.mkdir(parents=True)
    state_path().write_text('{"version": 1, "theme": "no-such-theme", "positions": {"x": 1}}', encoding="utf-8")
    app = ReaderApp([sample_json])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        assert app.reader.article_id is not None
        assert app.theme == "textual-dark"
        await pilot.press("q")
    assert load_state().theme == "textual-dark"


@pytest.mark.asyncio
async def test_a_position_on_the_blank_line_between_paragraphs_is_kept(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        view = app.reader.query_one(ArticleView)
        gap = next(y for y in range(1, view.max_scroll_y) if not view.render_line(y).text.strip())
        view.scroll_to(y=gap, animate=False, immediate=True)
        await pilot.pause()
        next_text = view.render_line(1).text
        assert not view.render_line(0).text.strip() and next_text.strip()
        await pilot.press("q")
    again = ReaderApp([sample_json])
    async with again.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await pilot.pause()
        assert again.reader.query_one(ArticleView).render_line(0).text == next_text
