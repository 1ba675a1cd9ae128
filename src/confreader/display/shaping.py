"""Arabic shaping of words, with every glyph tied back to its source characters.

Arabic joining never crosses a space, so shaping word by word is exact, and a
cache per word makes news text (which repeats its words) cheap to shape.
A paragraph's new words are joined in one call, joined by spaces: ordinary
Arabic by the fast joiner (``joining.py``: arabic-reshaper's own tables and
output at C speed), anything unusual by arabic-reshaper itself. We align the
glyphs back to the input (a lam-alef ligature covers two characters) and handle
marks, invisible characters and cell widths ourselves.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

from arabic_reshaper import ArabicReshaper
from arabic_reshaper.letters import LETTERS_ARABIC
from arabic_reshaper.reshaper_config import default_config

from confreader.display.chars import NO_BREAK_SPACES, SPACING_HARAKAT, cell_width, is_invisible, is_mark
from confreader.display.joining import Joiner

# Only the lam-alef ligatures: every other ligature (the Allah ligature U+FDF2
# above all) is drawn two or more cells wide by terminals.
_LAM_ALEF = {"ARABIC LIGATURE LAM WITH ALEF", "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE",
             "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW", "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE"}
_LIGATURES = {name: name in _LAM_ALEF
              for name in default_config if name.startswith("ARABIC LIGATURE") or name == "RIAL SIGN"}
_RESHAPER = ArabicReshaper(configuration={**_LIGATURES, "delete_harakat": True, "support_ligatures": True})
_ZWJ = "\u200d"

# Shaped glyph -> the letters it draws (a lam-alef ligature draws two).
_LETTERS_OF: dict[str, str] = {form: letter for letter, forms in LETTERS_ARABIC.items() for form in forms if form}
_LETTERS_OF.update({chr(cp): unicodedata.normalize("NFKC", chr(cp)) for cp in range(0xFEF5, 0xFEFD)})
_LETTERS_TABLE = str.maketrans(_LETTERS_OF)
# arabic-reshaper ligates every lam directly followed by one of these alefs.
_LAM_ALEF_PAIR = re.compile("\u0644[\u0622\u0623\u0625\u0627]")
_LAM_ALEF_GLYPHS = frozenset(chr(cp) for cp in range(0xFEF5, 0xFEFD))
_BASIC_ARABIC_LETTERS = {chr(cp) for cp in range(0x0621, 0x064B)}
# Arabic letters, digits and punctuation, ASCII and common quotes and dashes, none of
# them a mark or wide: most words of news text.
_COMMON_RANGES = ("!~", "\u0621\u064a", "\u0660\u066f", "\u060c", "\u061b", "\u061f", "\u00ab", "\u00bb",
                  "\u2013\u2014", "\u2018\u2019", "\u201c\u201d", "\u2026")
_EXTENDED_LETTER_RANGES = ("\u0671\u06d3", "\u06d5", "\u06ee\u06ff")
_PLAIN_ARABIC_CLASS = "".join(r[0] + "-" + r[-1] for r in _COMMON_RANGES + _EXTENDED_LETTER_RANGES)
_PLAIN_ARABIC = re.compile(f"[{_PLAIN_ARABIC_CLASS}]+")
_PLAIN_ARABIC_TEXT = re.compile(f"[{_PLAIN_ARABIC_CLASS} ]*")  # plain words joined by spaces
# Text of arabic-reshaper's letters, spaces and the common characters above is joined by
# our fast joiner (same output, C speed); anything else by arabic-reshaper itself.
_JOINER = Joiner(_RESHAPER, " " + "".join(chr(cp) for r in _COMMON_RANGES for cp in range(ord(r[0]), ord(r[-1]) + 1)))
# Word ligatures already present in the text (U+FDF0-U+FDFF, the Allah sign
# among them) are drawn as their letters: terminals draw them too wide.
_WORD_LIGATURES = {chr(cp) for cp in range(0xFDF0, 0xFE00)}

# Roles of a character within its word: H starts a cell, J joins the cell before
# it (second half of lam-alef, a kept mark), X is not drawn.
HEAD, JOINED, HIDDEN = "H", "J", "X"

_NORMAL, _MARK, _INVISIBLE = 0, 1, 2


class _CharKinds(dict):
    """Character -> normal, mark or invisible; filled on first sight."""

    def __missing__(self, ch: str) -> int:
        kind = _MARK if is_mark(ch) else _INVISIBLE if is_invisible(ch) else _NORMAL
        self[ch] = kind
        return kind


class _Cells(dict):
    def __missing__(self, glyph: str) -> int:
        cells = self[glyph] = sum(map(cell_width, glyph))
        return cells


_KIND = _CharKinds()
_CELLS = _Cells()


class WordShape(NamedTuple):  # a tuple: made for every new word, so made fast
    """``glyphs`` in logical order; per character: the offset of its glyphs in
    ``glyphs`` (``offsets``, one more entry than characters), its cells and its role."""

    glyphs: str
    width: int
    offsets: Sequence[int]
    cells: bytes
    roles: str


def _compact(offsets: list[int]) -> Sequence[int]:
    """Offsets as bytes when they fit (a sixth of a tuple's memory; the cache holds many)."""
    return bytes(offsets) if offsets[-1] < 256 else tuple(offsets)


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\u08a0" <= ch <= "\u08ff"


def _needs_reshaper(bases: str) -> bool:
    return any(map(_is_arabic, bases))


def _align(bases: str, out: str, plain_extended: bool) -> list[tuple[str, int]] | None:
    """Shaped glyph per base character: (glyph, characters it covers), or None if unaligned."""
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
        letters = _LETTERS_OF.get(glyph, glyph)
        if letters == ch:
            if plain_extended and ch not in _BASIC_ARABIC_LETTERS and _is_arabic(ch):
                glyph = ch
            result.append((glyph, 1))
            i += 1
        elif len(letters) == 2 and letters == bases[i:i + 2]:
            result.append((glyph, 2))
            i += 2
        else:
            return None
        p += 1
    return result if p == len(out) else None


def _reshape(text: str) -> str:
    """arabic-reshaper's shaping of ``text`` (no marks in it), by the fast joiner when it can."""
    if _JOINER.covers(text):
        return _JOINER.join(text)
    try:
        return _RESHAPER.reshape(text)
    except IndexError:
        # arabic-reshaper 3.1 drops a ZWJ from its output but still indexes the output by
        # input position, so a ZWJ before a ligature (e.g. "\u200dلا") crashes it. A ZWJ only
        # asks for joining; shaping without it is the closest answer that never fails.
        return _RESHAPER.reshape(text.replace(_ZWJ, ""))


def _spelled_out(ligature: str) -> str:
    letters = "".join(c for c in unicodedata.normalize("NFKC", ligature) if not is_mark(c))
    return _RESHAPER.reshape(letters) if letters != ligature else ligature


def _bases(word: str) -> str:
    return "".join(ch for ch in word if _KIND[ch] != _MARK)


@lru_cache(maxsize=None)
def _one_cell_each(n: int) -> tuple[tuple[int, ...], bytes, str]:
    """Offsets, cells and roles of an n-character word drawn one glyph per character."""
    return tuple(range(n + 1)), b"\x01" * n, HEAD * n


class PlainShape(str):
    """The shape of a word drawn one one-cell glyph per character (most words): the
    glyph string itself, with WordShape's fields derived, so the cache holds one object."""

    __slots__ = ()

    @property
    def glyphs(self) -> str:
        return self

    @property
    def width(self) -> int:
        return len(self)

    @property
    def offsets(self) -> tuple[int, ...]:
        return _one_cell_each(len(self))[0]

    @property
    def cells(self) -> bytes:
        return _one_cell_each(len(self))[1]

    @property
    def roles(self) -> str:
        return _one_cell_each(len(self))[2]


Shape = WordShape | PlainShape


def _plain_arabic_shape(word: str, reshaped: str) -> Shape | None:
    """Fast path for a word of Arabic letters, digits and punctuation only (no marks)."""
    if reshaped.translate(_LETTERS_TABLE) != word:
        return None
    return PlainShape(reshaped) if len(reshaped) == len(word) else _with_lam_alef(reshaped)


def _with_lam_alef(reshaped: str) -> WordShape:
    """Shape of a word drawn as ``reshaped``, one glyph per character but for its
    lam-alef ligatures (one glyph for two characters)."""
    offsets: list[int] = []
    roles: list[str] = []
    for position, glyph in enumerate(reshaped):
        if glyph in _LAM_ALEF_GLYPHS:
            offsets += (position, position + 1)
            roles.append(HEAD + JOINED)
        else:
            offsets.append(position)
            roles.append(HEAD)
    offsets.append(len(reshaped))
    role_text = "".join(roles)
    return WordShape(reshaped, len(reshaped), _compact(offsets),
                     bytes(1 if r == HEAD else 0 for r in role_text), role_text)


def shape_word(word: str, shape: bool, harakat: str, plain_extended: bool, reshaped: str | None = None) -> Shape:
    """Glyphs for ``word`` (no spaces in it). ``shape`` False leaves letters as they are.
    ``reshaped`` is arabic-reshaper's output for the word's non-mark characters, if known."""
    if word.isascii() and word.isprintable():
        return PlainShape(word)
    if shape and not plain_extended and _PLAIN_ARABIC.fullmatch(word):
        fast = _plain_arabic_shape(word, reshaped if reshaped is not None else _reshape(word))
        if fast is not None:
            return fast
    kinds = [_KIND[ch] for ch in word]
    bases = "".join(ch for ch, kind in zip(word, kinds) if kind != _MARK)
    aligned = None
    if shape and _needs_reshaper(bases):
        aligned = _align(bases, reshaped if reshaped is not None else _reshape(bases), plain_extended)
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
    for ch, kind in zip(word, kinds):
        offsets.append(cursor)
        if kind == _MARK:
            if harakat == "keep" and has_cell:
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
        if kind == _INVISIBLE or not glyph:
            cells.append(0)
            roles.append(HIDDEN)
            continue
        if glyph in _WORD_LIGATURES:
            glyph = _spelled_out(glyph)
        elif "\ud800" <= glyph <= "\udfff":
            glyph = "\ufffd"
        elif glyph in NO_BREAK_SPACES:
            glyph = " "
        glyphs.append(glyph)
        cursor += len(glyph)
        cells.append(_CELLS[glyph])
        roles.append(HEAD)
        has_cell = True
    offsets.append(cursor)
    return WordShape("".join(glyphs), sum(cells), _compact(offsets), bytes(cells), "".join(roles))


class WordCache:
    """Widths and shapes per word for one set of shaping options.

    A word's entry is its width (an int) until it is drawn, then its shape:
    counting lines needs only widths, and a plain Arabic word's width is its
    length less its lam-alef pairs, no shaping needed. Bounded: when full, the
    oldest half is dropped.
    """

    def __init__(self, shape: bool, harakat: str, plain_extended: bool, limit: int = 200_000):
        self._shape = shape
        self._harakat = harakat
        self._plain_extended = plain_extended
        self._limit = limit
        self._entries: dict[str, int | Shape] = {}

    def _make_room(self) -> None:
        entries = self._entries
        if len(entries) >= self._limit:
            for old in list(islice(entries, len(entries) // 2)):
                del entries[old]

    def widths(self, words: list[str]) -> list[int]:
        """Cells of every word: plain Arabic words by counting, the others shaped (in one batch)."""
        self._make_room()
        entries = self._entries
        new = [w for w in dict.fromkeys(words) if w not in entries]
        text = " ".join(new)
        if _PLAIN_ARABIC_TEXT.fullmatch(text):  # the usual case: every new word is plain
            plain, unusual = new, []
        else:
            plain = [w for w in new if _PLAIN_ARABIC.fullmatch(w)]
            unusual = [w for w in new if not _PLAIN_ARABIC.fullmatch(w)]
            text = " ".join(plain)
        if plain:
            # A plain word takes a cell per character, but one per lam-alef pair.
            counted = _LAM_ALEF_PAIR.sub("\u0644", text) if self._shape else text
            entries.update(zip(plain, map(len, counted.split(" "))))
        if unusual:
            for word, shape in zip(unusual, self._shape_new(unusual)):
                entries[word] = shape
        return [e if type(e) is int else e.width for e in map(entries.__getitem__, words)]  # type: ignore[union-attr]

    def shapes(self, words: list[str]) -> list[Shape]:
        """The shape of every word, shaping the new ones in one batch."""
        self._make_room()
        entries = self._entries
        new = [w for w in dict.fromkeys(words) if type(entries.get(w, 0)) is int]
        if new:
            for word, shape in zip(new, self._shape_new(new)):
                entries[word] = shape
        return [entries[w] for w in words]  # type: ignore[misc]

    def _shape_new(self, words: list[str]) -> list[Shape]:
        args = (self._shape, self._harakat, self._plain_extended)
        if not self._shape:
            return [shape_word(w, *args) for w in words]
        batch = [w for w in words if not w.isascii()]
        text = " ".join(batch)
        if _JOINER.covers(text):  # the usual case: the joiner can do every word as it is
            joined, others = batch, []
        else:
            joined = [w for w in batch if _JOINER.covers(w)]
            others = [w for w in batch if not _JOINER.covers(w)]
            text = " ".join(joined)
        shapes: dict[str, Shape] = {}
        reshaped: dict[str, str] = {}
        if joined:
            glyphs = _JOINER.join(text).split(" ")
            if self._plain_extended:
                reshaped.update(zip(joined, glyphs))
            else:
                # The joiner's glyphs stand one for one for the characters but for its
                # lam-alef ligatures, so a word's shape follows without aligning.
                shapes = {w: PlainShape(g) if len(g) == len(w) else _with_lam_alef(g) for w, g in zip(joined, glyphs)}
        # The others' letters (marks left out): by the joiner if it can, else by
        # arabic-reshaper in one call. A ZWJ shifts arabic-reshaper's ligature
        # positions: such words go alone.
        bases = {w: _bases(w) for w in others if _ZWJ not in w}
        for group, reshape in (([w for w, b in bases.items() if _JOINER.covers(b)], _JOINER.join),
                               ([w for w, b in bases.items() if not _JOINER.covers(b)], _RESHAPER.reshape)):
            outputs = reshape(" ".join(bases[w] for w in group)).split(" ") if group else []
            if len(outputs) == len(group):
                reshaped.update(zip(group, outputs))
        return [shapes[w] if w in shapes else shape_word(w, *args, reshaped=reshaped.get(w)) for w in words]


_CACHES: dict[tuple[bool, str, bool], WordCache] = {}


def word_cache(shape: bool, harakat: str, plain_extended: bool) -> WordCache:
    key = (shape, harakat, plain_extended)
    cache = _CACHES.get(key)
    if cache is None:
        cache = _CACHES[key] = WordCache(*key)
    return cache
