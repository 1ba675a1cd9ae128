"""Labels beside Arabic read naturally (Arabic words, RTL rows), and a speaker filter with no
quotes says so."""
from __future__ import annotations

import pytest

from conftest import annotated_sample, english_article, wait_until_loaded, write_article
from confreader.display import layout_paragraph
from confreader.loading import expand_paths
from confreader.model import Speaker
from confreader.tui.app import ReaderApp
from confreader.tui.panes import QuotesPane, SectionsPane
from confreader.tui.search import SearchScreen
from textual.widgets import Input, OptionList

pytestmark = pytest.mark.asyncio


@pytest.fixture(autouse=True)
def private_state(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFREADER_STATE_DIR", str(tmp_path / "state"))


def visual(text: str) -> str:
    return layout_paragraph(text, 200).lines[0].visual


def rows(pane: OptionList) -> list[str]:
    return [pane.get_option_at_index(i).prompt.plain for i in range(pane.option_count)]


async def test_arabic_rows_use_arabic_labels_read_from_the_right(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_loaded(pilot)
        first_line = rows(app.reader.query_one(QuotesPane))[0].split("\n")[0]
        assert "indirect" not in first_line
        # Read from the right: swatch, speaker, then the kind at the far left.
        assert first_line.endswith(visual("محمد بن علي كومان") + " █")
        assert first_line.startswith(visual("غير مباشر"))
        assert rows(app.reader.query_one(SectionsPane))[0].strip() == visual("(المقدمة)")


async def test_english_rows_keep_english_labels(tmp_path):
    path = write_article(tmp_path, "en.json", english_article())
    app = ReaderApp([path])
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_loaded(pilot)
        first_line = rows(app.reader.query_one(QuotesPane))[0].split("\n")[0]
        assert first_line.startswith("█ The minister")
        assert first_line.rstrip().endswith("direct")


async def test_a_speaker_with_no_quotes_says_so(tmp_path):
    article = annotated_sample()
    article.speakers.append(Speaker("s3", "سامي"))
    path = write_article(tmp_path, "three.json", article)
    app = ReaderApp([path])
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_loaded(pilot)
        app.reader.filter_speaker("s3")
        await pilot.pause()
        pane = app.reader.query_one(QuotesPane)
        assert [row.strip() for row in rows(pane)] == [visual("لا اقتباسات من سامي")]
        assert pane.quotes == []
        await pilot.press("u", "enter", "j")  # the message row cannot be chosen
        assert app.reader.view.current_quote is None


async def test_search_rows_without_a_speaker_align_like_the_others(tmp_path):
    article = annotated_sample()
    article.quotes[0].speaker = None
    path = write_article(tmp_path, "a.json", article)
    app = ReaderApp([path, write_article(tmp_path, "b.json", english_article())])
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.query_one(Input).value = "العرب"
        await pilot.pause()
        results = screen.results
        width = results.scrollable_content_region.width
        heads = [results.render_row(i, width)[0].plain for i in range(results.row_count)]
        assert len(heads) >= 2
        unattributed = [head for head in heads if visual("(بلا نسبة)") in head]
        assert unattributed, "Arabic label for an unattributed Arabic quote"
        # Right-aligned like every other Arabic row: no trailing blank, text runs to the right edge.
        for head in heads:
            assert head == head.rstrip() and head.startswith(" ")
