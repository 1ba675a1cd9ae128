"""Quote search across every open article, as a modal: results update as you type."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from confreader.display import DisplayOptions, StyledSpan, single_line
from confreader.library import QuoteHit
from confreader.model import Article
from confreader.tui import bindings
from confreader.tui.guard import Guarded
from confreader.tui.paging import PagingOptionList
from confreader.tui.labels import label
from confreader.tui.palette import palette_of
from confreader.tui.visual_input import VisualInput

if TYPE_CHECKING:
    from confreader.tui.app import ReaderApp

RESULT_LIMIT = 200
# Characters of context kept before the first match when a quote is cut.
LEAD = 24


@dataclass(frozen=True)
class SearchResult:
    """What the search screen hands back: every hit, and the one the user chose."""

    query: str
    hits: list[QuoteHit]
    index: int


def quote_window(quote: str, matches: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """The quote from a word boundary shortly before its first match, with matches shifted to fit."""
    first = min((start for start, _ in matches), default=0)
    if first <= LEAD:
        return quote, matches
    cut = quote.rfind(" ", 0, first - LEAD) + 1
    if cut == 0:
        return quote, matches
    shift = cut - 1  # one character for the leading ellipsis
    return "…" + quote[cut:], [(start - shift, end - shift) for start, end in matches]


def hit_row(hit: QuoteHit, article: Article, width: int, options: DisplayOptions, match_style: Style,
            head: str | None = None) -> Text:
    """Two lines: who and where (or `head`), then the quote with the matches highlighted.

    Both lines take the article's direction, so a row whose first letters are of
    the other script (a Latin name, a number) lines up with the rows around it.
    """
    options = replace(options, direction=article.direction)
    text = article.text
    who = hit.speaker_name or label("unattributed", article)
    head_line = single_line(head if head is not None else f"{who} · {hit.article_title}", width, options,
                            base_style=Style(bold=True))
    quote, local = quote_window(text[hit.quote_start:hit.quote_end],
                                [(s - hit.quote_start, e - hit.quote_start) for s, e in hit.matches])
    spans = [StyledSpan(s, e, match_style) for s, e in local if e > s]
    row = head_line.copy()
    row.append("\n")
    # Only the first words fit; shaping a long quote whole would be wasted work.
    row.append_text(single_line(quote[:width * 3], width, options, spans=spans))
    return row


class SearchScreen(Guarded, ModalScreen[SearchResult | None]):
    BINDINGS = bindings.SEARCH

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial_query = query
        self.hits: list[QuoteHit] = []

    @property
    def reader_app(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield VisualInput(self.initial_query, placeholder="Search quotes in every open article", id="query")
            yield Static(id="search-status")
            yield PagingOptionList(id="results")

    def on_mount(self) -> None:
        self.query_one("#search-box").border_title = "Search quotes"
        self.query_one(Input).focus()
        self.run_search(self.initial_query)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    def run_search(self, query: str) -> None:
        library = self.reader_app.library
        self.hits = library.search_quotes(query, limit=RESULT_LIMIT)
        results = self.query_one(OptionList)
        # Before the first layout the list has no width yet; the resize handler redoes the rows.
        list_width = results.scrollable_content_region.width
        width = max(4, list_width - 2 if list_width > 2 else self.app.size.width - 12)
        options = self.reader_app.display_options
        match_style = palette_of(self.app).match
        results.clear_options()
        results.add_options([Option(hit_row(hit, library.get(hit.article_id), width, options, match_style))
                             for hit in self.hits])
        if self.hits:
            results.highlighted = 0
        status = self.query_one("#search-status", Static)
        if not query.strip():
            status.update(Text("Type to search; harakat, tatweel and alef forms are ignored.", style="dim"))
            return
        if not self.hits:
            counted = Text("No quote matches ", style="bold")
        else:
            more = "+" if len(self.hits) == RESULT_LIMIT else ""
            matched = f"{len(self.hits)}{more} quotes match " if len(self.hits) > 1 else "1 quote matches "
            counted = Text(matched, style="bold")
        shown = query.strip()
        counted.append_text(single_line(shown, max(1, min(cell_len(shown), width // 2)), options,
                                        base_style=match_style))
        if self.hits:
            counted.append(" · ↑↓ move · Enter opens", style="dim")
        status.update(counted)

    def on_resize(self) -> None:
        self.run_search(self.query_one(Input).value)

    def action_move_result(self, delta: int) -> None:
        results = self.query_one(OptionList)
        if results.option_count:
            current = results.highlighted or 0
            results.highlighted = max(0, min(results.option_count - 1, current + delta))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None:
            self.choose(highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.choose(event.option_index)

    def choose(self, index: int) -> None:
        self.dismiss(SearchResult(self.query_one(Input).value, self.hits, index))

    def action_close(self) -> None:
        self.dismiss(None)
