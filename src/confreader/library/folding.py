"""Search folding: make Arabic (and Latin) text comparable the way a reader expects.

A reader searching "الامن" wants to find "الأمنُ" too, so matching ignores
harakat, tatweel and invisible marks, unifies the alef forms, alef maksura and
ta marbuta (and digits, Persian letter forms, presentation forms), and ignores
Latin case. Highlights must still land on the text as written, so the folding
keeps, for every folded character, the index of its original.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

# Harakat, Quranic marks and tatweel: invisible to matching.
_IGNORED_RANGES = ((0x064B, 0x065F), (0x0670, 0x0670), (0x0610, 0x061A), (0x06D6, 0x06ED), (0x0640, 0x0640))
_MARKS = frozenset(chr(c) for lo, hi in _IGNORED_RANGES for c in range(lo, hi + 1))

# Characters nobody sees, which web text scatters between words: bidi marks
# and embeddings, zero-width spaces and joiners, soft hyphens, stray BOMs.
_INVISIBLE_RANGES = ((0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x2069),
                     (0x061C, 0x061C), (0x00AD, 0x00AD), (0xFEFF, 0xFEFF))
_INVISIBLE = frozenset(chr(c) for lo, hi in _INVISIBLE_RANGES for c in range(lo, hi + 1))

# Text extracted from PDFs often carries Arabic presentation forms (ﻻ, ﺍﻟﺴﻼﻡ);
# they fold to the letters they draw, so a typed query finds them. The forms
# that draw only a haraka (ﹰ, ﹱ) are ignored like the haraka itself.
_PRESENTATION_FORMS = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_PRESENTATION_MARKS = frozenset(
    chr(c) for lo, hi in _PRESENTATION_FORMS for c in range(lo, hi + 1)
    if set(unicodedata.normalize("NFKC", chr(c))) <= _MARKS | {" "})

# Invariant the index maps rely on: every other character folds to one character or more.
IGNORED_CHARS = _MARKS | _PRESENTATION_MARKS | _INVISIBLE
_IGNORED_RE = re.compile("[" + "".join(sorted(IGNORED_CHARS)) + "]")

_LETTER_FOLDS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    # Persian forms that Gulf web text mixes in for the Arabic letters.
    "ی": "ي", "ک": "ك",
}
# Arabic-Indic and Persian digits match the digits a reader types: ٢٠١٥ = ۲۰۱۵ = 2015.
_LETTER_FOLDS.update({chr(0x0660 + d): str(d) for d in range(10)})
_LETTER_FOLDS.update({chr(0x06F0 + d): str(d) for d in range(10)})

# Every kind of line break or space folds to a plain space, so a query typed
# with a space matches a phrase broken across lines in the source.
_SPACES = "\t\n\v\f\r\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


class _FoldTable(dict):
    """A str.translate table that learns each character's fold on first sight.

    Enumerating casefold for all of Unicode up front would cost a noticeable
    start-up delay; learning lazily keeps folding at C speed after the first
    few articles.
    """

    def __missing__(self, ordinal: int) -> str:
        char = chr(ordinal)
        drawn = unicodedata.normalize("NFKC", char)
        # A form that normalises to itself (the ornate parentheses ﴾ ﴿) stays as it is.
        if drawn != char and any(lo <= ordinal <= hi for lo, hi in _PRESENTATION_FORMS):
            folded = drawn.translate(self)
        else:
            folded = char.casefold()
        self[ordinal] = folded
        return folded


_TABLE = _FoldTable({ord(c): None for c in IGNORED_CHARS})
_TABLE.update({ord(k): v for k, v in _LETTER_FOLDS.items()})
_TABLE.update({ord(c): " " for c in _SPACES})


def fold_text(text: str) -> str:
    """The folded text alone (C speed); what fold_for_search returns first."""
    return text.translate(_TABLE)


def fold_for_search(text: str) -> tuple[str, list[int]]:
    """Folded text for matching and, for each folded character, the index of the
    original character it came from. Removes harakat (U+064B–U+065F, U+0670,
    U+0610–U+061A, U+06D6–U+06ED) and tatweel (U+0640); folds أ إ آ ٱ -> ا, ى -> ي,
    ة -> ه, and casefolds Latin (and any other cased script). Also removes
    invisible format characters (bidi marks, zero-width spaces and joiners),
    folds ی -> ي, ک -> ك, Arabic-Indic and Persian digits to 0-9, every kind of
    space to " " and Arabic presentation forms to the letters they draw."""
    folded = text.translate(_TABLE)
    kept = [i for i, ch in enumerate(text) if ch not in IGNORED_CHARS]
    if len(kept) == len(folded):
        return folded, kept
    # Some character folded to several (ß -> ss, ﻻ -> لا): each piece points back to it.
    index: list[int] = []
    for i, ch in enumerate(text):
        index.extend([i] * len(ch.translate(_TABLE)))
    return folded, index


def fold_query(query: str) -> str:
    """A query as matched: folded, without surrounding space ('' when nothing is left)."""
    return fold_text(query).strip()


def spans_of(text: str, folded_text: str, folded_query: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans of `text` (shifted by `offset`) holding each occurrence of folded_query in
    folded_text, the fold of `text`; find_matches's rules. Search calls this for every
    hit, so the common cases (nothing removed, or only marks removed) skip the
    per-character map."""
    size = len(folded_query)
    positions: list[int] = []
    pos = folded_text.find(folded_query) if size else -1
    while pos != -1:
        positions.append(pos)
        pos = folded_text.find(folded_query, pos + size)
    if not positions:
        return []
    removed = [m.start() for m in _IGNORED_RE.finditer(text)]
    if len(folded_text) + len(removed) != len(text):
        return _spans_through_expansions(text, positions, size, offset)
    if not removed:
        return [(offset + p, offset + p + size) for p in positions]
    # The k-th kept character sits at k + (how many removed characters have at most k kept ones before them).
    kept_before_removed = [p - j for j, p in enumerate(removed)]
    removed_at = set(removed)
    spans = []
    for p in positions:
        last = p + size - 1
        end = last + bisect_right(kept_before_removed, last) + 1
        while end in removed_at:  # harakat attached to the last letter
            end += 1
        spans.append((offset + p + bisect_right(kept_before_removed, p), offset + end))
    return spans


def _spans_through_expansions(text: str, positions: list[int], size: int, offset: int) -> list[tuple[int, int]]:
    """spans_of when some character folded to several (ß -> ss): matches touching
    the same original character (a query matching half of it) merge into one span."""
    index = fold_for_search(text)[1]
    spans: list[tuple[int, int]] = []
    for p in positions:
        start, end = index[p], index[p + size - 1] + 1
        while end < len(text) and text[end] in IGNORED_CHARS:
            end += 1
        if spans and offset + start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], offset + end))
        else:
            spans.append((offset + start, offset + end))
    return spans


def find_matches(text: str, query: str) -> list[tuple[int, int]]:
    """Spans (on the original characters of `text`) where the folded query occurs
    in the folded text. A match's span runs from its first original character to
    just past its last, including any harakat attached to that last letter."""
    folded_query = fold_query(query)
    if not folded_query:
        return []
    return spans_of(text, fold_text(text), folded_query)
