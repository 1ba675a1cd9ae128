"""Paragraphs and headings: lines of text to Sections.

A heading is a short line of its own with no sentence-final punctuation that
is followed by body text; datelines and bylines are not headings. The first
heading is the article's title when it opens the text or follows a single
lead paragraph. Markdown files use their ``#`` headings only.
"""
from __future__ import annotations

import re

from confreader.model import Paragraph, Section

MAX_HEADING_WORDS = 15
_FINAL_PUNCTUATION = set(".!?؟:،,;؛…-–—/\\|»«\"”“)(")
_MARKDOWN_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")  # matched at a line's start
_DIGITS = re.compile(r"\d")
_DASH = re.compile(r"\s[-–—ـ]\s")  # a lone tatweel serves as a dash too ("ماجد هود ـ جدة")
_CLOSING_MARKS = {"»": "«", "”": "“", '"': '"'}
# Month names and calendar words mark a dateline, not a heading.
_DATELINE_WORDS = re.compile(
    r"يناير|فبراير|مارس|أبريل|ابريل|إبريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|"
    r"نوفمبر|ديسمبر|محرم|صفر|ربيع|جمادى|رجب|شعبان|رمضان|شوال|القعدة|الحجة|كانون|شباط|آذار|"
    r"نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين|January|February|March|April|June|July|August|"
    r"September|October|November|December"
)


def _lines(text: str):
    """(start, end) of every non-empty line, trimmed of surrounding white space."""
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            yield start, start + len(stripped)
        pos += len(line) + 1


def _looks_like_heading(line: str) -> bool:
    # A closing mark may end a heading that opened it after its first word: أبو عبيدة «قلب داعش».
    opener = _CLOSING_MARKS.get(line[-1])
    closes_inner = opener is not None and opener in line[1:-1] and line[-2] not in _FINAL_PUNCTUATION
    if line[-1] in _FINAL_PUNCTUATION and not closes_inner or line[0] in "-–—/(":
        return False
    words = line.split()
    if not 2 <= len(words) <= MAX_HEADING_WORDS:
        return False
    if len(_DIGITS.findall(line)) >= 4 or _DATELINE_WORDS.search(line) and _DIGITS.search(line):
        return False
    if _DASH.search(line) and len(words) <= 6:
        return False  # a byline: "داليا أبو العيش – عين اليوم", "الرياض - واس"
    return any(ch.isalpha() for ch in line)


def _is_byline(line: str) -> bool:
    return bool(_DASH.search(line)) and len(line.split()) <= 6 and line[-1] not in _FINAL_PUNCTUATION


def _body_after(text: str, lines: list[tuple[int, int]], i: int) -> str:
    """The line after line i, past a byline (a title, then "فلان – جدة", then the body)."""
    k = i + 1
    if k + 1 < len(lines) and _is_byline(text[lines[k][0]:lines[k][1]]):
        k += 1
    return text[lines[k][0]:lines[k][1]]


def split_sections(text: str, fmt: str = "text") -> tuple[list[Section], str | None]:
    """Sections of the text and the article title (or None)."""
    lines = list(_lines(text))
    headings: dict[int, tuple[int, int]] = {}  # line index -> heading span
    if fmt == "markdown":
        for i, (a, b) in enumerate(lines):
            m = _MARKDOWN_HEADING.match(text, a, b)
            if m and m.group(2):
                headings[i] = (a + m.start(2) - m.start(), a + m.end(2) - m.start())
    else:
        for i, (a, b) in enumerate(lines[:-1]):
            line = text[a:b]
            following = _body_after(text, lines, i)
            # Body text: the next line is longer, or a sentence of its own.
            if _looks_like_heading(line) and (len(following) > len(line) * 1.5
                                              or following[-1] in ".!?؟:،"):
                headings[i] = (a, b)

    sections: list[Section] = []
    current: Section | None = None
    for i, (a, b) in enumerate(lines):
        if i in headings:
            ha, hb = headings[i]
            current = Section(text[ha:hb], (ha, hb), a, b)
            sections.append(current)
            continue
        if current is None:
            current = Section(None, None, a, b)
            sections.append(current)
        current.paragraphs.append(Paragraph(a, b))
        current.end = b

    title = None
    first = next(iter(sorted(headings)), None)
    if first is not None and first <= 1:
        title = text[slice(*headings[first])]
    return sections, title
