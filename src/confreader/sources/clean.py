"""Cleaning decoded text: no terminal control sequences, no lone surrogates, LF newlines.

Text from a file is data, never commands: a string that reaches a terminal must
not be able to move the cursor, set the title or write the clipboard (OSC 52).
Cleaning only deletes characters or replaces one character by one, so offsets
into the raw text can be carried over to the clean text (``OffsetMap``).
"""
from __future__ import annotations

import html
import re
from bisect import bisect_right

# Terminal escape sequences (CSI, OSC, DCS/APC/PM/SOS strings, two-byte ESC
# sequences, 8-bit CSI/OSC), then any other C0/C1 control but tab, LF and CR: deleted.
_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"
    r"|\x1b[@-Z\\-_]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x9d[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)
# Searching for one character class is fast, an alternation tried at every position
# is not: the sequences are matched only where a control character was found.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CR_BEFORE_LF = re.compile(r"\r(?=\n)")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_NEEDS_CLEANING = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _deleted_spans(text: str) -> list[tuple[int, int]]:
    """Where cleaning deletes characters of ``text``, in order, not overlapping."""
    spans = [(0, 1)] if text.startswith("\ufeff") else []
    control = _CONTROL.search(text)
    while control is not None:
        sequence = _SEQUENCE.match(text, control.start())  # every alternative starts with a control
        spans.append(sequence.span())  # type: ignore[union-attr]
        control = _CONTROL.search(text, sequence.end())  # type: ignore[union-attr]
    if "\r" in text:
        spans += [m.span() for m in _CR_BEFORE_LF.finditer(text)]
        spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:  # a CR inside an escape sequence already deleted
            continue
        merged.append((start, end))
    return merged


def _cleaned(text: str, deleted: list[tuple[int, int]]) -> str:
    if deleted:
        pieces, at = [], 0
        for start, end in deleted:
            pieces.append(text[at:start])
            at = end
        pieces.append(text[at:])
        text = "".join(pieces)
    # One character replaced by one: a lone CR is a newline, a lone surrogate (from a
    # JSON escape such as "\ud800") cannot be encoded and becomes U+FFFD.
    if "\r" in text:
        text = text.replace("\r", "\n")
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text


def clean_text(text: str) -> str:
    """``text`` without control sequences or lone surrogates, with LF newlines."""
    return clean_text_mapped(text)[0]


def clean_label(text: str) -> str:
    """A one-line field (title, name, kind, date): cleaned, line breaks and tabs as spaces."""
    return " ".join(clean_text(text).split()) if not text.isprintable() else text


class OffsetMap:
    """Where each offset of a raw text lands in its cleaned text."""

    def __init__(self, deleted: list[tuple[int, int]]):
        self._starts = [start for start, _ in deleted]
        self._ends = [end for _, end in deleted]
        self._before: list[int] = []  # characters deleted before each deleted range
        total = 0
        for start, end in deleted:
            self._before.append(total)
            total += end - start

    def __call__(self, offset: int) -> int:
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return offset
        if offset < self._ends[i]:  # inside a deleted range: where that range was
            return self._starts[i] - self._before[i]
        return offset - self._before[i] - (self._ends[i] - self._starts[i])


def clean_text_mapped(text: str) -> tuple[str, OffsetMap | None]:
    """The cleaned text, and how raw offsets map into it (None when nothing was deleted)."""
    if not (_NEEDS_CLEANING.search(text) or text.startswith("\ufeff")):
        return text, None
    deleted = _deleted_spans(text)
    return _cleaned(text, deleted), (OffsetMap(deleted) if deleted else None)


# Only entities closed by a semicolon: HTML also decodes "&para" without one,
# which would turn "&parameter" in ordinary text into "¶meter".
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_entities(text: str) -> str:
    """HTML character references (``&quot;``, ``&#8220;``, ``&nbsp;``) as the characters they name."""
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group()), text)
