"""Seeded random walks through the reader (see walker.py): every documented key, typed Arabic,
resizes and clicks, on one article and on a library of real corpus articles. A failure names
its seed and step; bench/walk.py runs thousands of steps."""
from __future__ import annotations

import pytest

from conftest import wait_until_loaded
from confreader.tui.app import ReaderApp
from confreader.tui.library_screen import LibraryScreen
from walker import Walk, corpus_library, documented_keys

STEPS = 200


def test_the_walk_presses_every_documented_key():
    keys = documented_keys()
    for expected in ["t", "s", "u", "a", "y", "n", "N", "m", "b", "slash", "question_mark", "o", "S", "f", "ctrl+t",
                     "left_square_bracket", "right_square_bracket", "j", "k", "g", "G", "space",
                     "home", "end", "enter", "escape", "ctrl+p", "tab"]:
        assert expected in keys
    assert "q" not in keys  # quitting would end the walk


@pytest.mark.asyncio
@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_walk_on_one_article(sample_json, seed):
    app = ReaderApp([sample_json])
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_loaded(pilot)
        await Walk(pilot, seed).run(STEPS)
        await pilot.press("escape", "escape", "escape")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@pytest.fixture(scope="module")
def corpus_articles(tmp_path_factory):
    paths = corpus_library(tmp_path_factory.mktemp("corpus"), 30)
    if not paths:
        pytest.skip("../shared/corpora/saudinewsnet is not here")
    return paths


@pytest.mark.asyncio
@pytest.mark.parametrize("seed", [11, 12, 13])
async def test_walk_on_a_library_of_corpus_articles(corpus_articles, seed):
    app = ReaderApp(corpus_articles)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until_loaded(pilot)
        await Walk(pilot, seed).run(STEPS)


# --- what the walks found, each replayed as it happened ------------------------------------

@pytest.mark.asyncio
async def test_page_down_in_the_palette_before_its_list_is_laid_out(sample_json):
    # Seed 2, step 215: KeyError: 0 in OptionList._move_page (the hits had no lines yet).
    app = ReaderApp([sample_json])
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_loaded(pilot)
        walk = Walk(pilot, 0)
        await walk.press("ctrl+p", "ة", "pagedown", "pageup", "pagedown")
        await pilot.pause()
        await walk.check(0)


@pytest.mark.asyncio
async def test_a_palette_query_ending_in_enter_does_not_quit(sample_json):
    # Seed 12, step 65: typed letters matched Textual's "Quit" command and Enter ran it.
    app = ReaderApp([sample_json])
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until_loaded(pilot)
        await Walk(pilot, 0).press("ctrl+p", *"quit", "enter")
        await pilot.pause()
        assert app.is_running and app.return_code is None


@pytest.mark.asyncio
async def test_page_up_in_the_theme_list_opened_from_the_palette(sample_json):
    # Seed 202, step 307: Ctrl+P, Enter on "Theme", End, PgUp: KeyError in Textual's own palette.
    app = ReaderApp([sample_json])
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_loaded(pilot)
        walk = Walk(pilot, 0)
        await walk.press("ctrl+p", *"Theme", "enter")
        await walk.press("end", "pageup", "pagedown", "pageup")
        await pilot.pause()
        await walk.check(0)
        assert "themes" in str(app.screen.query_one("Input").placeholder)


@pytest.mark.asyncio
@pytest.mark.parametrize("seed", [21, 22])
async def test_walk_over_an_archive(seed):
    # The library over an index (rows on demand), its filter prompt, speakers across articles
    # and one speaker's quotes, full-text search: every key of those screens, walked.
    from archive_fake import FakeArchive, many_articles

    app = ReaderApp([], archive=FakeArchive(many_articles(300)), archive_name="lib.db")
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until_loaded(pilot)
        await Walk(pilot, seed).run(STEPS)


@pytest.mark.asyncio
async def test_the_walk_reaches_the_archive_screens():
    # The keys opening them are documented, so walks press them; this checks they lead there.
    from archive_fake import FakeArchive, many_articles
    from confreader.tui.filter_prompt import FilterPrompt
    from confreader.tui.speakers_screen import SpeakerQuotesScreen, SpeakersScreen

    app = ReaderApp([], archive=FakeArchive(many_articles(30)), archive_name="lib.db")
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until_loaded(pilot)
        walk = Walk(pilot, 0)
        await walk.press("S")
        await pilot.pause()
        assert isinstance(app.screen, SpeakersScreen)
        await walk.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SpeakerQuotesScreen)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen) and app.screen.focused is app.screen.table
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FilterPrompt)
        await walk.check(0)
