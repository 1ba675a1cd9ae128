"""Colours and styles for quotes: one colour per speaker, stable within an article."""
from __future__ import annotations

from rich.style import Style

from confreader.model import Article

# Distinct hues that stay readable on a dark background.
SPEAKER_COLOURS = (
    "#e5c07b", "#61afef", "#98c379", "#c678dd", "#56b6c2",
    "#e06c75", "#d19a66", "#ff79c6", "#8be9fd", "#b8bb26",
)
UNATTRIBUTED_COLOUR = "#a0a0a0"

HEADING_STYLE = Style(bold=True, color="#f0c674")
CURRENT_QUOTE_STYLE = Style(reverse=True, bold=True)
MATCH_STYLE = Style(bgcolor="#b58900", color="#000000", bold=True)


class SpeakerColours:
    """Speaker id -> colour, in the order the speakers appear in the article."""

    def __init__(self, article: Article) -> None:
        self._colours = {speaker.id: SPEAKER_COLOURS[i % len(SPEAKER_COLOURS)]
                         for i, speaker in enumerate(article.speakers)}

    def colour(self, speaker_id: str | None) -> str:
        return self._colours.get(speaker_id, UNATTRIBUTED_COLOUR) if speaker_id else UNATTRIBUTED_COLOUR

    def quote_style(self, speaker_id: str | None, kind: str) -> Style:
        # Indirect (reported) speech is underlined so it is told apart without colour.
        return Style(color=self.colour(speaker_id), underline=kind == "indirect")
