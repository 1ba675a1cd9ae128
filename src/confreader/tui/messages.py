"""Messages the navigation widgets post upward to the reader screen."""
from __future__ import annotations

from textual.message import Message


class SectionChosen(Message):
    def __init__(self, section: int) -> None:
        super().__init__()
        self.section = section


class QuoteChosen(Message):
    """A quote picked in the quotes pane or clicked in the article."""

    def __init__(self, quote_id: str, scroll: bool = True) -> None:
        super().__init__()
        self.quote_id = quote_id
        self.scroll = scroll


class SpeakerChosen(Message):
    """A speaker picked in the speakers pane; None means every speaker."""

    def __init__(self, speaker_id: str | None) -> None:
        super().__init__()
        self.speaker_id = speaker_id


class SectionReached(Message):
    """The article pane scrolled into another section."""

    def __init__(self, section: int) -> None:
        super().__init__()
        self.section = section
