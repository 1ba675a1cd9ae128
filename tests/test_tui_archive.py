"""Pilot tests of the reader over an archive (issue 9): rows on demand, sort and filter, speakers
across every article, full-text search, cheap result rows, and `confreader --db`."""
from __future__ import annotations

import sys
import types
from dataclasses import replace

import pytest

from archive_fake import FakeArchive, many_articles
from conftest import annotated_sample, english_article, wait_until_loaded
from confreader.cli import read_cmd
from confreader.tui.app import ReaderApp
from confreader.tui.filter_prompt import FilterPrompt
from confreader.tui.hit_list import HitList
from confreader.tui.library_screen import PAGE_ROWS, ArticleTable, LibraryScreen
from confreader.tui.reader import ReaderScreen
from confreader.tui.search import SearchScreen
from confreader.tui.speakers_screen import SpeakerQuotesScreen, SpeakersScreen

SIZE = (120, 35)


def progress(app) -> str:
    return str(app.screen.query_one("#progress").render())


@pytest.fixture(scope="module")
def thousand():
    return many_articles(1000)


@pytest.mark.asyncio
async def test_an_archive_opens_in_the_library_reading_only_the_pages_on_screen(thousand):
    archive = FakeArchive(thousand)
    app = ReaderApp([], archive=archive, archive_name="lib.db")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert "1,000 articles in lib.db" in progress(app)
        table = app.screen.query_one(ArticleTable)
        assert table.row_count == 1000
        assert max(offset for offset, *_ in archive.pages_asked) < PAGE_ROWS * 2
        assert "list" not in archive.calls  # never every summary at once
        await pilot.press("end")
        assert table.cursor_row == 999
        await pilot.pause()
        assert app.screen.cursor_article_id() == archive.inner.page(999, 1)[0].id
        asked = {offset for offset, *_ in archive.pages_asked}
        assert len(asked) <= 4  # the first page, the last, and the direction sample
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.reader.article.title.endswith("00999")


@pytest.mark.asyncio
async def test_sorting_an_archive_asks_the_library_for_that_order(thousand):
    archive = FakeArchive(thousand[:50])
    app = ReaderApp([], archive=archive, archive_name="lib.db")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("o", "o", "o")  # title, outlet, date newest first
        await pilot.pause()
        assert archive.pages_asked[-1][2] == "date"
        table = app.screen.query_one(ArticleTable)
        dates = [table.summary_at(row).date for row in range(table.row_count)]
        assert dates == sorted(dates, reverse=True)
        assert "sorted by date, newest first" in progress(app)


@pytest.mark.asyncio
async def test_the_filter_prompt_keeps_one_outlet_and_a_month(thousand):
    archive = FakeArchive(thousand[:120])
    app = ReaderApp([], archive=archive, archive_name="lib.db")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FilterPrompt)
        await pilot.press(*"okaz", "enter")  # Enter in any field applies
        await pilot.pause()
        table = app.screen.query_one(ArticleTable)
        assert table.row_count == 60
        assert "60 shown (outlet okaz)" in progress(app)
        await pilot.press("f", "tab", *"2015-03", "tab", *"2015-03", "enter")
        await pilot.pause()
        shown = [table.summary_at(row) for row in range(table.row_count)]
        assert shown and all(s.outlet == "okaz" and s.date.startswith("2015-03") for s in shown)
        await pilot.press("f", "tab", *"March", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FilterPrompt)
        assert "Not a date" in str(app.screen.query_one("#filter-status").render())
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == len(shown)  # Escape left the filter as it was


def two_dated_tunis_articles():
    later = replace(annotated_sample(), title="الختام", metadata={"date": "2024-05-17"})
    earlier = replace(annotated_sample(), title="الافتتاح", metadata={"date": "2024-05-15"})
    return [later, earlier, english_article()]


@pytest.mark.asyncio
async def test_speakers_are_merged_across_articles_and_list_their_quotes_oldest_first():
    archive = FakeArchive(two_dated_tunis_articles())
    app = ReaderApp([], archive=archive, archive_name="lib.db")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("S")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SpeakersScreen)
        assert "archive_speakers" in archive.calls  # the index's own, not recomputed
        speakers = screen.speaker_list.speakers
        koman = next(s for s in speakers if "كومان" in s.name)
        assert (koman.article_count, koman.quote_count) == (2, 6)
        assert speakers[0] is koman  # most quoted first
        await pilot.press(*"الحمود")  # typed: filters as you type
        await pilot.pause()
        assert [s.name for s in screen.speaker_list.speakers] == ["حمد محمد الحمود"]
        for _ in range(len("الحمود")):
            await pilot.press("backspace")
        await pilot.press(*"كومان", "enter")
        await pilot.pause()
        quotes = app.screen
        assert isinstance(quotes, SpeakerQuotesScreen)
        hits = quotes.hit_list.hits
        assert len(hits) == 6
        dates = [archive.summary(hit.article_id).date for hit in hits]
        assert dates == ["2024-05-15"] * 3 + ["2024-05-17"] * 3
        width = quotes.hit_list.scrollable_content_region.width
        assert "2024-05-15" in quotes.hit_list.render_row(0, width)[0].plain
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.reader.article.title == "الافتتاح"
        assert app.reader.view.current_quote.id == hits[1].quote_id
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is quotes  # back to the list the quote was opened from


@pytest.mark.asyncio
async def test_speakers_of_articles_open_in_memory_and_from_the_reader(library_folder):
    from confreader.loading import expand_paths

    app = ReaderApp(expand_paths([library_folder]))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, SpeakersScreen)
        names = {s.name for s in app.screen.speaker_list.speakers}
        assert {"محمد بن علي كومان", "حمد محمد الحمود", "The minister"} <= names
        await pilot.press("enter")  # the most quoted: Koman
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("S")  # back down to the speakers screen already open, not another
        await pilot.pause()
        assert isinstance(app.screen, SpeakersScreen)
        assert sum(isinstance(s, SpeakersScreen) for s in app.screen_stack) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, (ReaderScreen, LibraryScreen))


@pytest.mark.asyncio
async def test_ctrl_t_searches_the_full_text_and_opens_a_match_outside_every_quote():
    archive = FakeArchive(two_dated_tunis_articles())
    app = ReaderApp([], archive=archive, archive_name="lib.db")
    word = "المشاركون"
    article_text = annotated_sample().text
    assert word in article_text
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("slash", *word)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        quote_hits = len(screen.hits)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "search_full_text" in archive.calls
        assert len(screen.hits) > quote_hits
        outside = next(i for i, hit in enumerate(screen.hits) if not hit.quote_id)
        assert "places match" in str(screen.query_one("#search-status").render()) or len(screen.hits) == 1
        for _ in range(outside):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.reader.view.current_quote is None
        start, end = app.reader.view._match_spans[0]
        assert article_text[start:end] == word


@pytest.mark.asyncio
async def test_two_hundred_results_draw_only_the_rows_on_screen(thousand, monkeypatch):
    archive = FakeArchive(thousand[:300])
    drawn: list[int] = []
    real = HitList.render_row

    def counting(self, index, width):
        drawn.append(index)
        return real(self, index, width)

    monkeypatch.setattr(HitList, "render_row", counting)
    app = ReaderApp([], archive=archive, archive_name="lib.db")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("slash", *"العرب")
        await pilot.pause()
        assert len(app.screen.hits) == 200
        assert drawn and max(drawn) < 20  # a screenful, not 200 rows


# --- confreader --db -------------------------------------------------------------------------

@pytest.fixture
def index_module(monkeypatch, tmp_path):
    """confreader.library.sqlite as contract 2 names it, over the fake (the real one is archdb's)."""
    module = types.ModuleType("confreader.library.sqlite")
    opened: list = []

    class StubLibrary(FakeArchive):
        def __init__(self, path):
            if path.read_bytes().startswith(b"corrupt"):
                raise ValueError("file is not a database\nat all")
            super().__init__([annotated_sample()])
            opened.append(path)

    module.SqliteLibrary = StubLibrary
    module.default_db_path = lambda: tmp_path / "data" / "library.db"
    monkeypatch.setitem(sys.modules, "confreader.library.sqlite", module)
    return opened


def test_no_path_opens_the_default_index_only_when_it_exists(index_module, tmp_path):
    assert read_cmd.open_index(None) == (None, None, None)
    default = tmp_path / "data" / "library.db"
    default.parent.mkdir()
    default.write_bytes(b"ok")
    library, path, problem = read_cmd.open_index(None)
    assert problem is None and path == default and library.count() == 1


def test_db_that_is_missing_or_not_a_database_is_one_line_and_exit_2(index_module, tmp_path, capsys):
    assert read_cmd.run(["--db", str(tmp_path / "none.db")]) == 2
    assert "none.db: no such database" in capsys.readouterr().err
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"corrupt")
    assert read_cmd.run(["--db", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.db: cannot open the index (file is not a database at all)" in err


def test_db_and_paths_together_are_refused(tmp_path, capsys):
    assert read_cmd.run(["--db", str(tmp_path / "x.db"), str(tmp_path)]) == 2
    assert "not both" in capsys.readouterr().err


# --- over the real index ---------------------------------------------------------------------

@pytest.fixture
def indexed(tmp_path):
    from conftest import write_article
    from confreader.library.indexing import index_paths

    folder = tmp_path / "articles"
    folder.mkdir()
    for index, article in enumerate(two_dated_tunis_articles()):
        write_article(folder, f"{index}.json", article)
    db = tmp_path / "library.db"
    index_paths([folder], db)
    return db


@pytest.mark.asyncio
async def test_the_reader_over_a_real_index(indexed):
    from confreader.library.sqlite import SqliteLibrary

    library, path, problem = read_cmd.open_index(str(indexed))
    assert problem is None and isinstance(library, SqliteLibrary)
    app = ReaderApp([], archive=library, archive_name="library.db")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        table = app.screen.query_one(ArticleTable)
        assert table.row_count == 3 and "3 articles in library.db" in progress(app)
        for _ in range(3):
            await pilot.press("o")  # title, outlet, date newest first
        await pilot.pause()
        assert [table.summary_at(row).date for row in range(2)] == ["2024-05-17", "2024-05-15"]
        await pilot.press("f", "tab", *"2024-05-16", "enter")
        await pilot.pause()
        assert table.row_count == 1 and table.summary_at(0).title == "الختام"
        await pilot.press("S", *"كومان", "enter")
        await pilot.pause()
        hits = app.screen.hit_list.hits
        assert len(hits) == 6  # merged across both articles, whatever the filter
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.reader.article.title == "الافتتاح"
        assert app.reader.view.current_quote.id == hits[0].quote_id
        await pilot.press("slash", *"المشاركون", "ctrl+t")
        await pilot.pause()
        assert app.screen.hits and all(not hit.quote_id or hit.kind == "text" for hit in app.screen.hits)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        start, end = app.reader.view._match_spans[0]
        assert app.reader.article.text[start:end] == "المشاركون"


@pytest.mark.asyncio
async def test_the_bidi_key_redraws_rows_already_drawn():
    archive = FakeArchive(two_dated_tunis_articles())
    app = ReaderApp([], archive=archive, archive_name="lib.db")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("S", "enter")
        await pilot.pause()
        hit_list = app.screen.hit_list
        shaped = hit_list.render_line(1).text
        await pilot.press("b")  # app → terminal: logical, unshaped
        await pilot.pause()
        logical = hit_list.render_line(1).text
        assert shaped != logical
        assert "مجلس وزراء" in logical and "مجلس وزراء" not in shaped


@pytest.mark.asyncio
@pytest.mark.expected_failures
async def test_a_database_failing_under_the_reader_is_one_message_and_the_reader_goes_on(thousand):
    import sqlite3

    from conftest import notification_messages

    archive = FakeArchive(thousand[:300])
    app = ReaderApp([], archive=archive, archive_name="lib.db")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)

        def broken(*args, **kwargs):
            raise sqlite3.DatabaseError("database disk image is malformed")

        archive.page = broken
        for _ in range(3):
            await pilot.press("end", "home", "pagedown")
        await pilot.pause()
        assert app.is_running
        assert len(app.failures) == 1
        assert any("Reading the library's rows failed: DatabaseError: database disk image is malformed" in m
                   for m in notification_messages(app))


@pytest.mark.asyncio
async def test_where_an_article_of_the_index_was_left_comes_back_on_the_next_launch(tmp_path):
    from confreader.tui.article_view import ArticleView

    def launch():
        return ReaderApp([], archive=FakeArchive(two_dated_tunis_articles()), archive_name=str(tmp_path / "lib.db"))

    app = launch()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        left_at = app.reader.query_one(ArticleView).scroll_y
        assert left_at > 0
        await pilot.press("q")
    again = launch()
    async with again.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()
        view = again.reader.query_one(ArticleView)
        assert view.scroll_y == left_at  # the same lines on screen
