"""A growing index of folded texts (quotes, speaker names), searched with str.find at C speed.

Folded texts are concatenated, separated by NUL, into segments of about a
million characters: one str.find scans a whole segment, so a keystroke costs a
few Python steps per segment instead of one per quote. Segments only grow
(appends) and are then sealed, so a search can run on a snapshot while
loading threads keep adding.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from confreader.library.folding import fold_text

Entry = TypeVar("Entry")

_SEPARATOR = "\x00"
_SEGMENT_CHARS = 1 << 20


@dataclass(frozen=True)
class _Segment(Generic[Entry]):
    text: str
    starts: list[int]        # where each entry's folded text starts in `text`; may grow past `count`
    entries: list[Entry]     # parallel to starts
    count: int               # how many of starts/entries this snapshot covers

    def containing(self, folded_query: str) -> Iterator[tuple[Entry, str]]:
        text, starts, count = self.text, self.starts, self.count
        pos = text.find(folded_query)
        while pos != -1:
            k = bisect_right(starts, pos, 0, count) - 1
            after = starts[k + 1] if k + 1 < count else len(text)
            yield self.entries[k], text[starts[k]:after - 1]
            pos = text.find(folded_query, after)


class FoldedTextIndex(Generic[Entry]):
    """Not thread-safe by itself: the owner serialises add() and snapshot()."""

    def __init__(self) -> None:
        self._sealed: list[_Segment[Entry]] = []
        self._new_segment()

    def _new_segment(self) -> None:
        self._parts: list[str] = []
        self._starts: list[int] = []
        self._entries: list[Entry] = []
        self._size = 0
        self._open_snapshot: _Segment[Entry] | None = None

    def add(self, text: str, entry: Entry) -> None:
        """Index one original text, to be reported as `entry` when it matches."""
        folded = fold_text(text)
        self._starts.append(self._size)
        self._entries.append(entry)
        self._parts.append(folded + _SEPARATOR)
        self._size += len(folded) + 1
        self._open_snapshot = None
        if self._size >= _SEGMENT_CHARS:
            self._sealed.append(self._snapshot_open())
            self._new_segment()

    def _snapshot_open(self) -> _Segment[Entry]:
        if self._open_snapshot is None:
            self._open_snapshot = _Segment("".join(self._parts), self._starts, self._entries, len(self._starts))
        return self._open_snapshot

    def snapshot(self) -> list[_Segment[Entry]]:
        """The segments as they are now; later adds don't change what a snapshot sees."""
        return [*self._sealed, self._snapshot_open()]


def entries_containing(snapshot: list[_Segment[Entry]], folded_query: str) -> Iterator[tuple[Entry, str]]:
    """(entry, its folded text) for each entry whose folded text contains folded_query,
    in the order they were added."""
    if not folded_query or _SEPARATOR in folded_query:
        return
    for segment in snapshot:
        yield from segment.containing(folded_query)
