"""Quotes and speakers in English text, with the English lexicon.

Names are runs of capitalised words; a speaker stands right before its cue
("Lewis said") or right after it ("said James Lewis"); he/she refer back to
the last speaker of that gender. Direct quotes use the same mark pairing as
Arabic; an indirect report is the clause after "said (that)".
"""
from __future__ import annotations

import re
from bisect import bisect_right

from confreader.extract import lexicon_en
from confreader.extract.quotes_direct import find_direct_quotes
from confreader.model import Quote, Speaker

_CUES = "|".join(lexicon_en.REPORTING_VERBS.split() + [p.replace(" ", r"\s+") for p in lexicon_en.SOURCE_PHRASES])
_TITLES = "|".join(lexicon_en.TITLES.split())
_NAME = rf"(?:(?:{_TITLES})\.?\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,3}}"
_PRONOUN = "|".join(lexicon_en.PRONOUNS)
# "Lewis said", "he said", "said James Lewis", "according to the ministry"
_CUE = re.compile(rf"\b(?:(?P<before>{_NAME}|{_PRONOUN}|{_PRONOUN.title()})\s+)?(?P<cue>{_CUES})\b"
                  rf"(?:\s+(?P<after>{_NAME}))?")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def find_quotes_en(text: str, paragraphs: list[tuple[int, int]], section_of) -> tuple[list[Quote], list[Speaker]]:
    speakers: list[Speaker] = []
    by_name: dict[str, Speaker] = {}
    genders: dict[str, str] = {}
    last: list[str] = []

    def speaker_for(name: str | None) -> str | None:
        if not name:
            return last[-1] if last else None
        lowered = name.lower()
        if lowered in lexicon_en.PRONOUNS:
            gender = lexicon_en.PRONOUNS[lowered]
            return next((s for s in reversed(last) if genders.get(s) in (gender, "")), None)
        bare = re.sub(rf"^(?:{_TITLES})\.?\s+", "", name)
        title = name[:len(name) - len(bare)].strip()
        surname = bare.split()[-1]
        sp = by_name.get(surname)
        if sp is None:
            sp = Speaker(f"s{len(speakers) + 1}", bare)
            speakers.append(sp)
            genders[sp.id] = "f" if title.rstrip(".") in ("Mrs", "Ms") else "m" if title.rstrip(".") == "Mr" else ""
        elif len(bare) > len(sp.name):
            sp.name = bare
        if title and title not in sp.titles:
            sp.titles.append(title)
        by_name[surname] = sp
        last.append(sp.id)
        return sp.id

    events = []  # (start, end, cue, speaker, content_start)
    for pstart, pend in paragraphs:
        for m in _CUE.finditer(text, pstart, pend):
            who = m.group("after") if m.group("before") is None else m.group("before")
            sid = speaker_for(who)
            content = m.end("cue")
            if m.group("before") is None and m.group("after"):
                content = len(text)  # "…," said X: the report is the quote before it
            stripped = text[content:pend].lstrip(" ,:")
            if stripped.startswith(lexicon_en.COMPLEMENTISER + " "):
                stripped = stripped[len(lexicon_en.COMPLEMENTISER) + 1:]
            content = pend - len(stripped) if content < len(text) else content
            events.append((m.start("cue"), m.end("cue"), m.group("cue"), sid, content))
            for span in ((m.start("before"), m.end("before")) if m.group("before") else None,
                         (m.start("after"), m.end("after")) if m.group("after") else None):
                if span and sid:
                    sp = speakers[int(sid[1:]) - 1]
                    if text[span[0]:span[1]].lower() not in lexicon_en.PRONOUNS:
                        sp.mentions.append(span)

    direct = find_direct_quotes(text, paragraphs)
    starts = [e[0] for e in events]
    quotes: list[Quote] = []
    for q in direct:
        opening = q.open_mark if q.open_mark is not None else q.start
        closing = (q.close_mark if q.close_mark is not None else q.end) + 1
        k = bisect_right(starts, opening) - 1
        event = None
        if k >= 0 and not _SENTENCE_END.search(text, events[k][1], opening) and opening - events[k][1] < 200:
            event = events[k]
        elif k + 1 < len(events) and events[k + 1][0] - closing < 30:
            event = events[k + 1]
        quotes.append(Quote("", "direct", q.start, q.end, event[2] if event else None,
                            (event[0], event[1]) if event else None, event[3] if event else None,
                            section_of(q.start)))
    covered = [(q.open_mark or q.start, (q.close_mark or q.end)) for q in direct]
    for start, end, cue, sid, content in events:
        if sid is None or content >= len(text) or text[content] in "\"“«'‘":
            continue
        if any(a <= start < b for a, b in covered):
            continue
        m = _SENTENCE_END.search(text, content)
        stop = m.start() if m else len(text)
        clause = text[content:stop]
        if len(clause.split()) >= 2 and not any(c in clause for c in "\"“”«»:"):
            quotes.append(Quote("", "indirect", content, stop, cue, (start, end), sid, section_of(content)))
    quotes.sort(key=lambda q: (q.start, q.end))
    for i, q in enumerate(quotes, 1):
        q.id = f"q{i}"
    return quotes, speakers
