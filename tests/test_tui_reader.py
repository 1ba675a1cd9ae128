"""Pilot tests of the reader screen: panes, article scrolling, selection, copy, bidi, quit."""
from __future__ import annotations

import pytest
from conftest import annotated_sample, notification_messages, wait_until_loaded
from confreader.display import BidiMode
from confreader.tui.app import ReaderApp
from confreader.tui.article_view import ArticleView
from confreader.tui.help import HelpScreen
from confreader.tui.panes import QuotesPane, SectionsPane, SpeakersPane

pytestmark = pytest.mark.asyncio

SMALL = (80, 24)


def quote(quote_id: str):
    return next(q for q in annotated_sample().quotes if q.id == quote_id)


def visible_lines(view: ArticleView) -> range:
    top = round(view.scroll_y)
    return range(top, top + view.scrollable_content_region.height)


def screen_text(view: ArticleView, y: int) -> str:
    return view.render_line(y).text


def is_shaped(text: str) -> bool:
    """Arabic presentation forms appear only when the app shapes the text itself."""
    return any("\ufb50" <= ch <= "\ufeff" for ch in text)


async def test_opening_an_article_fills_every_pane(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=SMALL) as pilot:
        await wait_until_loaded(pilot)
        assert app.reader.article_id is not None
        assert app.reader.query_one(QuotesPane).option_count == 4
        # "All speakers" and the two speakers.
        assert app.reader.query_one(SpeakersPane).option_count == 3
        assert app.reader.query_one(SectionsPane).option_count == 4
        assert app.reader.query_one(ArticleView).virtual_size.height > SMALL[1]


async def test_choosing_a_section_scrolls_the_article_to_its_heading(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=SMALL) as pilot:
        await wait_until_loaded(pilot)
        view = app.reader.query_one(ArticleView)
        await pilot.press("t", "j", "j")
        await pilot.pause()
        heading_start = annotated_sample().sections[2].heading_span[0]
        assert round(view.scroll_y) == view.line_of_offset(heading_start) > 0
        await pilot.press("k")
        await pilot.pause()
        assert round(view.scroll_y) == view.line_of_offset(annotated_sample().sections[1].heading_span[0])


async def test_sections_pane_follows_the_article_as_it_scrolls(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=SMALL) as pilot:
        await wait_until_loaded(pilot)
        sections = app.reader.query_one(SectionsPane)
        assert sections.highlighted == 0
        await pilot.press("a", "G")
        await pilot.pause(0.3)  # the pane follows once scrolling pauses
        assert sections.highlighted == 3
        await pilot.press("g")
        await pilot.pause(0.3)
        assert sections.highlighted == 0


async def test_moving_through_quotes_scrolls_to_and_emphasises_each(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=SMALL) as pilot:
        await wait_until_loaded(pilot)
        view = app.reader.query_one(ArticleView)
        await pilot.press("u", "j")
        assert view.current_quote.id == "q1"
        await pilot.press("j", "j", "j")
        await pilot.pause()
        q4 = quote("q4")
        assert view.current_quote.id == "q4"
        line = view.line_of_offset(q4.start)
        assert line in visible_lines(view)
        assert line > SMALL[1], "the last quote is below the first screen, so the article had to scroll"
        segments = list(view.render_line(line - round(view.scroll_y)))
        assert any(seg.style and seg.style.reverse for seg in segments), "the current quote is emphasised"


async def test_each_speaker_has_a_colour_of_their_own_in_the_article(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=(120, 60)) as pilot:
        await wait_until_loaded(pilot)
        view = app.reader.query_one(ArticleView)

        def colours_on_line_of(quote_id: str) -> set:
            y = view.line_of_offset(quote(quote_id).start) - round(view.scroll_y)
            return {seg.style.color for seg in view.render_line(y) if seg.text.strip() and seg.style}

        assert colours_on_line_of("q3") & colours_on_line_of("q1"), "same speaker, same colour"
        assert not (colours_on_line_of("q4") - colours_on_line_of("q3")) <= {None}
        assert colours_on_line_of("q4") != colours_on_line_of("q3")


async def test_clicking_a_word_selects_the_quote_under_it(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=(120, 60)) as pilot:
        await wait_until_loaded(pilot)
        view = app.reader.query_one(ArticleView)
        q2 = quote("q2")
        target = q2.start + 10
        line = view.line_of_offset(target)
        y = line - round(view.scroll_y)
        x = next(x for x in range(view.scrollable_content_region.width) if view.offset_at(x, y) == target)
        border = 1
        assert await pilot.click(ArticleView, offset=(x + border, y + border))
        await pilot.pause()
        assert view.current_quote.id == "q2"
        assert app.reader.query_one(QuotesPane).highlighted == 1
        # A click outside every quote changes nothing.
        quotes = annotated_sample().quotes
        outside = next(x for x in range(view.scrollable_content_region.width)
                       if (off := view.offset_at(x, 0)) is not None
                       and not any(q.start <= off < q.end for q in quotes))
        await pilot.click(ArticleView, offset=(outside + border, border))
        assert view.current_quote.id == "q2"


async def test_choosing_a_speaker_filters_the_quotes_and_escape_shows_all(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=SMALL) as pilot:
        await wait_until_loaded(pilot)
        quotes = app.reader.query_one(QuotesPane)
        await pilot.press("s", "j", "j", "enter")
        await pilot.pause()
        assert [q.id for q in quotes.quotes] == ["q4"]
        assert quotes.option_count == 1
        await pilot.press("escape")
        await pilot.pause()
        assert quotes.option_count == 4
        # Choosing the same speaker twice also goes back to every quote.
        await pilot.press("s", "j", "enter")
        assert quotes.option_count == 3
        await pilot.press("enter")
        assert quotes.option_count == 4


async def test_copy_puts_logical_quote_speaker_and_title_on_the_clipboard(sample_json):
    article = annotated_sample()
    app = ReaderApp([sample_json])
    async with app.run_test(size=SMALL) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("y")
        assert app.clipboard == ""
        assert any("No quote selected" in m for m in notification_messages(app))
        await pilot.press("u", "j", "j", "y")
        q2 = quote("q2")
        assert f"«{article.text[q2.start:q2.end]}»" in app.clipboard
        assert "محمد بن علي كومان" in app.clipboard
        assert article.title in app.clipboard
        assert not is_shaped(app.clipboard)
        assert any("Copied" in m for m in notification_messages(app))


async def test_bidi_key_cycles_app_terminal_off_and_rerenders(sample_json):
    text = annotated_sample().text
    app = ReaderApp([sample_json], bidi_mode=BidiMode.APP)
    async with app.run_test(size=SMALL) as pilot:
        await wait_until_loaded(pilot)
        view = app.reader.query_one(ArticleView)
        assert is_shaped(screen_text(view, 0))
        await pilot.press("b")
        await pilot.pause()
        assert app.bidi_mode is BidiMode.TERMINAL
        first_line = screen_text(view, 0).strip()
        assert not is_shaped(first_line)
        assert first_line in text, "terminal mode hands the terminal logical text"
        await pilot.press("b")
        assert app.bidi_mode is BidiMode.OFF
        await pilot.press("b")
        await pilot.pause()
        assert app.bidi_mode is BidiMode.APP
        assert is_shaped(screen_text(view, 0))


async def test_rtl_article_puts_navigation_on_the_right_and_m_flips_it(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=SMALL) as pilot:
        await wait_until_loaded(pilot)
        # The panes, as drawn: their column (#nav) is hidden under them and has no region of its own.
        nav, article = app.reader.query_one("#sections"), app.reader.query_one(ArticleView)
        assert nav.region.x > article.region.x
        await pilot.press("m")
        await pilot.pause()
        assert nav.region.x < article.region.x


async def test_article_keys_page_and_jump(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=SMALL) as pilot:
        await wait_until_loaded(pilot)
        view = app.reader.query_one(ArticleView)
        await pilot.press("a", "j", "j")
        assert round(view.scroll_y) == 2
        await pilot.press("k")
        assert round(view.scroll_y) == 1
        await pilot.press("space")
        assert round(view.scroll_y) > 10
        await pilot.press("G")
        assert round(view.scroll_y) == view.max_scroll_y
        await pilot.press("g")
        assert round(view.scroll_y) == 0
        await pilot.press("pagedown")
        assert round(view.scroll_y) > 10


async def test_tab_moves_between_panes_and_letters_jump_to_them(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=SMALL) as pilot:
        await wait_until_loaded(pilot)
        seen = set()
        for _ in range(4):
            await pilot.press("tab")
            seen.add(app.focused.id)
        assert seen == {"sections", "speakers", "quotes", "article"}
        await pilot.press("s")
        assert app.focused.id == "speakers"
        await pilot.press("t")
        assert app.focused.id == "sections"
        await pilot.press("u")
        assert app.focused.id == "quotes"
        await pilot.press("shift+tab")
        assert app.focused.id == "speakers"


async def test_resize_rewraps_and_keeps_the_same_text_in_view(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until_loaded(pilot)
        view = app.reader.query_one(ArticleView)
        wide_lines = view.virtual_size.height
        await pilot.press("u", "j", "j")
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert view.virtual_size.height > wide_lines
        # Every line is exactly as wide as the pane: nothing cropped, nothing spilling.
        width = view.scrollable_content_region.width
        assert all(view.render_line(y).cell_length == width for y in range(view.scrollable_content_region.height))


def help_text(app, keymap) -> str:
    from rich.console import Console

    from confreader.tui.help import keys_table
    console = Console(width=200, record=True)
    console.print(keys_table(keymap, app.get_key_display))
    return console.export_text()


async def test_help_lists_every_binding_and_closes(sample_json):
    from confreader.tui.bindings import REMAPPABLE_IDS
    app = ReaderApp([sample_json])
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app, {})
        assert all(binding_id in text for binding_id in REMAPPABLE_IDS)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_remapped_key_works_and_help_shows_it(sample_json):
    app = ReaderApp([sample_json], keymap={"copy_quote": "c"})
    async with app.run_test(size=SMALL) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("u", "j", "y")
        assert app.clipboard == ""
        await pilot.press("c")
        assert app.clipboard.startswith(annotated_sample().quote_text(quote("q1")))
        copy_row = next(line for line in help_text(app, app.keymap).splitlines() if "copy_quote" in line)
        assert copy_row.split()[0] == "c"


async def test_q_quits(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=SMALL) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


@pytest.mark.parametrize("mode", list(BidiMode))
async def test_quote_rows_fit_the_pane_in_every_mode(sample_json, mode):
    app = ReaderApp([sample_json], bidi_mode=mode)
    async with app.run_test(size=SMALL) as pilot:
        await wait_until_loaded(pilot)
        pane = app.reader.query_one(QuotesPane)
        for index in range(pane.option_count):
            prompt = pane.get_option_at_index(index).prompt
            assert all(len(line) <= pane.row_width for line in prompt.plain.split("\n"))


async def test_huge_article_path_estimates_then_settles_line_counts(sample_json, monkeypatch):
    # Above the limit counts start as estimates; whatever is on screen must still be exact.
    from confreader.display import layout_paragraph
    from confreader.tui import article_view
    monkeypatch.setattr(article_view, "EXACT_COUNT_LIMIT", 0)
    app = ReaderApp([sample_json])
    async with app.run_test(size=SMALL) as pilot:
        await wait_until_loaded(pilot)
        view = app.reader.query_one(ArticleView)
        await pilot.press("u", "j", "j", "j", "j")
        await pilot.pause()
        q4 = quote("q4")
        line = view.line_of_offset(q4.start)
        assert line in visible_lines(view)
        y = line - round(view.scroll_y)
        start_offset = next(off for x in range(view.scrollable_content_region.width)
                            if (off := view.offset_at(x, y)) is not None)
        assert view.line_of_offset(start_offset) == line, "hit-testing and scrolling agree on the settled lines"
        await pilot.pause(0.5)  # the scroll size follows settled counts a moment later
        assert view.virtual_size.height == view._first_lines[-1] + view._line_counts[-1]
        text = annotated_sample().text
        for index in range(len(view._blocks)):
            if view._exact[index]:
                block = view._blocks[index]
                assert view._line_counts[index] == len(
                    layout_paragraph(text[block.start:block.end], view._wrap_width, view.options).lines)


async def test_settled_line_counts_reach_the_scrollbar_and_the_end_of_the_article(sample_json, monkeypatch):
    # While scrolling, the scroll size follows settled counts without relayouting the screen:
    # the bar's thumb and End must still use the new size, and the last line must be reachable.
    from confreader.tui import article_view
    monkeypatch.setattr(article_view, "EXACT_COUNT_LIMIT", 0)
    app = ReaderApp([sample_json])
    async with app.run_test(size=(60, 12)) as pilot:
        await wait_until_loaded(pilot)
        view = app.reader.query_one(ArticleView)
        view.focus()
        await pilot.press("pagedown", "pagedown")
        await pilot.pause(0.5)
        height = view._first_lines[-1] + view._line_counts[-1]
        assert view.virtual_size.height == height
        assert view.show_vertical_scrollbar and view.vertical_scrollbar.window_virtual_size == height
        await pilot.press("end")
        await pilot.pause(0.5)
        last_block = view._blocks[-1]
        assert view.line_of_offset(last_block.end - 1) in visible_lines(view)
        assert round(view.scroll_y) == view.max_scroll_y == view.virtual_size.height - view.scrollable_content_region.height


async def test_an_article_without_sections_or_quotes_opens_empty(tmp_path):
    from confreader.model import Article
    from conftest import write_article
    path = write_article(tmp_path, "empty.json", Article(source="empty.txt", text="", title=None))
    app = ReaderApp([path])
    async with app.run_test(size=SMALL) as pilot:
        await wait_until_loaded(pilot)
        view = app.reader.query_one(ArticleView)
        assert view.virtual_size.height == 0
        assert app.reader.query_one(QuotesPane).option_count == 0
        await pilot.press("a", "G", "g", "j", "u", "j", "y", "t", "j", "b")
        assert app.is_running


async def test_long_lists_fill_in_batches_and_keep_a_highlight_to_come(sample_json, monkeypatch):
    from confreader.tui import panes
    monkeypatch.setattr(panes, "ROWS_PER_BATCH", 1)
    app = ReaderApp([sample_json])
    async with app.run_test(size=SMALL) as pilot:
        await wait_until_loaded(pilot)
        pane = app.reader.query_one(QuotesPane)
        pane.rebuild()
        assert pane.option_count == 1, "one batch now, the rest on later frames"
        pane.move_highlight_quietly(3)
        for _ in range(20):
            await pilot.pause()
        assert pane.option_count == 4
        assert pane.highlighted == 3


async def test_app_mode_switches_the_terminals_own_bidi_off_and_gives_it_back(sample_json, monkeypatch):
    from confreader.display import ENTER_APP_BIDI, EXIT_APP_BIDI
    written: list[str] = []
    monkeypatch.setattr(ReaderApp, "_write_terminal", lambda self, sequence: written.append(sequence))
    app = ReaderApp([sample_json], bidi_mode=BidiMode.APP)
    async with app.run_test(size=SMALL) as pilot:
        await wait_until_loaded(pilot)
        assert written == [ENTER_APP_BIDI]
        await pilot.press("b")  # terminal mode: the terminal does bidi again
        assert written == [ENTER_APP_BIDI, EXIT_APP_BIDI]
        await pilot.press("b", "b")  # off, then app again
        assert written == [ENTER_APP_BIDI, EXIT_APP_BIDI, ENTER_APP_BIDI]
    terminal_app = ReaderApp([sample_json], bidi_mode=BidiMode.TERMINAL)
    written.clear()
    async with terminal_app.run_test(size=SMALL) as pilot:
        await wait_until_loaded(pilot)
        assert written == []


async def test_bidi_key_rerenders_the_panes_too(sample_json):
    quote_text = annotated_sample().quote_text(quote("q1"))
    app = ReaderApp([sample_json], bidi_mode=BidiMode.APP)
    async with app.run_test(size=SMALL) as pilot:
        await wait_until_loaded(pilot)
        pane = app.reader.query_one(QuotesPane)
        first_row = pane.get_option_at_index(0).prompt.plain.split("\n")[1].strip(" …")
        assert is_shaped(first_row)
        await pilot.press("b")
        await pilot.pause()
        first_row = pane.get_option_at_index(0).prompt.plain.split("\n")[1].strip(" …")
        assert not is_shaped(first_row) and quote_text.startswith(first_row)


async def test_a_tiny_terminal_still_works(sample_json):
    app = ReaderApp([sample_json])
    async with app.run_test(size=(30, 8)) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("u", "j", "j", "a", "G", "s", "enter", "b", "m")
        view = app.reader.query_one(ArticleView)
        width = view.scrollable_content_region.width
        assert width >= 12, "the article keeps most of a narrow screen"
        assert all(view.render_line(y).cell_length == width for y in range(view.scrollable_content_region.height))
        await pilot.resize_terminal(12, 5)
        await pilot.press("g", "j", "b", "b", "u", "k")
        assert app.is_running


async def test_each_line_styles_exactly_the_quotes_on_it_even_nested_ones(tmp_path):
    # Lines look their quotes up by bisection (a paragraph of 100k quotes cost 3 s a key when
    # every line walked all of them); nested and overlapping quotes must still all be found.
    import random

    from conftest import write_article
    from confreader.model import Article, Paragraph, Quote, Section

    text = " ".join(f"كلمة{i}" for i in range(1500))
    rng = random.Random(7)
    quotes = []
    for number in range(400):
        start = rng.randrange(len(text) - 1)
        quotes.append(Quote(f"q{number}", "direct", start, min(len(text), start + rng.choice([3, 30, 300, 3000]))))
    article = Article(source="nested.json", text=text, title="t", sections=[
        Section(None, None, 0, len(text), [Paragraph(0, len(text))])], quotes=quotes)
    app = ReaderApp([write_article(tmp_path, "nested.json", article)])
    async with app.run_test(size=SMALL) as pilot:
        await wait_until_loaded(pilot)
        view = app.reader.query_one(ArticleView)
        from confreader.display import layout_paragraph

        lines = layout_paragraph(text, view._wrap_width, view.options).lines
        assert len(lines) > 20
        for line in lines:
            expected = {q.id for q in quotes if q.start < max(line.end, line.start + 1) and q.end > line.start}
            assert {q.id for q in view._quotes_on(0, line.start, line.end)} == expected
