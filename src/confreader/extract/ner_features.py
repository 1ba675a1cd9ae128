"""Features of words for the mention tagger: shape, affixes, clitics, lexicon classes,
name lists, corpus statistics, and the same for the words around them.

Training (``confreader.train.ner``) and tagging (``mentions``) both call
``sentence_features``, so a model sees at run time exactly what it learned from.
A word is a run of letters (``arabic.WORD``); punctuation is not a token but a
feature of the gap before a word, so ANERcorp's tokens and article text give
the same sequences.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from confreader.extract.arabic import WORD, fold_word
from confreader.extract.lexicon import ARABIC

PROCLITICS = "وفبلك"
_QUOTE_MARKS = frozenset('"«»“”„‟')


def _lexicon_classes() -> dict[str, tuple[str, ...]]:
    """Folded word -> names of the lexicon lists it belongs to."""
    lx = ARABIC
    lists = {
        "title": lx.titles | lx.title_tails, "role": lx.role_heads, "org": lx.org_heads,
        "unn": lx.unnamed_heads, "given": lx.given_names | lx.ambiguous_given_names,
        "link": lx.name_links | lx.name_tails, "cue": set(lx.cues), "stop": lx.non_name,
        "stmt": lx.statement_nouns, "place": lx.place_nouns, "adv": lx.adverbials,
        "ptitle": lx.pronoun_titles, "pl": lx.plural_sources, "src": set(lx.source_after),
    }
    out: dict[str, list[str]] = {}
    for name, words in sorted(lists.items()):
        for w in words:
            out.setdefault(w, []).append(name)
    return {w: tuple(v) for w, v in out.items()}


LEXICON_CLASSES = _lexicon_classes()


@dataclass(slots=True)
class WordStats:
    """What the unlabeled corpus and the name lists say about folded words.

    ``buckets[w]`` is a short string of bucket letters, one per statistic (see
    ``confreader.train.ner.STAT_NAMES``); ``names[w]`` is "g" (given name), "s"
    (surname) or "gs" from the name lists.
    """
    buckets: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    stat_names: tuple[str, ...] = ()
    model_digest: str = ""  # SHA-256 of the CRF file trained with this table
    clusters: dict[str, str] = field(default_factory=dict)  # "coarse.fine" cluster ids
    cache: dict[str, tuple[list[str], tuple[list[str], ...]]] = field(default_factory=dict)


def stem_candidates(w: str) -> list[str]:
    """The word without a proclitic (و، ف، ب، ل، ك, then و+ب/ل) when enough is left."""
    out = []
    if len(w) > 3 and w[0] in PROCLITICS:
        out.append(w[1:])
        if len(w) > 4 and w[0] in "وف" and w[1] in "بلك":
            out.append(w[2:])
    return out


def _word_features(w: str, stats: WordStats) -> list[str]:
    """Everything about one folded word on its own."""
    f = [f"w={w}", f"p2={w[:2]}", f"p3={w[:3]}", f"s1={w[-1:]}", f"s2={w[-2:]}", f"s3={w[-3:]}",
         f"len={min(len(w), 9)}"]
    f += [f"lx={c}" for c in LEXICON_CLASSES.get(w, ())]
    if not w.isalpha():
        f.append("digit" if any(c.isdigit() for c in w) else "mixed")
    elif w.isascii():
        f.append("latin")
    for k, stem in enumerate(stem_candidates(w)):
        f.append(f"stem{k}={stem}")
        f += [f"stemlx={c}" for c in LEXICON_CLASSES.get(stem, ())]
        n = stats.names.get(stem)
        if n:
            f.append(f"stemname={n}")
        if k == 0 and stem in stats.buckets:  # how the word behaves without its proclitic
            f += _corpus_features(stem, stats, "stem:")
            f += _cluster_features(stem, stats, "stem:")
    if w.startswith("ال") and len(w) > 4:
        bare = w[2:]
        f.append(f"bare={bare}")
        n = stats.names.get(bare)
        if n:
            f.append(f"barename={n}")
    n = stats.names.get(w)
    if n:
        f.append(f"name={n}")
    f += _corpus_features(w, stats, "")
    return f + _cluster_features(w, stats, "")


def _cluster_features(w: str, stats: WordStats, prefix: str) -> list[str]:
    c = stats.clusters.get(w)
    if c is None:
        stem = next((s for s in stem_candidates(w) if s in stats.clusters), None)
        if stem is None:
            return []
        c, prefix = stats.clusters[stem], prefix + "stem"
    coarse, fine = c.split(".")
    return [f"{prefix}cc={coarse}", f"{prefix}cf={fine}"]


def _corpus_features(w: str, stats: WordStats, prefix: str) -> list[str]:
    b = stats.buckets.get(w)
    if b is None:
        return [f"{prefix}rare"]
    return [f"{prefix}{name}={letter}" for name, letter in zip(stats.stat_names, b)]


def _neighbour_features(w: str, stats: WordStats, d: int) -> list[str]:
    """What a word tells the words d positions away: itself, its lexicon classes, and
    (next to it) whether it is a listed name and how it behaves in the corpus."""
    f = [f"{d}:w={w}"] + [f"{d}:lx={c}" for c in LEXICON_CLASSES.get(w, ())]
    if abs(d) == 1:
        n = stats.names.get(w)
        if n:
            f.append(f"{d}:name={n}")
        f += _corpus_features(w, stats, f"{d}:")
        f += _cluster_features(w, stats, f"{d}:")
    return f


_OFFSETS = (-2, -1, 1, 2)


def _cached(w: str, stats: WordStats) -> tuple[list[str], tuple[list[str], ...]]:
    """A word's own features and what it gives each neighbour offset: computed once
    per word (news text repeats its words), bounded like the fold cache."""
    hit = stats.cache.get(w)
    if hit is None:
        if len(stats.cache) > MAX_FEATURE_CACHE:
            stats.cache.clear()
        own = _word_features(w, stats)
        near = [_neighbour_features(w, stats, d) for d in _OFFSETS]
        hit = stats.cache[w] = (own, tuple(near))
    return hit


MAX_FEATURE_CACHE = 100_000
_EDGES = {d: [f"{d}:edge"] for d in _OFFSETS}


def _gap_features(gap: str, prefix: str) -> list[str]:
    f = []
    if "\n" in gap:
        f.append(f"{prefix}nl")
    stripped = gap.strip()
    if stripped:
        for ch, name in ((",", "comma"), ("،", "comma"), (":", "colon"), (".", "stop"),
                         ("(", "paren"), (")", "paren"), ("-", "dash"), ("–", "dash")):
            if ch in stripped:
                f.append(f"{prefix}{name}")
        if not _QUOTE_MARKS.isdisjoint(stripped):
            f.append(f"{prefix}quote")
    return f


def sentence_features(words: list[str], gaps: list[str], stats: WordStats) -> list[list[str]]:
    """One feature list per word of a sentence (folded words, the gap before each)."""
    n = len(words)
    cache = stats.cache
    cached = [cache.get(w) or _cached(w, stats) for w in words]
    before = [_gap_features(g, "g0:") if g.strip() or "\n" in g else _NO_FEATURES for g in gaps]
    after = [[x.replace("g0:", "g1:", 1) for x in f] if f else _NO_FEATURES for f in before[1:]]
    after.append(_NO_FEATURES)
    far_left, left, right, far_right = ([_EDGES[d]] * abs(d) for d in _OFFSETS)
    far_left += [c[1][0] for c in cached[:-2]]
    left += [c[1][1] for c in cached[:-1]]
    right = [c[1][2] for c in cached[1:]] + right
    far_right = [c[1][3] for c in cached[2:]] + far_right
    bigrams = [f"{a}|{b}" for a, b in zip(words, words[1:])]
    out = []
    for i in range(n):
        f = [*cached[i][0], *before[i], *after[i], *far_left[i], *left[i], *right[i], *far_right[i]]
        if i:
            f.append("bi-1=" + bigrams[i - 1])
        if i + 1 < n:
            f.append("bi+1=" + bigrams[i])
        out.append(f)
    return out


_NO_FEATURES: list[str] = []


def fold(word: str) -> str:
    return fold_word(word).lower()


_SENTENCE_END = re.compile(r"[.!?؟](?=\s)|\n")


def sentence_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] cut after sentence-final punctuation and at line ends."""
    out, a = [], start
    for m in _SENTENCE_END.finditer(text, start, end):
        if text[a:m.end()].strip():
            out.append((a, m.end()))
        a = m.end()
    if text[a:end].strip():
        out.append((a, end))
    return out


@dataclass(slots=True)
class Sentence:
    """The words of one sentence: offsets into the text, folded forms, the gap before each."""
    starts: list[int]
    ends: list[int]
    words: list[str]
    gaps: list[str]


def sentence_words(text: str, start: int, end: int) -> Sentence:
    matches = list(WORD.finditer(text, start, end))
    starts = [m.start() for m in matches]
    ends = [m.end() for m in matches]
    words = [fold(m.group()) for m in matches]
    gaps = [text[(ends[i - 1] if i else start):starts[i]] for i in range(len(matches))]
    keep = [i for i, w in enumerate(words) if w]  # a lone vowel or tatweel is no word
    if len(keep) < len(words):
        starts, ends = [starts[i] for i in keep], [ends[i] for i in keep]
        words, gaps = [words[i] for i in keep], [gaps[i] for i in keep]
    return Sentence(starts, ends, words, gaps)
