"""Sources the rules could not name, from the learned mention tagger.

The rules read a quote's source from its cue's subject; when that gives only
a role (وقال وزير النفط …), the tagger reads the words around the quote — the
cue and its subject (or the sentence before), a little after — and its person, organisation and unnamed-source mentions join the speakers: a
person right after a role-only source becomes that source's name (one
person with a role, not two speakers); the others become candidates for the
attribution ranker. Only these few windows are tagged, within a budget per
article (see TAGGED_CHARS_BASE), which keeps the parser fast.
"""
from __future__ import annotations

from confreader.extract.candidates import QuoteSite
from confreader.extract.mentions import find_mentions
from confreader.extract.speakers import SourceParser, SpeakerRegistry
from confreader.extract.tokens import Tokens

NAME_WINDOW = 60      # characters after a role where its holder's name may be
ROLE_GAP = 3          # how far after a role a name may start and still be its holder
# How many characters one article may have tagged: the tagger reads ~0.1 MB/s, the rules ~5,
# so a page of text plus a small share of a long one keeps the whole parse fast and bounded.
TAGGED_CHARS_BASE = 1200
TAGGED_SHARE = 50
_KINDS = {"person": "person", "organisation": "organisation", "unnamed": "unnamed", "group": "unnamed"}


def _role_only_sources(sites: list[QuoteSite], registry: SpeakerRegistry) -> list[str]:
    """The sources of quotes known by a role only, in order of first quote.
    Only these are tagged: tagging every quote without a source too finds 22 more right
    candidates over the 101 gold articles, but drops the parse from ~3.3 to ~2.2 MB/s."""
    out: dict[str, None] = {}
    for site in sites:
        sid = site.event.speaker if site.event is not None else None
        if sid is not None and registry.is_role_only(sid):
            out[sid] = None
    return list(out)


def add_tagged_sources(text: str, sites: list[QuoteSite], registry: SpeakerRegistry,
                       parser: SourceParser) -> set[str]:
    """Register the tagger's sources near quotes the rules left unnamed; returns the ids
    of speakers that only the tagger found."""
    windows, budget = [], TAGGED_CHARS_BASE + len(text) // TAGGED_SHARE
    for sid in _role_only_sources(sites, registry):
        for a, b in registry.speakers[int(sid[1:]) - 1].mentions:
            # The role and the words right after it, in its paragraph.
            line_end = text.find("\n", b, b + NAME_WINDOW)
            end = line_end if line_end >= 0 else min(len(text), b + NAME_WINDOW)
            budget -= end - a
            if budget < 0:
                break  # later sources keep what the rules found: time stays bounded
            windows.append((a, end))
        if budget < 0:
            break
    if not windows:
        return set()
    found: set[str] = set()
    for m in find_mentions(text, windows):
        kind = _KINDS.get(m.kind)
        if kind is None:
            continue
        tk = Tokens(text, m.start, m.end)
        if not len(tk):
            continue
        mention = parser.mention_of(tk, kind)
        holder = registry.role_only_before(m.start, ROLE_GAP, text) if kind == "person" else None
        if holder is not None:
            registry.name_role_holder(holder, mention)
            continue
        before = len(registry.speakers)
        sid = registry.resolve(mention)
        if len(registry.speakers) > before:
            found.add(sid)
    return found
