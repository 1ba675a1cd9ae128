"""The article model: plain data, no UI imports.

Every span is a ``(start, end)`` pair of character offsets into
``Article.text`` with ``end`` exclusive, so ``article.text[start:end]`` is
exactly the item. Nothing downstream edits the text; it only points into it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Span = tuple[int, int]
QuoteKind = Literal["direct", "indirect"]
SpeakerKind = Literal["person", "organisation", "unnamed"]
Direction = Literal["rtl", "ltr"]


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int


@dataclass(slots=True)
class Section:
    """A heading (or none, for text before the first heading) and its paragraphs.

    ``start``/``end`` cover the heading line and every paragraph under it.
    """

    heading: str | None
    heading_span: Span | None
    start: int
    end: int
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass(slots=True)
class Speaker:
    id: str
    name: str
    titles: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    kind: SpeakerKind = "person"
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    id: str
    kind: QuoteKind
    start: int
    end: int
    cue: str | None = None
    cue_span: Span | None = None
    speaker: str | None = None  # a Speaker.id, or None when nobody can be named
    section: int = 0


@dataclass(slots=True)
class Article:
    source: str
    text: str
    title: str | None = None
    language: str = "ar"
    direction: Direction = "rtl"
    sections: list[Section] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)

    def quote_text(self, quote: Quote) -> str:
        return self.text[quote.start:quote.end]

    def speaker_by_id(self, speaker_id: str | None) -> Speaker | None:
        if speaker_id is None:
            return None
        return next((s for s in self.speakers if s.id == speaker_id), None)

    def paragraphs(self) -> list[Paragraph]:
        return [p for s in self.sections for p in s.paragraphs]
