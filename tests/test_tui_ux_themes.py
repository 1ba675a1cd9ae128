"""Themes: every colour of the reader comes from the active theme, reads on its background,
and a theme switch redraws the article and panes in the new colours."""
from __future__ import annotations

import pytest
from rich.style import Style
from textual.app import App
from textual.color import Color
from textual.theme import BUILTIN_THEMES

from conftest import wait_until_loaded
from confreader.tui.app import ReaderApp
from confreader.tui.article_view import ArticleView
from confreader.tui.palette import MIN_CONTRAST, contrast, palette_from_variables, palette_of
from confreader.tui.panes import QuotesPane


@pytest.fixture(autouse=True)
def private_state(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFREADER_STATE_DIR", str(tmp_path / "state"))


def theme_variables(name: str) -> dict[str, str]:
    app = App()
    app.theme = name
    return app.get_css_variables()


@pytest.mark.parametrize("theme", sorted(BUILTIN_THEMES))
def test_every_colour_reads_on_the_themes_background(theme):
    variables = theme_variables(theme)
    palette = palette_from_variables(variables)
    background = Color.parse(variables["surface"])
    assert len(palette.speakers) >= 6, "enough distinct speaker colours"
    assert len(set(palette.speakers)) == len(palette.speakers)
    for colour in (*palette.speakers, palette.unattributed, palette.heading.color.name):
        assert contrast(Color.parse(colour), background) >= MIN_CONTRAST - 0.01, colour
    match = palette.match
    assert contrast(Color.parse(match.color.name), Color.parse(match.bgcolor.name)) >= MIN_CONTRAST


def test_light_and_dark_themes_give_different_colours():
    dark, light = (palette_from_variables(theme_variables(name)) for name in ("textual-dark", "textual-light"))
    assert dark.speakers[0] != light.speakers[0]
    assert dark.heading != light.heading


def quote_colours(view: ArticleView) -> set[str]:
    colours = set()
    for y in range(view.scrollable_content_region.height):
        for segment in view.render_line(y):
            if segment.style and segment.style.color and segment.style.underline:
                colours.add(segment.style.color.name.upper())
    return colours


@pytest.mark.asyncio
async def test_switching_theme_redraws_the_article_and_panes(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_loaded(pilot)
        view = app.reader.query_one(ArticleView)
        first_speaker = palette_of(app).speakers[0].upper()
        assert first_speaker in quote_colours(view), "the first speaker's (indirect) quote is on screen"
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        light = palette_of(app)
        assert light.speakers[0].upper() != first_speaker
        assert quote_colours(view) == {light.speakers[0].upper()}
        row = app.reader.query_one(QuotesPane).get_option_at_index(0).prompt
        styles = [Style.parse(span.style) if isinstance(span.style, str) else span.style for span in row.spans]
        assert light.speakers[0].upper() in {style.color.name.upper() for style in styles if style.color}
