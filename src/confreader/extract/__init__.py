"""Extraction: article text to sections, quotes and speakers. No UI imports here."""
from __future__ import annotations

from bisect import bisect_right

from confreader.extract.arabic import detect_language
from confreader.extract.attribution import attribute_direct
from confreader.extract.attribution_model import ModelError, attribution_model
from confreader.extract.candidates import QuoteSite, SpeakerFacts, quote_candidates
from confreader.extract.cues import Coverage, CueEvent, CueFinder
from confreader.extract.lexicon import ARABIC
from confreader.extract.quotes_direct import find_direct_quotes
from confreader.extract.quotes_indirect import indirect_spans
from confreader.extract.quote_filter import direct_features, quote_filter
from confreader.extract.sections import split_sections
from confreader.extract.tagged_sources import add_tagged_sources
from confreader.model import Article, Quote

__all__ = ["ModelError", "parse_text", "parse_with_candidates"]

# No article has this many quotes; a file that does (marks everywhere) keeps its first ones,
# so time and memory stay bounded and the reader stays usable.
MAX_QUOTES = 20_000


def parse_text(text: str, source: str = "<text>", fmt: str = "text") -> Article:
    """Parse an article's text (plain text or Markdown) into the model.
    Raises ModelError (naming the file) when the attribution model cannot be read."""
    article, ranked, speech = parse_with_candidates(text, source, fmt)
    if ranked:
        model = attribution_model()
        for quote, cands in zip(article.quotes, ranked):
            quote.speaker = model.choose(cands)
        keep = quote_filter()
        quotes = [q for q, features in zip(article.quotes, speech) if features is None or keep.keeps(features)]
        if len(quotes) < len(article.quotes):
            for number, quote in enumerate(quotes, 1):
                quote.id = f"q{number}"
            article.quotes = quotes
    return article


def parse_with_candidates(text: str, source: str = "<text>", fmt: str = "text"):
    """The article with the rules' quotes and speakers, every quote's candidate sources
    (empty when there is nothing to rank), and every direct quote's features for the quote
    filter (None for indirect ones): (article, candidates, features). The trainers learn from these."""
    sections, title = split_sections(text, fmt)
    language = detect_language(text)
    article = Article(source=source, text=text, title=title, language=language,
                      direction="rtl" if language == "ar" else "ltr", sections=sections)
    paragraphs = [(p.start, p.end) for s in sections for p in s.paragraphs]
    if not paragraphs:
        return article, [], []
    if language == "en":
        from confreader.extract.english import find_quotes_en
        article.quotes, article.speakers = find_quotes_en(text, paragraphs, _section_index(sections))
        return article, [], []

    direct = find_direct_quotes(text, paragraphs)
    coverage = Coverage([(q.open_mark if q.open_mark is not None else q.start,
                          (q.close_mark + 1) if q.close_mark is not None else q.end) for q in direct])
    finder = CueFinder(text, ARABIC, coverage)
    events = finder.find(paragraphs)
    para_starts = [a for a, _ in paragraphs]

    def para_of(pos: int) -> int:
        return max(0, bisect_right(para_starts, pos) - 1)

    # Opening mark -> closing mark of every paired quote: a report that starts at one is direct.
    quote_by_open = {q.open_mark: q.close_mark for q in direct
                     if q.open_mark is not None and q.close_mark is not None}
    section_of = _section_index(sections)
    mentions = sorted((end, sp.id) for sp in finder.registry.speakers for _, end in sp.mentions)
    found: list[tuple[int, int, str, CueEvent | None]] = [
        (q.start, q.end, "direct", ev)
        for q, ev in zip(direct, attribute_direct(text, direct, events, paragraphs, para_of, mentions))]
    found += [(start, end, "indirect", ev) for ev, start, end in
              indirect_spans(text, coverage, events, finder.cue_words, paragraphs, quote_by_open)]
    found.sort(key=lambda f: (f[0], f[1]))
    quotes = []
    found = found[:MAX_QUOTES]
    for start, end, kind, ev in found:
        own_cue = ev is not None and not ev.inherited
        quotes.append(Quote(f"q{len(quotes) + 1}", kind, start, end,
                            cue=text[ev.start:ev.end] if own_cue else None,
                            cue_span=(ev.start, ev.end) if own_cue else None,
                            speaker=ev.speaker if ev is not None else None,
                            section=section_of(start)))
    article.quotes = quotes
    article.speakers = finder.registry.speakers
    if not quotes:
        return article, [], []
    registry = finder.registry
    sites = [QuoteSite(start, end, kind, para_of(start), ev) for start, end, kind, ev in found]
    tagged = add_tagged_sources(text, sites, registry, finder.parser)
    if registry.merged:  # one person found under two names: every quote follows the merge
        for site, quote in zip(sites, quotes):
            if site.event is not None:
                site.event.speaker = registry.live(site.event.speaker)
            quote.speaker = registry.live(quote.speaker)
        article.speakers = [sp for sp in registry.speakers if sp.id not in registry.merged]
    speakers = article.speakers
    facts = SpeakerFacts(speakers, {sp.id: registry.gender(sp.id) for sp in speakers},
                         ARABIC.given_names, tagged)
    direct_by_start = {q.start: q for q in direct}
    speech = [direct_features(text, direct_by_start[s.start], s.event, paragraphs[s.paragraph][0])
              if s.kind == "direct" else None for s in sites]
    return article, quote_candidates(text, sites, speakers, facts, paragraphs), speech


def _section_index(sections):
    starts = [s.start for s in sections]

    def section_of(pos: int) -> int:
        return max(0, bisect_right(starts, pos) - 1)

    return section_of
