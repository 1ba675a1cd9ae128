"""Mentions of sources in Arabic text, found by a CRF trained on data.

``find_mentions(text, regions)`` tags the words of the given character ranges
(None: the whole text) and returns exact spans of

- ``person``: a person's name, without titles or roles before it (الوزير، الدكتور)
  and without proclitics glued to it (ولافروف -> لافروف, لكيري -> كيري); a bare
  surname whose full name is tagged elsewhere in the same call is one too (score 0.5);
- ``organisation``: organisations, governments, ministries, parties, agencies,
  newspapers (and countries when the training data tags them as a source);
- ``location``: places, as ANERcorp tags them (a country is a location there);
- ``group``: an unnamed plural source (مصادر، نواب، متظاهرون);
- ``unnamed``: an unnamed single source (مصدر أمني، مسؤول).

Titles and roles are not returned as mentions: they are the lexicon's
(``lexicon_ar.TITLES``/``ROLE_HEADS``), next to the person span. The model is
``models/ner.crfsuite`` with its word table ``models/ner_words.tsv.gz``
(rebuilt by ``python -m confreader.train.ner``), loaded once, on first use;
``CONFREADER_MODELS=DIR`` loads them from DIR instead. ``score`` is the lowest
marginal probability of the span's labels.

The tagger does ~30k words/s (bench/ner.py): tagging whole articles would
cost several times the rest of the parser, so the pipeline passes
``regions_around(text, cue_spans)`` — a window after (and a little before)
each cue — and tags only those.
"""
from __future__ import annotations

import gzip
import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from confreader.extract.arabic import WORD
from confreader.extract.lexicon import ARABIC
from confreader.extract.ner_features import (LEXICON_CLASSES, Sentence, WordStats, fold, sentence_features,
                                             sentence_ranges, sentence_words, stem_candidates)

PACKAGE_MODELS = Path(__file__).resolve().parent.parent / "models"
MODEL_FILE = "ner.crfsuite"
WORDS_FILE = "ner_words.tsv.gz"
MODELS_ENV = "CONFREADER_MODELS"
_KINDS = {"PERS": "person", "ORG": "organisation", "LOC": "location", "UNN": "unnamed"}
_CRF_MAGIC = b"lCRF"
# Characters around a cue where its source is written: "المتحدث باسم وزارة الخارجية
# الأمريكية جون كيربي" after a verb can take ~80 characters; before it, a subject is short.
WINDOW_BEFORE, WINDOW_AFTER = 30, 90
MAX_SENTENCE_WORDS = 200
REPEATED_NAME_SCORE = 0.5  # a bare surname matched to a full name tagged elsewhere in the text
# Last words of names that name nobody alone: عبد الله، نصر الدين، عبدالله الثاني.
_NOT_SURNAMES = ARABIC.not_names | ARABIC.name_tails | ARABIC.name_links | {"الثاني", "الاول", "الثالث"}
_SPAN_BREAKS = frozenset('«»"“”„‟:،,;؛()[]!?؟')


class ModelError(Exception):
    """A model file that is missing or unreadable; the message is one line for the user."""

    def __init__(self, path: Path, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


@dataclass(slots=True, frozen=True)
class Mention:
    start: int          # char offsets into the text, end exclusive
    end: int
    kind: str           # person | organisation | group | unnamed | location
    score: float        # the model's confidence in the span, 0..1


def models_dir() -> Path:
    return Path(os.environ.get(MODELS_ENV) or PACKAGE_MODELS)


def read_word_table(path: Path) -> WordStats:
    """The word table written by the trainer: a header naming the statistics and the
    SHA-256 of the CRF file it belongs to, then
    ``word<TAB>bucket letters<TAB>name flags<TAB>cluster ids`` lines."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            lines = fh.read().split("\n")
    except FileNotFoundError:
        raise ModelError(path, "model file missing; rebuild with python -m confreader.train.ner") from None
    except (OSError, EOFError, UnicodeDecodeError) as e:
        raise ModelError(path, f"unreadable model file ({type(e).__name__})") from None
    header = lines[0].split("\t")
    stats = WordStats(stat_names=tuple(header[0].split()), model_digest=header[1] if len(header) > 1 else "")
    buckets, names, clusters = stats.buckets, stats.names, stats.clusters
    for line in lines[1:]:
        parts = line.split("\t")
        if len(parts) != 4:
            if line:
                raise ModelError(path, "corrupt model file (bad line)")
            continue
        w, b, n, c = parts
        if b:
            buckets[w] = b
        if n:
            names[w] = n
        if c:
            clusters[w] = c
    return stats


class _Model:
    """The CRF tagger and its word table, opened together."""

    def __init__(self, folder: Path):
        import pycrfsuite
        model = folder / MODEL_FILE
        try:
            with open(model, "rb") as fh:
                head = fh.read(4)
        except FileNotFoundError:
            raise ModelError(model, "model file missing; rebuild with python -m confreader.train.ner") from None
        except OSError as e:
            raise ModelError(model, f"unreadable model file ({e.strerror})") from None
        if head != _CRF_MAGIC:
            raise ModelError(model, "corrupt model file (not a CRFsuite model)")
        self.stats = read_word_table(folder / WORDS_FILE)
        # The C library trusts the file it opens (a truncated one crashes the process):
        # only a file whose digest the word table names is handed to it.
        if hashlib.sha256(model.read_bytes()).hexdigest() != self.stats.model_digest:
            raise ModelError(model, f"corrupt model file (does not match {WORDS_FILE}); "
                                    "rebuild with python -m confreader.train.ner")
        self.tagger = pycrfsuite.Tagger()
        try:
            self.tagger.open(str(model))
        except (OSError, ValueError, RuntimeError) as e:
            raise ModelError(model, f"corrupt model file ({type(e).__name__})") from None
        self.lock = threading.Lock()  # a Tagger holds one sequence at a time


_loaded: dict[Path, _Model] = {}
_load_lock = threading.Lock()


def _model() -> _Model:
    folder = models_dir()
    model = _loaded.get(folder)
    if model is None:
        with _load_lock:
            model = _loaded.get(folder)
            if model is None:
                model = _loaded[folder] = _Model(folder)
    return model


def find_mentions(text: str, regions: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Mentions in text (or only in the regions, character ranges), sorted by start."""
    model = _model()
    tagged: list[tuple[Sentence, list[Mention]]] = []
    for a, b in _merge(regions if regions is not None else [(0, len(text))], len(text)):
        for s, e in sentence_ranges(text, a, b):
            tagged += _tag_sentence(model, text, s, e)
    out = [m for _, found in tagged for m in found]
    surnames = _surnames(text, out)
    if surnames:
        out = sorted(out + [m for s, found in tagged for m in _repeated_names(s, found, surnames)],
                     key=lambda m: m.start)
    return out


def _surnames(text: str, found: list[Mention]) -> set[str]:
    """Last words of the full names tagged in this text (سامي الجابر -> الجابر)."""
    out = set()
    for m in found:
        if m.kind == "person":
            words = [fold(w) for w in WORD.findall(text, m.start, m.end)]
            if len(words) >= 2 and len(words[-1]) > 2 and words[-1] not in _NOT_SURNAMES:
                out.add(words[-1])
    return out


def _repeated_names(s: Sentence, found: list[Mention], surnames: set[str]) -> list[Mention]:
    """A later bare surname is the person named in full elsewhere in the text (…الجابر،
    وقال الجابر): the tagger sees one sentence at a time and misses many of them."""
    out = []
    for k, w in enumerate(s.words):
        cut = 0 if w in surnames else 1 if w[:1] in "وف" and w[1:] in surnames else -1
        if cut < 0 or any(m.start < s.ends[k] and s.starts[k] < m.end for m in found):
            continue
        out.append(Mention(s.starts[k] + cut, s.ends[k], "person", REPEATED_NAME_SCORE))
    return out


def regions_around(text: str, spans: list[tuple[int, int]], before: int = WINDOW_BEFORE,
                   after: int = WINDOW_AFTER) -> list[tuple[int, int]]:
    """Character ranges around spans (cues, quotes) that hold their sources: a few
    words before (subject-verb order) and more after (verb-subject order), widened
    to whole words and kept inside the line. Tagging only these keeps the parser fast."""
    out = []
    n = len(text)
    for a, b in spans:
        lo, hi = max(0, a - before), min(n, b + after)
        line_start, line_end = text.rfind("\n", 0, a) + 1, text.find("\n", b)
        lo, hi = max(lo, line_start), min(hi, n if line_end < 0 else line_end)
        while lo > line_start and not text[lo - 1].isspace():
            lo -= 1
        while hi < n and text[hi] != "\n" and not text[hi].isspace():
            hi += 1
        out.append((lo, hi))
    return _merge(out, n)


def _merge(regions: list[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for a, b in sorted((max(0, a), min(n, b)) for a, b in regions):
        if a >= b:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def _tag_sentence(model: _Model, text: str, start: int, end: int) -> list[tuple[Sentence, list[Mention]]]:
    s = sentence_words(text, start, end)
    out = []
    # A "sentence" with no punctuation for pages is tagged in pieces: bounded memory.
    for k in range(0, len(s.words), MAX_SENTENCE_WORDS):
        piece = slice(k, k + MAX_SENTENCE_WORDS)
        part = Sentence(s.starts[piece], s.ends[piece], s.words[piece], s.gaps[piece])
        out.append((part, _tag_words(model, text, part)))
    return out


def _tag_words(model: _Model, text: str, s: Sentence) -> list[Mention]:
    features = sentence_features(s.words, s.gaps, model.stats)
    with model.lock:
        tags = model.tagger.tag(features)
        chunks = _chunks(tags)
        scored = [(i, j, kind, min(model.tagger.marginal(tags[k], k) for k in range(i, j)))
                  for i, j, kind in chunks]
    out = []
    for i, j, label, score in scored:
        kind = _KINDS.get(label)
        if kind is None:
            continue  # MISC: events, nationalities, titles of works
        # A name does not run on past a comma, a colon or a quotation mark (عبود "أجرينا…).
        j = next((k for k in range(i + 1, j) if not _SPAN_BREAKS.isdisjoint(s.gaps[k])), j)
        first = s.words[i]
        cut = _proclitic_length(first, model.stats)
        if kind == "unnamed" and _plural(first[cut:]):
            kind = "group"
        out.append(Mention(s.starts[i] + _raw_offset(text, s.starts[i], cut), s.ends[j - 1], kind,
                           round(score, 4)))
    return out


def _chunks(tags: list[str]) -> list[tuple[int, int, str]]:
    out, start, kind = [], None, None
    for i, t in enumerate([*tags, "O"]):
        if t == "O" or t.startswith("B-") or t[2:] != kind:
            if start is not None:
                out.append((start, i, kind))
            start, kind = (i, t[2:]) if t != "O" else (None, None)
    return out


def _proclitic_length(w: str, stats: WordStats) -> int:
    """How many letters of a mention's first word are proclitics (و، ف، ب، ل، ك) that
    stay out of the span (وبوتين، لكيري، والسعودية): the stem must be a word the corpus
    knows better than the whole and one that names things — a listed name, a definite
    noun, a lexicon head, or a word often after a title or a reporting verb. A listed
    name keeps its first letter (فاهم is not ف + اهم, كميل is not ك + ميل)."""
    lx = ARABIC
    if w in lx.given_names or w in stats.names:
        return 0
    best = 0
    whole = _frequency(w, stats)
    for stem in stem_candidates(w):
        freq = _frequency(stem, stats)
        # The counts are log2 buckets that stop at 512+: two common words tie there.
        if stem in lx.non_name or freq < whole or freq == whole < _TOP_BUCKET:
            continue
        if (stem in stats.names or stem.startswith("ال") or stem in lx.given_names
                or stem in LEXICON_CLASSES or _name_like_in_corpus(stem, stats)):
            best = len(w) - len(stem)
    return best


def _name_like_in_corpus(w: str, stats: WordStats) -> bool:
    """Often right after a title or a reporting verb in the corpus (bucket c: >= 2%)."""
    b = stats.buckets.get(w)
    if not b:
        return False
    named = dict(zip(stats.stat_names, b))
    return named.get("atitle", "a") in "cde" or named.get("acue", "a") in "cde"


_TOP_BUCKET = 10


def _frequency(w: str, stats: WordStats) -> int:
    b = stats.buckets.get(w)
    return ord(b[0]) - ord("a") + 1 if b else 0


def _raw_offset(text: str, start: int, folded_letters: int) -> int:
    """Characters of the original word covering its first n folded letters (vowels and
    tatweel are folded away, so offsets in the text may run further)."""
    if folded_letters == 0:
        return 0
    seen = k = 0
    while seen < folded_letters:
        ch = text[start + k]
        if not ("\u064b" <= ch <= "\u065f" or ch in "\u0670\u0640"):
            seen += 1
        k += 1
    while start + k < len(text) and ("\u064b" <= text[start + k] <= "\u065f"
                                     or text[start + k] in "\u0670\u0640"):
        k += 1  # a vowel on the proclitic (وَ) belongs to it
    return k


def _plural(head: str) -> bool:
    h = head[2:] if head.startswith("ال") else head
    return head in ARABIC.plural_sources or h.endswith(("ون", "ين")) or h in ARABIC.plural_sources
