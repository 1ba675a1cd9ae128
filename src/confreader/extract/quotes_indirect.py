"""Indirect quotes: the reported clause after a cue, up to where narration resumes.

The content starts where the cue finder says (after the complementiser, or
right after the subject for verbs that take an object) and ends at the end
of the sentence, or just before narration takes over again: a new cue with
و/ف, a participle cue, كما/وذلك… after a comma, or a colon. Full stops inside direct
quotes do not end it. A report whose content is wholly a direct quote
(قال إن «…») is left to the direct quote.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from confreader.extract import lexicon_ar
from confreader.extract.cues import Coverage, CueEvent

MAX_CLAUSE_CHARS = 1500
MIN_CLAUSE_WORDS = 2
_SENTENCE_END = re.compile(r"[.!?؟](?=\s|$|[\"«»“”])|[!?؟]|\.$")
_TRIM = " \t،,:;؛-–—"
# A comma, then narration words (كما، وذلك…): the reported clause is over.
# So does a colon: what follows it is a new quotation.
_BREAKER = re.compile(r"[،,;]\s*(?:%s)(?!\w)|:" % "|".join(lexicon_ar.CLAUSE_BREAKERS.split()))


def clause_end(text: str, coverage: Coverage, cue_starts: list[int], cue_forms: list,
               start: int, pend: int) -> int:
    limit = min(pend, start + MAX_CLAUSE_CHARS)
    end = limit
    for m in _SENTENCE_END.finditer(text, start, limit):
        inside = coverage.covering(m.start())
        if inside is None or inside[0] < start:
            end = m.start()
            break
    m = _BREAKER.search(text, start, end)
    if m:
        end = m.start()
    # A new cue: with و/ف it starts a new clause; a participle after a comma does too.
    k = bisect_right(cue_starts, start)
    while k < len(cue_starts) and cue_starts[k] < end:
        cue, form = cue_starts[k], cue_forms[k]
        before = text[max(start, cue - 3):cue]
        if (form.prefixed or form.participle and ("،" in before or "," in before)) \
                and coverage.covering(cue) is None:
            return cue
        k += 1
    return end


def indirect_spans(text: str, coverage: Coverage, events: list[CueEvent],
                   cue_words: list[tuple[int, object]], paragraphs: list[tuple[int, int]],
                   quote_by_open: dict[int, int]) -> list[tuple[CueEvent, int, int]]:
    """(event, start, end) for every report with content that is not wholly a direct quote."""
    cue_starts = [c for c, _ in cue_words]
    cue_forms = [f for _, f in cue_words]
    out = []
    seen: set[int] = set()
    for ev in events:
        if ev.content_start is None:
            continue
        pstart, pend = paragraphs[ev.paragraph]
        if ev.before_clause:
            start, end = _clause_before(text, pstart, ev.content_start)
        else:
            start = ev.content_start
            while start < pend and text[start].isspace():
                start += 1
            end = clause_end(text, coverage, cue_starts, cue_forms, start, pend)
            if start in quote_by_open:
                continue  # قال إن «…»: the marks enclose what was said, a direct quote only
        while start < end and text[start] in _TRIM:
            start += 1
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        if len(text[start:end].split()) >= MIN_CLAUSE_WORDS and start not in seen:
            seen.add(start)  # two cues of one report (ومضى … بالقول) give one quote
            out.append((ev, start, end))
    return out


def _clause_before(text: str, pstart: int, comma: int) -> tuple[int, int]:
    """The sentence before a source phrase, without a leading adverb ("ميدانيا، …")."""
    window = max(pstart, comma - MAX_CLAUSE_CHARS)
    start = window
    for m in _SENTENCE_END.finditer(text, window, comma):
        start = m.end()
    first_comma = text.find("،", start, comma)
    if first_comma >= 0 and len(text[start:first_comma].split()) <= 2:
        start = first_comma + 1
    return start, comma
