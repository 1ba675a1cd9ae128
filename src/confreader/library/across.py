"""Speakers across a whole library, merged by folded name, and everything one of them said.

An on-disk index answers these itself (SqliteLibrary.archive_speakers and
speaker_quotes); for a library without them (the articles open in memory)
speakers_across() and quotes_of() compute the same from the ArticleLibrary
protocol, so the reader's speakers screen works over either.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from confreader.library.api import ArticleLibrary, QuoteHit
from confreader.library.folding import fold_query, fold_text


@dataclass(frozen=True)
class ArchiveSpeaker:
    name: str                   # as most often written
    titles: tuple[str, ...]     # every title and role met, most frequent first
    roles: tuple[str, ...]
    article_count: int
    quote_count: int


def speaker_key(name: str) -> str:
    """What merges two speakers: the folded name, spaces collapsed."""
    return " ".join(fold_text(name).split())


def speakers_across(library: ArticleLibrary, query: str = "", limit: int = 200) -> list[ArchiveSpeaker]:
    """Speakers whose folded name or a title contains the folded query (every speaker for a
    blank one), merged across articles, most quotes first, at most `limit`."""
    own = getattr(library, "archive_speakers", None)
    if own is not None:
        return list(own(query, limit))
    names: dict[str, Counter] = defaultdict(Counter)
    titles: dict[str, Counter] = defaultdict(Counter)
    roles: dict[str, Counter] = defaultdict(Counter)
    articles: Counter = Counter()
    quotes: Counter = Counter()
    for summary in library.list():
        for speaker in library.speakers(summary.id):
            key = speaker_key(speaker.name)
            names[key][speaker.name] += 1
            titles[key].update(speaker.titles)
            roles[key].update(speaker.roles)
            articles[key] += 1
            quotes[key] += speaker.quote_count
    folded_query = fold_query(query)
    found = [ArchiveSpeaker(names[key].most_common(1)[0][0], tuple(t for t, _ in titles[key].most_common()),
                            tuple(r for r, _ in roles[key].most_common()), articles[key], quotes[key])
             for key in names
             if not folded_query or folded_query in key
             or any(folded_query in fold_text(title) for title in titles[key])]
    found.sort(key=lambda s: (-s.quote_count, speaker_key(s.name)))
    return found[:max(0, limit)]


def quotes_of(library: ArticleLibrary, name: str) -> list[QuoteHit]:
    """Every quote of the speakers merged under `name`, oldest article first (undated last)."""
    own = getattr(library, "speaker_quotes", None)
    if own is not None:
        return list(own(name))
    key = speaker_key(name)
    dated: list[tuple[str, int, QuoteHit]] = []
    for position, summary in enumerate(library.list()):
        ids = {s.speaker_id for s in library.speakers(summary.id) if speaker_key(s.name) == key}
        if not ids:
            continue
        article = library.get(summary.id)
        for quote in article.quotes:
            if quote.speaker in ids:
                speaker = article.speaker_by_id(quote.speaker)
                hit = QuoteHit(summary.id, quote.id, quote.kind, speaker.name if speaker else name,
                               summary.title, quote.start, quote.end, ())
                dated.append((summary.date or "\uffff", position, hit))
    dated.sort(key=lambda item: (item[0], item[1]))
    return [hit for _, _, hit in dated]
