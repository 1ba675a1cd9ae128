"""Speakers across the whole library, merged by folded name: filter as you type, Enter lists
everything one of them said (oldest first), Enter on a quote opens its article there."""
from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from confreader.display import single_line
from confreader.library.across import ArchiveSpeaker, quotes_of, speakers_across
from confreader.library.api import QuoteHit
from confreader.sources.names import one_line
from confreader.tui import bindings
from confreader.tui.guard import Guarded
from confreader.tui.hit_list import HitList
from confreader.tui.keybar import KeyBar
from confreader.tui.virtual_list import VirtualList
from confreader.tui.visual_input import VisualInput

if TYPE_CHECKING:
    from confreader.tui.app import ReaderApp

SPEAKER_LIMIT = 500
# Cells for "1,234 quotes · 56 articles" at the end of a row.
COUNTS_WIDTH = 26


def is_arabic(text: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" for char in text)


def speaker_line(speaker: ArchiveSpeaker) -> str:
    """Titles, name, then a role: the words a reader recognises a speaker by."""
    described = [*speaker.titles[:2], speaker.name, *speaker.roles[:1]]
    comma = "، " if is_arabic(speaker.name) else ", "
    return comma.join(part for part in described if part)


class SpeakerList(VirtualList):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.speakers: list[ArchiveSpeaker] = []

    def show(self, speakers: list[ArchiveSpeaker]) -> None:
        self.speakers = speakers
        self.reset(len(speakers), cursor=0)

    def render_row(self, index: int, width: int) -> list[Text]:
        speaker = self.speakers[index]
        app: ReaderApp = self.app  # type: ignore[assignment]
        counts = Text(f"{speaker.quote_count:,} quote{'s' * (speaker.quote_count != 1)} · "
                      f"{speaker.article_count:,} article{'s' * (speaker.article_count != 1)}",
                      style="dim")
        name_width = max(1, width - COUNTS_WIDTH - 1)
        name = single_line(speaker_line(speaker), name_width, app.display_options, base_style=Style(bold=True))
        name.pad_right(max(0, name_width - name.cell_len))
        arabic = is_arabic(speaker.name)
        # An Arabic row reads from the right: its name there, the counts on the left; the counts
        # sit against the name's far edge either way.
        counts.align("left" if arabic else "right", COUNTS_WIDTH)
        parts = [counts, Text(" "), name] if arabic else [name, Text(" "), counts]
        return [Text("").join(parts)]


class SpeakersScreen(Guarded, Screen):
    BINDINGS = bindings.SPEAKERS

    @property
    def reader_app(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    @property
    def speaker_list(self) -> SpeakerList:
        return self.query_one(SpeakerList)

    def compose(self) -> ComposeResult:
        with Vertical(id="speakers-box"):
            yield VisualInput(placeholder="Filter speakers by name or title", id="speaker-query")
            yield Static(id="speakers-status")
            yield SpeakerList(id="archive-speakers")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#speakers-box").border_title = "Speakers in every article"
        self.query_one(Input).focus()
        self.run_filter("")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.run_filter(event.value)

    def run_filter(self, query: str) -> None:
        speakers = speakers_across(self.reader_app.library, query, SPEAKER_LIMIT)
        self.speaker_list.show(speakers)
        status = Text()
        if not speakers:
            status.append("No speaker matches." if query.strip() else "No speaker in the library yet.",
                          style="bold")
        else:
            more = "+" if len(speakers) == SPEAKER_LIMIT else ""
            status.append(f"{len(speakers):,}{more} speaker{'s' * (len(speakers) != 1)}", style="bold")
            status.append(" · most quoted first · ↑↓ move · Enter lists their quotes", style="dim")
        self.query_one("#speakers-status", Static).update(status)

    def action_move_result(self, delta: int) -> None:
        self.speaker_list.move_cursor(self.speaker_list.cursor_row + delta)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.choose(self.speaker_list.cursor_row)

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        event.stop()
        self.choose(event.index)

    def choose(self, index: int) -> None:
        speakers = self.speaker_list.speakers
        if 0 <= index < len(speakers):
            self.app.push_screen(SpeakerQuotesScreen(speakers[index]))

    def action_close(self) -> None:
        self.dismiss()


class SpeakerQuotesScreen(Guarded, Screen):
    """One speaker's quotes in date order; Enter opens the article at the quote."""

    BINDINGS = bindings.SPEAKER_QUOTES

    def __init__(self, speaker: ArchiveSpeaker) -> None:
        super().__init__()
        self.speaker = speaker

    @property
    def reader_app(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    @property
    def hit_list(self) -> HitList:
        return self.query_one(HitList)

    def compose(self) -> ComposeResult:
        with Vertical(id="speaker-quotes-box"):
            yield Static(id="speaker-quotes-status")
            yield HitList(id="speaker-quotes", head=self._head)
        yield KeyBar()

    def _head(self, hit: QuoteHit) -> str:
        date = self.reader_app.library.summary(hit.article_id).date
        from confreader.tui.library_screen import shown_date

        return f"{shown_date(date) or '—'} · {hit.article_title}"

    def on_mount(self) -> None:
        box = self.query_one("#speaker-quotes-box")
        name = one_line(self.speaker.name)
        box.border_title = single_line(name, max(1, min(len(name) + 2, self.app.size.width - 6)),
                                       self.reader_app.display_options)
        hits = quotes_of(self.reader_app.library, self.speaker.name)
        self.hit_list.show(hits)
        status = Text(f"{len(hits):,} quote{'s' * (len(hits) != 1)}", style="bold")
        status.append(f" in {self.speaker.article_count:,} article{'s' * (self.speaker.article_count != 1)}"
                      " · oldest first · Enter opens the article at the quote · Escape back", style="dim")
        self.query_one("#speaker-quotes-status", Static).update(status)
        self.hit_list.focus()

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        event.stop()
        hits = self.hit_list.hits
        if 0 <= event.index < len(hits):
            self.reader_app.open_hit(hits[event.index])

    def action_close(self) -> None:
        self.dismiss()

    def action_select_cursor(self) -> None:
        self.hit_list.action_select_cursor()
