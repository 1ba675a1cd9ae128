"""The article's scrollbar repaints only when its thumb moves, and its thumb still follows the reader."""
from __future__ import annotations

import pytest

from conftest import wait_until_loaded, write_article
from confreader.model import Article, Paragraph, Section
from confreader.tui.app import ReaderApp
from confreader.tui.article_view import ArticleView
from confreader.tui.scrollbar import SteadyScrollBar

pytestmark = pytest.mark.asyncio


@pytest.fixture(autouse=True)
def private_state(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFREADER_STATE_DIR", str(tmp_path / "state"))


def long_article(paragraphs: int = 3000) -> Article:
    lines = [f"Paragraph {i} says what the minister said at the conference." for i in range(paragraphs)]
    text = "\n".join(lines)
    spans, pos = [], 0
    for line in lines:
        spans.append(Paragraph(pos, pos + len(line)))
        pos += len(line) + 1
    return Article(source="long.txt", text=text, title="Long", language="en", direction="ltr",
                   sections=[Section(None, None, 0, len(text), spans)])


def thumb_rows(bar: SteadyScrollBar) -> list[int]:
    """Rows where the thumb is drawn (the bar's colour as foreground, reversed or partial)."""
    rows = []
    for y in range(bar.size.height):
        strip = bar.render_line(y)
        if any(segment.style and (segment.style.reverse or segment.text.strip()) for segment in strip):
            rows.append(y)
    return rows


async def test_the_thumb_follows_and_repaints_only_when_it_moves(tmp_path):
    path = write_article(tmp_path, "long.json", long_article())
    app = ReaderApp([path])
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_loaded(pilot)
        view = app.reader.query_one(ArticleView)
        bar = view.vertical_scrollbar
        assert isinstance(bar, SteadyScrollBar)
        top_rows = thumb_rows(bar)
        assert top_rows and top_rows[0] == 0
        repaints = []
        original = bar.refresh
        bar.refresh = lambda *a, **k: (repaints.append(1), original(*a, **k))[1]
        await pilot.press("pagedown")
        await pilot.pause()
        assert view.scroll_y > 0
        assert repaints == [], "a page of a 3000-paragraph article does not move the thumb a cell-eighth"
        await pilot.press("G")
        await pilot.pause()
        assert repaints, "a jump to the end does"
        bottom_rows = thumb_rows(bar)
        assert bottom_rows[-1] == bar.size.height - 1
        await pilot.press("g")
        await pilot.pause()
        assert thumb_rows(bar) == top_rows
