"""The reader's navigation panes: sections, speakers and quotes.

Each is a small OptionList that posts a message upward when the user picks
something; the reader screen decides what that means. Article text in rows
goes through the display engine (shaped, ordered, elided to the pane width).
"""
from __future__ import annotations

import gc

from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from confreader.tui import bindings
from confreader.tui.guard import Guarded
from confreader.tui.paging import SafePaging
from confreader.tui.labels import is_arabic, label
from confreader.tui.messages import QuoteChosen, SectionChosen, SpeakerChosen
from confreader.tui.palette import SpeakerColours, palette_of
from confreader.tui.scrollbar import SteadyScrollbars

if TYPE_CHECKING:
    from confreader.display import DisplayOptions
    from confreader.library import SpeakerSummary
    from confreader.model import Article, Quote

SWATCH = "█ "
ROWS_PER_BATCH = 100
DIM = Style(dim=True)


class NavList(Guarded, SafePaging, SteadyScrollbars, OptionList):
    """An OptionList with the reader's movement keys that rebuilds its rows on resize."""

    BINDINGS = bindings.MOVEMENT

    DEFAULT_CSS = """
    NavList { height: 1fr; max-height: 100%; scrollbar-gutter: stable; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.display_options: DisplayOptions | None = None  # given with the rows' content
        self._row_width = 0
        self._generation = 0  # bumped by each rebuild, so batches of an older one stop
        self._pending_highlight: int | None = None

    @property
    def row_width(self) -> int:
        # Option rows have one cell of padding each side inside the list.
        return max(4, self.scrollable_content_region.width - 2)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        colours = getattr(self, "colours", None)
        if isinstance(colours, SpeakerColours):
            colours.palette = palette_of(self.app)
        if self.display_options is not None:
            self.rebuild()

    def set_options(self, options: DisplayOptions) -> None:
        self.display_options = options
        self.rebuild()

    def rebuild(self) -> None:
        """Recreate every row at the current width, keeping the highlight.

        Rows are added a batch per frame, so an article with thousands of quotes
        shows (and scrolls) at once while the rest of the list fills in.
        """
        highlighted = self.highlighted if self._pending_highlight is None else self._pending_highlight
        self._generation += 1
        self._row_width = self.row_width
        self.clear_options()
        self._pending_highlight = highlighted
        self._add_batch(iter(self.make_rows()), self._generation)

    def _add_batch(self, rows: Iterator[Option], generation: int) -> None:
        if generation != self._generation:
            return
        batch = list(islice(rows, ROWS_PER_BATCH))
        self.add_options(batch)
        if self._pending_highlight is not None and self._pending_highlight < self.option_count:
            self.move_highlight_quietly(self._pending_highlight)
        if len(batch) == ROWS_PER_BATCH:
            self.call_after_refresh(self._add_batch, rows, generation)
            return
        # The rows stay until the next rebuild: keep them out of the collector's full
        # passes, which would otherwise stall scrolling for 100+ ms on large articles.
        gc.freeze()
        if self._pending_highlight is not None:
            # Fewer rows than before (a narrower filter): keep the highlight in range.
            self.move_highlight_quietly(min(self._pending_highlight, self.option_count - 1)
                                        if self.option_count else None)

    def make_rows(self) -> Iterator[Option]:
        raise NotImplementedError

    def on_resize(self, event: events.Resize) -> None:
        # Nothing shown yet (the first frames, while the article loads): nothing to re-fit.
        if self.display_options is not None and self.row_width != self._row_width:
            self.rebuild()

    def shaped(self, text: str, width: int | None = None, style: Style | None = None) -> Text:
        # Imported here, not at start-up: the first frame has no rows to shape.
        from confreader.display import single_line

        width = self.row_width if width is None else max(1, width)
        # Only the first words fit; shaping a long quote whole would be wasted work.
        return single_line(text[:width * 3], width, self.display_options, base_style=style)

    def reads_right_to_left(self, text: str) -> bool:
        from confreader.display import layout_paragraph

        return layout_paragraph(text, 1000, self.display_options).direction == "rtl"

    def move_highlight_quietly(self, index: int | None) -> None:
        """Follow the article without reporting it back as the user's choice."""
        if index is not None and index >= self.option_count:
            self._pending_highlight = index  # that row is still to come
            return
        self._pending_highlight = None
        with self.prevent(OptionList.OptionHighlighted):
            self.highlighted = index


class SectionsPane(NavList):
    """The article's title and headings; choosing one scrolls the article there."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None

    def show(self, article: Article, options: DisplayOptions) -> None:
        self.article = article
        self.display_options = options
        self.rebuild()
        self.move_highlight_quietly(0 if self.option_count else None)

    def make_rows(self) -> Iterator[Option]:
        if self.article is None:
            return
        headings = {s.heading for s in self.article.sections}
        for index, section in enumerate(self.article.sections):
            if section.heading is not None:
                row = section.heading
            elif index == 0 and self.article.title and self.article.title not in headings:
                row = self.article.title
            else:
                row = label("opening", self.article) if index == 0 else "…"
            yield Option(self.shaped(row, style=palette_of(self.app).heading if section.heading else None))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.has_focus:
            self.post_message(SectionChosen(event.option_index))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(SectionChosen(event.option_index))


class SpeakersPane(NavList):
    """Each speaker with titles, roles and quote count; choosing one filters the quotes."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.speakers: list[SpeakerSummary] = []
        self.colours: SpeakerColours | None = None
        self.total_quotes = 0

    def show(self, speakers: list[SpeakerSummary], colours: SpeakerColours, total_quotes: int,
             options: DisplayOptions) -> None:
        self.speakers, self.colours, self.total_quotes, self.display_options = speakers, colours, total_quotes, options
        self.rebuild()
        self.move_highlight_quietly(0)

    def make_rows(self) -> Iterator[Option]:
        plural = "s" * (self.total_quotes != 1)
        yield Option(Text(f"All speakers · {self.total_quotes} quote{plural}", style="bold"), id="*")
        for speaker in self.speakers:
            assert self.colours is not None
            rtl = self.reads_right_to_left(speaker.name)
            count = Text(f"{speaker.quote_count} " if rtl else f" {speaker.quote_count}", style="bold")
            name = self.shaped(speaker.name, self.row_width - len(SWATCH) - count.cell_len)
            colour = self.colours.colour(speaker.speaker_id)
            # RTL rows read from the right: swatch, name, then the count at the far end.
            row = Text.assemble(count, name, (SWATCH[::-1], colour)) if rtl else \
                Text.assemble((SWATCH, colour), name, count)
            about = " · ".join([*speaker.titles, *speaker.roles])
            if about:
                row.append("\n")
                row.append_text(self.shaped(about, style=DIM))
            yield Option(row, id=speaker.speaker_id)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        speaker_id = event.option.id
        self.post_message(SpeakerChosen(None if speaker_id == "*" else speaker_id))


class QuotesPane(NavList):
    """Every quote (or one speaker's): speaker, kind and the quote, one row each."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.colours: SpeakerColours | None = None
        self.speaker_filter: str | None = None
        self.quotes: list[Quote] = []
        self._index_by_id: dict[str, int] = {}

    def show(self, article: Article, colours: SpeakerColours, options: DisplayOptions,
             speaker_filter: str | None = None) -> None:
        self.article, self.colours, self.display_options = article, colours, options
        self.speaker_filter = speaker_filter
        self.quotes = [q for q in article.quotes if speaker_filter is None or q.speaker == speaker_filter]
        self._index_by_id = {q.id: i for i, q in enumerate(self.quotes)}
        self.rebuild()
        self.move_highlight_quietly(None)

    def make_rows(self) -> Iterator[Option]:
        if self.article is None or self.colours is None:
            return
        if not self.quotes and self.speaker_filter is not None:
            yield Option(self.shaped(self._no_quotes_from_speaker(), style=DIM), disabled=True)
            return
        rtl = is_arabic(self.article)
        for quote in self.quotes:
            speaker = self.article.speaker_by_id(quote.speaker)
            kind_label = label(quote.kind, self.article)
            kind = self.shaped(kind_label, len(kind_label), style=DIM)
            swatch = Text(SWATCH[::-1] if rtl else SWATCH, style=self.colours.colour(quote.speaker))
            name = speaker.name if speaker else label("unattributed", self.article)
            name_cells = self.row_width - len(SWATCH) - kind.cell_len - 1
            # RTL rows read from the right: swatch, name, then the kind at the far end.
            parts = [kind, Text(" "), self.shaped(name, name_cells), swatch] if rtl else \
                [swatch, self.shaped(name, name_cells), Text(" "), kind]
            head = Text.assemble(*parts)
            head.append("\n")
            head.append_text(self.shaped(self.article.quote_text(quote)))
            yield Option(head, id=quote.id)

    def _no_quotes_from_speaker(self) -> str:
        assert self.article is not None
        speaker = self.article.speaker_by_id(self.speaker_filter)
        name = speaker.name if speaker else str(self.speaker_filter)
        return f"لا اقتباسات من {name}" if is_arabic(self.article) else f"No quotes from {name}"

    def index_of(self, quote_id: str) -> int | None:
        return self._index_by_id.get(quote_id)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.has_focus and event.option.id is not None:
            self.post_message(QuoteChosen(event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(QuoteChosen(event.option.id))
