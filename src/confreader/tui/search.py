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
from textual.widgets import Input, Static

from confreader.display import DisplayOptions, StyledSpan, single_line
from confreader.library import ArticleLibrary, QuoteHit, find_matches
from confreader.library.folding import fold_query
from confreader.model import Article
from confreader.tui import bindings
from confreader.tui.guard import Guarded
from confreader.tui.hit_list import HitList
from confreader.tui.labels import label
from confreader.tui.palette import palette_of
from confreader.tui.virtual_list import VirtualList
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


def find_hits(library: ArticleLibrary, query: str, full_text: bool, limit: int) -> list[QuoteHit]:
    """Quotes matching the query or, with `full_text`, every place in any article's text
    (the library's own full-text search when it has one: the on-disk index)."""
    if not full_text:
        return library.search_quotes(query, limit=limit)
    try:
        return library.search_quotes(query, limit=limit, full_text=True)  # type: ignore[call-arg]
    except TypeError:  # the in-memory library searches quotes only
        return text_hits(library, query, limit)


def text_hits(library: ArticleLibrary, query: str, limit: int) -> list[QuoteHit]:
    """Every match of the folded query in the articles' text, in library order, at most `limit`:
    a hit inside a quote is that quote; one elsewhere is its sentence, with no quote id."""
    folded_query = fold_query(query)
    hits: list[QuoteHit] = []
    if not folded_query:
        return hits
    for summary in library.list():
        article = library.get(summary.id)
        for start, end in find_matches(article.text, query):
            quote = next((q for q in article.quotes if q.start <= start and end <= q.end), None)
            if quote is not None:
                speaker = article.speaker_by_id(quote.speaker)
                hits.append(QuoteHit(summary.id, quote.id, quote.kind, speaker.name if speaker else None,
                                     summary.title, quote.start, quote.end, ((start, end),)))
            else:
                around_start, around_end = sentence_around(article.text, start, end)
                hits.append(QuoteHit(summary.id, "", "text", None, summary.title, around_start, around_end,
                                     ((start, end),)))
            if len(hits) >= limit:
                return hits
    return hits


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) holding text[start:end]."""
    stops = ".!?\n؟"
    before = max(text.rfind(stop, 0, start) for stop in stops) + 1
    after = [i for i in (text.find(stop, end) for stop in stops) if i >= 0]
    return before + (len(text[before:start]) - len(text[before:start].lstrip())), min(after, default=len(text))


class SearchScreen(Guarded, ModalScreen[SearchResult | None]):
    BINDINGS = bindings.SEARCH

    def __init__(self, query: str = "", full_text: bool = False) -> None:
        super().__init__()
        self.initial_query = query
        self.full_text = full_text
        self.hits: list[QuoteHit] = []

    @property
    def reader_app(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    @property
    def results(self) -> HitList:
        return self.query_one(HitList)

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield VisualInput(self.initial_query, placeholder=self._placeholder(), id="query")
            yield Static(id="search-status")
            yield HitList(id="results")

    def _placeholder(self) -> str:
        return "Search the text of every article" if self.full_text else "Search quotes in every article"

    def on_mount(self) -> None:
        self._title()
        self.query_one(Input).focus()
        self.run_search(self.initial_query)

    def _title(self) -> None:
        self.query_one("#search-box").border_title = (
            "Search full text (Ctrl+T: quotes only)" if self.full_text else "Search quotes (Ctrl+T: full text)")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    def action_toggle_full_text(self) -> None:
        self.full_text = not self.full_text
        self._title()
        self.query_one(Input).placeholder = self._placeholder()
        self.run_search(self.query_one(Input).value)

    def run_search(self, query: str) -> None:
        self.hits = find_hits(self.reader_app.library, query, self.full_text, RESULT_LIMIT)
        # Rows are drawn as they come on screen (HitList), so 200 hits cost what a screenful does.
        self.results.show(self.hits)
        options = self.reader_app.display_options
        match_style = palette_of(self.app).match
        status = self.query_one("#search-status", Static)
        if not query.strip():
            status.update(Text("Type to search; harakat, tatweel and alef forms are ignored.", style="dim"))
            return
        what = "places" if self.full_text else "quotes"
        if not self.hits:
            counted = Text(f"Nothing matches " if self.full_text else "No quote matches ", style="bold")
        else:
            more = "+" if len(self.hits) == RESULT_LIMIT else ""
            one = "1 place matches " if self.full_text else "1 quote matches "
            matched = f"{len(self.hits)}{more} {what} match " if len(self.hits) > 1 else one
            counted = Text(matched, style="bold")
        shown = query.strip()
        width = max(4, self.app.size.width // 2)
        counted.append_text(single_line(shown, max(1, min(cell_len(shown), width // 2)), options,
                                        base_style=match_style))
        if self.hits:
            counted.append(" · ↑↓ move · Enter opens", style="dim")
        status.update(counted)

    def action_move_result(self, delta: int) -> None:
        self.results.move_cursor(self.results.cursor_row + delta)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.hits:
            self.choose(self.results.cursor_row)

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        event.stop()
        self.choose(event.index)

    def choose(self, index: int) -> None:
        if 0 <= index < len(self.hits):
            self.dismiss(SearchResult(self.query_one(Input).value, self.hits, index))

    def action_close(self) -> None:
        self.dismiss(None)
