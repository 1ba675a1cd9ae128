"""Pilot tests of quote search: Arabic folding, results as you type, jumping, n/N, the command palette."""
from __future__ import annotations

import pytest
from textual.widgets import Input

from conftest import annotated_sample, wait_until_loaded
from confreader.loading import expand_paths
from confreader.tui.app import ReaderApp
from confreader.tui.article_view import ArticleView
from confreader.tui.panes import QuotesPane
from confreader.tui.reader import ReaderScreen
from confreader.tui.search import SearchScreen

pytestmark = pytest.mark.asyncio
SIZE = (100, 30)


def quotes_containing(fragment: str) -> list[str]:
    article = annotated_sample()
    return [q.id for q in article.quotes if fragment in article.quote_text(q)]


async def search_for(pilot, query: str) -> SearchScreen:
    await pilot.press("slash")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    screen.query_one(Input).value = query
    await pilot.pause()
    return screen


@pytest.mark.parametrize("query", [
    "أرفع إلى تونس",     # as written in the article
    "ارفع الى تونس",     # without hamza: alef variants fold
    "أَرْفَعَ إِلَى تونس",  # with harakat the article does not have
])
async def test_search_folds_alef_forms_and_harakat(sample_json, query):
    app = ReaderApp([sample_json])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        screen = await search_for(pilot, query)
        assert [hit.quote_id for hit in screen.hits] == ["q2"]
        assert screen.results.row_count == 1


async def test_search_ignores_the_articles_own_harakat(sample_json):
    # The article writes "دورًا" with tanween; a reader types it bare.
    assert quotes_containing("دورًا") == ["q1"]
    app = ReaderApp([sample_json])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        screen = await search_for(pilot, "دورا")
        assert [hit.quote_id for hit in screen.hits] == ["q1"]


async def test_results_update_as_you_type_and_enter_jumps_to_the_quote(sample_json):
    expected = quotes_containing("العرب")
    assert len(expected) >= 2
    app = ReaderApp([sample_json])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("slash")
        await pilot.press(*"العرب")
        await pilot.pause()
        screen = app.screen
        assert [hit.quote_id for hit in screen.hits] == expected
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        view = app.reader.query_one(ArticleView)
        assert view.current_quote.id == expected[1]
        line = view.line_of_offset(view.current_quote.start)
        top = round(view.scroll_y)
        assert top <= line < top + view.scrollable_content_region.height
        # n and N walk the same results, wrapping around.
        await pilot.press("n")
        assert view.current_quote.id == expected[2 % len(expected)]
        await pilot.press("N", "N")
        assert view.current_quote.id == expected[0]


async def test_escape_closes_search_without_moving(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await search_for(pilot, "تونس")
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)
        assert app.reader.query_one(ArticleView).current_quote is None


async def test_n_without_a_search_says_how_to_search(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("n")
        assert app.reader.query_one(ArticleView).current_quote is None


async def test_search_spans_articles_and_opens_the_other_one(library_folder):
    app = ReaderApp(expand_paths([library_folder]))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        screen = await search_for(pilot, "SHARE DATA")
        assert len(screen.hits) == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.reader.article.language == "en"
        assert app.reader.query_one(ArticleView).current_quote.id == "q1"


async def test_command_palette_offers_speakers_and_quotes(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Speaker: حمد محمد")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert [q.id for q in app.reader.query_one(QuotesPane).quotes] == ["q4"]
        await pilot.press("ctrl+p")
        await pilot.press(*"Quote: يشرفني")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.query_one(ArticleView).current_quote.id == "q2"



async def test_command_palette_finds_a_speaker_of_another_article_despite_spelling(library_folder):
    app = ReaderApp(expand_paths([library_folder]))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("enter")  # open the English article's neighbour: the Tunis one
        await pilot.pause()
        tunis = app.reader.article_id
        english = next(s.id for s in app.library.list() if s.id != tunis)
        app.open_article(english)
        await pilot.pause()
        # Typed with harakat the text does not have, while another article is open.
        await pilot.press("ctrl+p")
        await pilot.press(*"حَمد مُحمد الحمود")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.article_id == tunis
        assert [q.id for q in app.reader.query_one(QuotesPane).quotes] == ["q4"]
