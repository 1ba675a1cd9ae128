"""Who said each direct quote: the cue before it in its sentence, a cue right
after it, or — for a quote that opens its paragraph — whoever was quoted last."""
from __future__ import annotations

import re
from bisect import bisect_left

from confreader.extract.cues import CueEvent
from confreader.extract.quotes_direct import DirectQuote

MAX_CUE_DISTANCE = 400   # characters from a cue to the quote it introduces
MAX_TRAILING_CUE = 40    # characters from a quote's end to a cue after it ("…"، قال)
_SENTENCE_BREAK = re.compile(r"[.!?؟](?=\s)|\n")
_NON_SPACE = re.compile(r"\S")
MAX_NAME_GAP = 40
# What may stand between a name and its quote: a handle, a colon, marks, spaces.
_NON_NAME_GAP = re.compile(r"@\w+|[\s:\u200e\u200f،,\"«»“”]")


def attribute_direct(text: str, quotes: list[DirectQuote], events: list[CueEvent],
                     paragraphs: list[tuple[int, int]], para_of,
                     mentions: list[tuple[int, str]]) -> list[CueEvent | None]:
    """The cue event of every direct quote (None when no speaker can be recovered).
    ``mentions`` are (end offset, speaker id) of every speaker mention, sorted."""
    starts = [e.start for e in events]
    mention_ends = [end for end, _ in mentions]
    result: list[CueEvent | None] = []
    last: CueEvent | None = None
    for q in quotes:
        opening = q.open_mark if q.open_mark is not None else q.start
        closing = q.close_mark if q.close_mark is not None else q.end
        p = para_of(opening)
        pstart = paragraphs[p][0]
        found = None
        k = bisect_left(starts, opening) - 1
        if k >= 0:
            ev = events[k]  # the nearest cue before the quote, in its sentence
            if ev.paragraph == p and ev.end <= opening and opening - ev.end <= MAX_CUE_DISTANCE \
                    and not _SENTENCE_BREAK.search(text, ev.end, opening):
                found = ev
        if found is None:
            k = bisect_left(starts, closing)
            if k < len(events) and events[k].paragraph == p and events[k].start - closing <= MAX_TRAILING_CUE \
                    and not _SENTENCE_BREAK.search(text, closing + 1, events[k].start):
                found = events[k]
        if found is None:
            # A quote right after a name (a tweet: "فلان ‏@handle «…»") is that person's.
            k = bisect_left(mention_ends, opening + 1) - 1
            if k >= 0 and opening - mention_ends[k] <= MAX_NAME_GAP \
                    and not _NON_NAME_GAP.sub("", text[mention_ends[k]:opening]):
                found = CueEvent(mention_ends[k], mention_ends[k], "", mentions[k][1], p, inherited=True,
                                 origin="name")
        if found is None and last is not None and not _NON_SPACE.search(text, pstart, opening):
            found = CueEvent(last.start, last.end, last.lemma, last.speaker, last.paragraph, inherited=True,
                             origin="previous", gender=last.gender)
        if found is not None and found.speaker is not None:
            last = found
        result.append(found)
    return result
