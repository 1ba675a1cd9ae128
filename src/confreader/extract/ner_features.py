"""Features of words for the mention tagger: shape, affixes, clitics, lexicon classes,
name lists, corpus statistics, and the same for the words around them.

Training (``confreader.train.ner``) and tagging (``mentions``) both call
``sentence_features``, so a model sees at run time exactly what it learned from.
A word is a run of letters (``arabic.WORD``); punctuation is not a token but a
feature of the gap before a word, so ANERcorp's tokens and article text give
the same sequences.
"""
from __future__ import annotations

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


def stem_candidates(w: str) -> list[str]:
    """The word without a proclitic (و، ف، ب، ل، ك, then و+ب/ل) when enough is left."""
    out = []
    if len(w) > 3 and w[0] in PROCLITICS:
        out.append(w[1:])
        if len(w) > 4 and w[0] in "وف" and w[1] in "بلك":
            out.append(w[2:])
    return out


def _word_features(w: str, stats: WordStats, prefix: str, full: bool) -> list[str]:
    """Features of one folded word, named with ``prefix`` (the word's offset)."""
    f = [f"{prefix}w={w}"]
    for c in LEXICON_CLASSES.get(w, ()):
        f.append(f"{prefix}lx={c}")
    bare = w[2:] if w.startswith("ال") and len(w) > 4 else ""
    if full:
        f += [f"{prefix}p2={w[:2]}", f"{prefix}p3={w[:3]}", f"{prefix}s2={w[-2:]}",
              f"{prefix}s3={w[-3:]}", f"{prefix}s1={w[-1:]}", f"{prefix}len={min(len(w), 9)}"]
        if not w.isalpha():
            f.append(f"{prefix}digit" if any(c.isdigit() for c in w) else f"{prefix}mixed")
        elif w.isascii():
            f.append(f"{prefix}latin")
        for k, stem in enumerate(stem_candidates(w)):
            f.append(f"{prefix}stem{k}={stem}")
            for c in LEXICON_CLASSES.get(stem, ()):
                f.append(f"{prefix}stemlx={c}")
            n = stats.names.get(stem)
            if n:
                f.append(f"{prefix}stemname={n}")
        if bare:
            f.append(f"{prefix}bare={bare}")
            n = stats.names.get(bare)
            if n:
                f.append(f"{prefix}barename={n}")
    n = stats.names.get(w)
    if n:
        f.append(f"{prefix}name={n}")
    b = stats.buckets.get(w)
    if b is None:
        f.append(f"{prefix}rare")
    else:
        for name, letter in zip(stats.stat_names, b):
            f.append(f"{prefix}{name}={letter}")
    return f


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
    own = [_word_features(w, stats, "", True) for w in words]
    near = [_word_features(w, stats, "", False) for w in words]
    out = []
    for i in range(n):
        f = list(own[i])
        f += _gap_features(gaps[i], "g0:")
        if i + 1 < n:
            f += _gap_features(gaps[i + 1], "g1:")
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f += [f"{d}:{x}" for x in near[j]]
            else:
                f.append(f"{d}:edge")
        if i > 0:
            f.append(f"bi-1={words[i - 1]}|{words[i]}")
        if i + 1 < n:
            f.append(f"bi+1={words[i]}|{words[i + 1]}")
        out.append(f)
    return out


def fold(word: str) -> str:
    return fold_word(word).lower()


_SENTENCE_END = frozenset(".!?؟\n")


def sentence_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] cut after sentence-final punctuation and at line ends."""
    out, a = [], start
    for i in range(start, end):
        if text[i] in _SENTENCE_END and (i + 1 >= end or text[i + 1].isspace() or text[i] == "\n"):
            if text[a:i + 1].strip():
                out.append((a, i + 1))
            a = i + 1
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
