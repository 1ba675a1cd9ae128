"""Arabic shaping of one word, with every glyph tied back to its source characters.

Arabic joining never crosses a space, so shaping word by word is exact, and a
cache per word makes news text (which repeats its words) cheap to shape.
arabic-reshaper does the joining; we align its output back to the input
(a lam-alef ligature covers two characters) and handle marks, invisible
characters and cell widths ourselves.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from itertools import islice

from arabic_reshaper import ArabicReshaper
from arabic_reshaper.reshaper_config import default_config

from confreader.display.chars import (NO_BREAK_SPACES, SPACING_HARAKAT, cell_width, is_invisible,
                                      is_mark)

# Only the lam-alef ligatures: every other ligature (the Allah ligature U+FDF2
# above all) is drawn two or more cells wide by terminals.
_LAM_ALEF = {"ARABIC LIGATURE LAM WITH ALEF", "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE",
             "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW", "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE"}
_LIGATURES = {name: name in _LAM_ALEF
              for name in default_config if name.startswith("ARABIC LIGATURE") or name == "RIAL SIGN"}
_RESHAPER = ArabicReshaper(configuration={**_LIGATURES, "delete_harakat": True, "support_ligatures": True})
_ZWJ = "\u200d"
_BASIC_ARABIC_LETTERS = range(0x0621, 0x064B)
# Word ligatures already present in the text (U+FDF0-U+FDFF, the Allah sign
# among them) are drawn as their letters: terminals draw them too wide.
_WORD_LIGATURES = range(0xFDF0, 0xFE00)

# Roles of a character within its word: H starts a cell, J joins the cell before
# it (second half of lam-alef, a kept mark), X is not drawn.
HEAD, JOINED, HIDDEN = "H", "J", "X"


@dataclass(frozen=True, slots=True)
class WordShape:
    """``glyphs`` in logical order; per character: the offset of its glyphs in
    ``glyphs`` (``offsets``, one more entry than characters), its cells and its role."""

    glyphs: str
    width: int
    offsets: tuple[int, ...]
    cells: bytes
    roles: str


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\u08a0" <= ch <= "\u08ff"


def _reshaped_bases(bases: str, plain_extended: bool) -> list[tuple[str, int]] | None:
    """Shaped glyph per base character: (glyph, number of characters it covers), or None if unaligned."""
    out = _RESHAPER.reshape(bases)
    result: list[tuple[str, int]] = []
    p = 0
    i = 0
    n = len(bases)
    while i < n:
        ch = bases[i]
        if ch == _ZWJ:  # the reshaper uses it for joining, then drops it
            result.append(("", 1))
            i += 1
            continue
        if p >= len(out):
            return None
        glyph = out[p]
        folded = unicodedata.normalize("NFKC", glyph)
        if glyph == ch or folded == ch:
            if plain_extended and ord(ch) not in _BASIC_ARABIC_LETTERS and _is_arabic(ch):
                glyph = ch
            result.append((glyph, 1))
            i += 1
        elif len(folded) == 2 and i + 1 < n and folded == ch + bases[i + 1]:
            result.append((glyph, 2))
            i += 2
        else:
            return None
        p += 1
    return result if p == len(out) else None


def _spelled_out(ligature: str) -> str:
    letters = "".join(c for c in unicodedata.normalize("NFKC", ligature) if not is_mark(c))
    return _RESHAPER.reshape(letters) if letters != ligature else ligature


def shape_word(word: str, shape: bool, harakat: str, plain_extended: bool) -> WordShape:
    """Glyphs for ``word`` (no spaces in it). ``shape`` False leaves letters as they are."""
    visible = [not is_invisible(ch) for ch in word]
    marks = [is_mark(ch) for ch in word]
    bases = "".join(ch for ch, mark in zip(word, marks) if not mark)
    aligned = _reshaped_bases(bases, plain_extended) if shape and any(map(_is_arabic, bases)) else None
    if aligned is None:
        aligned = [(ch, 1) for ch in bases]

    glyphs: list[str] = []
    offsets: list[int] = []
    cells = bytearray()
    roles: list[str] = []
    cursor = 0  # glyph offset
    pending = iter(aligned)
    covering = 0  # characters still covered by the last ligature
    has_cell = False  # a cell exists in this word for a kept mark to join
    for ch, mark, shown in zip(word, marks, visible):
        offsets.append(cursor)
        if mark:
            if harakat == "keep" and has_cell and shown:
                glyphs.append(ch)
                cursor += 1
                cells.append(0)
                roles.append(JOINED)
            elif harakat != "strip" and ch in SPACING_HARAKAT and not covering:
                glyphs.append(SPACING_HARAKAT[ch])
                cursor += 1
                cells.append(1)
                roles.append(HEAD)
                has_cell = True
            else:
                cells.append(0)
                roles.append(HIDDEN)
            continue
        if covering:
            covering -= 1
            cells.append(0)
            roles.append(JOINED)
            continue
        glyph, covers = next(pending)
        covering = covers - 1
        if not shown or not glyph:
            cells.append(0)
            roles.append(HIDDEN)
            continue
        if len(glyph) == 1 and ord(glyph) in _WORD_LIGATURES:
            glyph = _spelled_out(glyph)
        if "\ud800" <= glyph <= "\udfff":
            glyph = "\ufffd"
        elif glyph in NO_BREAK_SPACES:
            glyph = " "
        glyphs.append(glyph)
        cursor += len(glyph)
        cells.append(sum(map(cell_width, glyph)))
        roles.append(HEAD)
        has_cell = True
    offsets.append(cursor)
    return WordShape("".join(glyphs), sum(cells), tuple(offsets), bytes(cells), "".join(roles))


class WordCache:
    """Shapes per word for one set of shaping options; bounded (drops the oldest half when full)."""

    def __init__(self, shape: bool, harakat: str, plain_extended: bool, limit: int = 200_000):
        self._args = (shape, harakat, plain_extended)
        self._limit = limit
        self._shapes: dict[str, WordShape] = {}

    def get(self, word: str) -> WordShape:
        found = self._shapes.get(word)
        if found is None:
            if len(self._shapes) >= self._limit:
                for old in list(islice(self._shapes, self._limit // 2)):
                    del self._shapes[old]
            found = self._shapes[word] = shape_word(word, *self._args)
        return found


_CACHES: dict[tuple[bool, str, bool], WordCache] = {}


def word_cache(shape: bool, harakat: str, plain_extended: bool) -> WordCache:
    key = (shape, harakat, plain_extended)
    cache = _CACHES.get(key)
    if cache is None:
        cache = _CACHES[key] = WordCache(*key)
    return cache
