"""Pilot tests: file names and article values that look like markup or carry controls are shown
as data: escaped, on one line, never crashing the reader nor becoming live links or actions."""
from __future__ import annotations

import pytest
from textual.command import CommandList

from conftest import annotated_sample, notification_messages, wait_until_loaded, write_article
from confreader.loading import expand_paths
from confreader.tui.app import ReaderApp
from confreader.tui.library_screen import ArticleTable

pytestmark = pytest.mark.asyncio
SIZE = (120, 35)
MARKUP = ["[/]", "[@click=app.quit]", "[link=file:///etc/passwd]"]


def table_text(table: ArticleTable) -> str:
    return "\n".join(" ".join(str(cell) for cell in table.screen.row_cells(row)) for row in range(table.row_count))


async def test_bad_files_named_like_markup_or_controls_are_named_escaped(tmp_path):
    names = ["[b]bold.txt", "[@click=app.quit]x.json", "[link=file:~]y.json", "0-evil\x1b]0;owned\x07\nname.json"]
    for name in names:
        (tmp_path / name).write_bytes(b"\x00\x01\x02 not an article")
    write_article(tmp_path, "good.json", annotated_sample())
    app = ReaderApp(expand_paths([tmp_path]))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        assert app.is_running
        [message] = notification_messages(app)
        assert message.startswith("4 files could not be opened")
        assert "[b]bold.txt" in message and "[@click=app.quit]x.json" in message
        assert "\x1b" not in message and "\n" not in message and "\x07" not in message
        assert "0-evil\\x1b]0;owned\\x07\\x0aname.json" in message
        assert all(not notification.markup for notification in app._notifications)


async def test_one_bad_file_whose_path_holds_a_closing_tag_is_named_in_full(tmp_path):
    # "[/]" in a path (a folder "[" holding "].json") made Textual's markup parser raise.
    (tmp_path / "[").mkdir()
    path = tmp_path / "[" / "].json"
    path.write_text("{ not json", encoding="utf-8")
    app = ReaderApp([path])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        [message] = notification_messages(app)
        assert "[/].json" in message and app.is_running


def markup_article():
    article = annotated_sample()
    article.title = "[/] " + article.title
    article.speakers[0].name = "[@click=app.quit]كومان"
    article.speakers[1].titles = ["[link=file:///etc/passwd]"]
    article.metadata.update({"outlet": "[/]", "author": "[link=file:///etc/passwd]x"})
    return article


async def test_article_values_like_markup_show_as_text_in_library_and_palette(tmp_path):
    write_article(tmp_path, "a.json", markup_article())
    write_article(tmp_path, "b.json", annotated_sample())
    app = ReaderApp(expand_paths([tmp_path]))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        shown = table_text(app.screen.query_one(ArticleTable))
        # The author is cut to its column; what shows is the text itself, not a link.
        assert "[/]" in shown and "[link=file:///etc" in shown
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+p", *"click")
        for _ in range(50):
            await pilot.pause(0.02)
            hits = app.screen.query(CommandList)
            if hits and hits.first().option_count:
                break
        prompts = [str(option.prompt) for option in app.screen.query_one(CommandList).options]
        assert any("[@click=app.quit]" in prompt for prompt in prompts)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running


async def test_an_untitled_article_shows_its_path_escaped_in_the_title_bar(tmp_path):
    article = annotated_sample()
    article.title = None
    article.source = "evil\x1b[2J\nname.txt"
    app = ReaderApp([write_article(tmp_path, "untitled.json", article)])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(pilot)
        shown = str(app.reader.query_one("#article-title").render())
        # Escaped here, or already cleaned when the file was read: never raw, always one line.
        assert not any(ch in shown for ch in "\x1b\n\r\x07")
        assert "evil" in shown and "name.txt" in shown
