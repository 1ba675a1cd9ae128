"""Who may have said each quote: candidate sources and the features that rank them.

The candidates of a quote are the speaker its cue names (the rules' choice),
every source mentioned in its paragraph or the one before, up to a little
after the quote (a trailing "…"، قال فلان), and the speakers of the quotes just
before it. Each candidate is described by generic features — how and where
it is mentioned, distance, sentence and paragraph structure, the cue verb's
gender against the speaker's, what kind of source it is — never by words of
particular articles, so a model trained on some articles carries to others.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from confreader.extract.arabic import fold_word
from confreader.extract.cues import CueEvent
from confreader.model import Speaker

TRAILING_WINDOW = 80       # characters after a quote where a source may still be named
RECENT_QUOTES = 3          # speakers of the quotes just before that stay candidates
_SENTENCE_BREAK = re.compile(r"[.!?؟](?=\s)|\n")
_DISTANCE_BUCKETS = (3, 12, 40, 100, 250, 600)


@dataclass(slots=True)
class QuoteSite:
    """A quote as the ranker sees it: its span, kind, paragraph and own cue event."""

    start: int
    end: int
    kind: str
    paragraph: int
    event: CueEvent | None


def _bucket(distance: int) -> str:
    for limit in _DISTANCE_BUCKETS:
        if distance <= limit:
            return str(limit)
    return "far"


class SpeakerFacts:
    """Per-speaker facts the features need, computed once per article."""

    def __init__(self, speakers: list[Speaker], genders: dict[str, str], given_names: set[str],
                 tagged: set[str] = frozenset()):
        self.tagged = tagged  # found by the mention tagger only, not by the rules
        self.kind = {s.id: s.kind for s in speakers}
        self.gender = genders
        self.words = {s.id: len(s.name.split()) for s in speakers}
        self.role_only = {s.id: s.name in s.roles or not s.name.strip() for s in speakers}
        self.titled = {s.id: bool(s.titles) for s in speakers}
        self.with_role = {s.id: bool(s.roles) for s in speakers}
        self.mentions = {s.id: len(s.mentions) for s in speakers}
        # A name that starts with a conjunction is a parsing slip ("وكانت فلانة"), rarely a source.
        self.conjoined = {}
        for s in speakers:
            first = fold_word(s.name.split()[0]) if s.name.split() else ""
            self.conjoined[s.id] = first.startswith("و") and len(first) > 3 and first not in given_names


def quote_candidates(text: str, sites: list[QuoteSite], speakers: list[Speaker],
                     facts: SpeakerFacts, paragraphs: list[tuple[int, int]]) -> list[list[tuple[str, list[str]]]]:
    """For every quote, its candidates as (speaker id, feature names)."""
    mentions = sorted((a, b, s.id) for s in speakers for a, b in s.mentions)
    mention_starts = [a for a, _, _ in mentions]
    out: list[list[tuple[str, list[str]]]] = []
    previous: list[str] = []  # the rules' speakers of earlier quotes, most recent last
    for site in sites:
        ev = site.event
        pstart, pend = paragraphs[site.paragraph]
        window_start = paragraphs[max(0, site.paragraph - 1)][0]
        window_end = min(pend, site.end + TRAILING_WINDOW)
        before: dict[str, tuple[int, int]] = {}   # sid -> (end of nearest mention before, start)
        after: dict[str, int] = {}                # sid -> start of nearest mention after the quote
        order: list[str] = []                     # sids by their last mention before the quote
        k = bisect_left(mention_starts, window_start)
        while k < len(mentions) and mentions[k][0] < window_end:
            a, b, sid = mentions[k]
            if b <= site.start:
                before[sid] = (b, a)
                if sid in order:
                    order.remove(sid)
                order.append(sid)
            elif a >= site.end and a >= pstart and sid not in after:
                after[sid] = a
            k += 1
        rule = ev.speaker if ev is not None else None
        origin = (ev.origin or "cue") if ev is not None else "none"
        pool = list(dict.fromkeys([*(x for x in [rule] if x), *reversed(order), *after,
                                   *reversed(previous[-RECENT_QUOTES:])]))
        opens = not text[pstart:site.start].strip(' \t"«»“”„‟')
        qf = [f"q:{origin}", f"q:{site.kind}", f"q:n{min(len(pool), 4)}"]
        if opens:
            qf.append("q:opens")
        cands = []
        for sid in pool:
            f = ["b", *qf, f"k:{facts.kind.get(sid, '?')}", f"k:{facts.kind.get(sid, '?')}:{site.kind}",
                 f"nw:{min(facts.words.get(sid, 0), 4)}", f"mc:{min(facts.mentions.get(sid, 0), 4)}"]
            if sid == rule:
                f += [f"r:{origin}", f"r:{origin}:{site.kind}"]
            elif rule is not None:
                f.append(f"nr:{origin}")
            if facts.role_only.get(sid):
                f.append("roleonly")
            if facts.titled.get(sid):
                f.append("titled")
            if facts.with_role.get(sid):
                f.append("hasrole")
            if facts.conjoined.get(sid):
                f.append("conj")
            if sid in facts.tagged:
                f += ["tagged", f"tagged:{facts.kind.get(sid, '?')}"]
            if sid in before:
                b, a = before[sid]
                gap = text[b:site.start]
                same_sentence = not _SENTENCE_BREAK.search(gap)
                same_para = a >= pstart
                loc = "ss" if same_sentence and same_para else "sp" if same_para else "pp"
                f += [f"db:{_bucket(site.start - b)}", f"db:{_bucket(site.start - b)}:{loc}", f"loc:{loc}"]
                if ":" in gap and len(gap) <= 6:
                    f.append("colon")
                rank = len(order) - order.index(sid)
                f.append(f"rk:{min(rank, 4)}")
                f.append(f"rk:{min(rank, 4)}:{loc}")
            else:
                f.append("db:none")
            if sid in after:
                f.append(f"da:{_bucket(after[sid] - site.end)}")
            if previous and sid == previous[-1]:
                f.append("prev1")
                if opens:
                    f.append("prev1:opens")
            elif sid in previous[-RECENT_QUOTES:]:
                f.append("prevk")
            if ev is not None and ev.gender:
                sg = facts.gender.get(sid, "")
                agree = "u" if not sg or "pl" in (sg, ev.gender) else "a" if sg == ev.gender else "d"
                f.append(f"g:{agree}")
            cands.append((sid, f))
        out.append(cands)
        if rule is not None:
            if rule in previous:
                previous.remove(rule)
            previous.append(rule)
    return out
