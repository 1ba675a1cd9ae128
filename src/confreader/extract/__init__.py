"""Extraction: article text to sections, quotes and speakers. No UI imports here."""
from __future__ import annotations

from confreader.model import Article, Paragraph, Section


def parse_text(text: str, source: str = "<text>", fmt: str = "text") -> Article:
    """Parse an article's text (plain text or Markdown) into the model."""
    paragraphs = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            paragraphs.append(Paragraph(start, start + len(stripped)))
        pos += len(line) + 1
    sections = [Section(None, None, paragraphs[0].start, paragraphs[-1].end, paragraphs)] if paragraphs else []
    return Article(source=source, text=text, sections=sections)
