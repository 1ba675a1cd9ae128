"""Arabic joining at C speed for ordinary text, with arabic-reshaper's exact output.

arabic-reshaper decides each letter's form in a Python loop that reads its
configuration and builds tuples per letter; that loop was most of the cost of
drawing a screen of new words. Without marks, ZWJ or deleted characters, a
letter's form depends only on its neighbours: it joins the previous character
when that one joins forwards (a dual-joining letter) and it joins backwards
itself. So a whole string is shaped by C code alone: a charmap codec gives each
character a one-byte id, ``bytes.translate`` its joining flags, big-integer
bit operations every character's form, and the glyph in that form (decoded
from the ids with one table per form, built from the reshaper's own letter
forms) is picked with per-character bit masks. Ligatures are the reshaper's
enabled two-letter ones (the display enables only lam-alef), replaced as pairs
of shaped glyphs.
"""
from __future__ import annotations

import codecs
import re

from arabic_reshaper import ArabicReshaper
from arabic_reshaper.arabic_reshaper import HARAKAT_RE
from arabic_reshaper.letters import FINAL, INITIAL, ISOLATED, MEDIAL, TATWEEL, ZWJ
from arabic_reshaper.ligatures import LIGATURES

_FORMS = (ISOLATED, INITIAL, MEDIAL, FINAL)
# Id 0 must stand for U+0000 or the codec falls back to a slow dict; U+0000 is
# never covered, so it never occurs in the text.
_MAX_IDS = 256
_UNMAPPED = "\ufffe"


def _is_regular(forms: tuple[str, str, str, str]) -> bool:
    """Non-joining, right-joining or dual-joining with all four forms, one BMP glyph each:
    the letters whose forms follow from their neighbours' joining alone."""
    present = tuple(bool(form) for form in forms)
    return (present in {(True, False, False, False), (True, False, False, True), (True, True, True, True)}
            and all(len(form) <= 1 and form <= "\uffff" for form in forms))


def _ligature_form(first: int, second: int) -> int:
    """arabic-reshaper's choice of a two-letter ligature's form from its letters' forms."""
    ends = second in (ISOLATED, FINAL)
    if first in (ISOLATED, INITIAL):
        return ISOLATED if ends else INITIAL
    return FINAL if ends else MEDIAL


class Joiner:
    """``join(text)`` equals ``reshaper.reshape(text)`` for any text that ``covers``:
    text of the reshaper's letters (those with regular forms) and the ``passing``
    characters, which it leaves as they are."""

    def __init__(self, reshaper: ArabicReshaper, passing: str):
        config = reshaper.configuration
        self._letters = reshaper.letters
        self._unshaped_isolated = config.getboolean("use_unshaped_instead_of_isolated")
        glyphs_of_letters = {form for forms in self._letters.values() for form in forms if form}
        skipped = {ZWJ} | ({TATWEEL} if config.getboolean("delete_tatweel") else set())
        regular = [ch for ch, forms in self._letters.items() if ch not in skipped and _is_regular(forms)]
        # A passing character must really pass: not a letter, not dropped as a mark, and not
        # a ready-made glyph (it could fake a ligature pair).
        passing = [ch for ch in passing if ch not in self._letters and ch not in skipped and ch not in glyphs_of_letters
                   and not HARAKAT_RE.match(ch) and "\0" < ch <= "\uffff" and ch != _UNMAPPED]
        covered = list(dict.fromkeys(["\0"] + regular + passing))
        if len(covered) > _MAX_IDS:
            raise ValueError(f"{len(covered) - 1} characters to cover, at most {_MAX_IDS - 1} fit one-byte ids")
        covered += [_UNMAPPED] * (_MAX_IDS - len(covered))
        self._ids = codecs.charmap_build("".join(covered))
        joins_next = bytearray(_MAX_IDS)
        joins_previous = bytearray(_MAX_IDS)
        for i, ch in enumerate(covered):
            forms = self._letters.get(ch)
            if forms is not None:
                joins_next[i] = 1 if forms[MEDIAL] else 0  # has all four forms
                joins_previous[i] = 1 if forms[FINAL] else 0
        self._joins_next = bytes(joins_next)
        self._joins_previous = bytes(joins_previous)
        # Per form, the glyph of every id in that form (a passing character is itself; a
        # letter without that form never gets it, so any glyph will do).
        self._glyphs = {form: "".join(self._glyph(ch, form) if ch in self._letters else ch for ch in covered)
                        for form in _FORMS}
        self.covers = re.compile("[" + re.escape("".join(covered[1:]).replace(_UNMAPPED, "")) + "]*").fullmatch
        self._ligatures = self._ligature_table(reshaper) if config.getboolean("support_ligatures") else {}

    def _glyph(self, ch: str, form: int) -> str:
        if form == ISOLATED and self._unshaped_isolated:
            return ch
        return self._letters[ch][form] or self._letters[ch][ISOLATED]

    def _ligature_table(self, reshaper: ArabicReshaper) -> dict[str, str]:
        """Shaped pair of letters -> ligature glyph, for every enabled ligature (arabic-reshaper
        finds them in the text and picks the form from the two letters' forms)."""
        letters = self._letters
        table: dict[str, str] = {}
        firsts, seconds = set(), set()
        for name, (pattern, ligature_forms) in LIGATURES:
            if not reshaper.configuration.getboolean(name):
                continue
            if len(pattern) != 2 or not all(self.covers(ch) and ch in letters for ch in pattern):
                raise ValueError(f"ligature {name!r} is not a pair of covered letters")
            first, second = pattern
            firsts.add(first)
            seconds.add(second)
            # Adjacent letters are joined iff the first joins forwards and the second backwards.
            joined = bool(letters[first][MEDIAL] and letters[second][FINAL])
            for first_form in _FORMS:
                for second_form in _FORMS:
                    if (first_form in (INITIAL, MEDIAL)) != joined or (second_form in (MEDIAL, FINAL)) != joined:
                        continue
                    if not letters[first][first_form] or not letters[second][second_form]:
                        continue
                    pair = self._glyph(first, first_form) + self._glyph(second, second_form)
                    glyph = ligature_forms[_ligature_form(first_form, second_form)]
                    if glyph:
                        table[pair] = glyph
        if firsts & seconds:
            raise ValueError("overlapping ligatures: pairs of glyphs can't stand for them")
        return table

    def join(self, text: str) -> str:
        """arabic-reshaper's shaping of ``text``, which must be ``covers``-ed."""
        if not text:
            return ""
        ids = codecs.charmap_encode(text, "strict", self._ids)[0]
        # Flags and glyphs as big integers with 16 bits per character (every glyph is in the BMP).
        joins_next = _wide(ids.translate(self._joins_next))
        joins_previous = _wide(ids.translate(self._joins_previous))
        joined_before = (joins_next >> 16) & joins_previous
        joined_after = joins_next & (joins_previous << 16)
        medial = joined_before & joined_after
        in_form = {INITIAL: joined_after ^ medial, MEDIAL: medial, FINAL: joined_before ^ medial}
        shaped = int.from_bytes(codecs.charmap_decode(ids, "strict", self._glyphs[ISOLATED])[0].encode("utf-16-be"), "big")
        for form, chosen in in_form.items():
            if chosen:
                glyphs = int.from_bytes(codecs.charmap_decode(ids, "strict", self._glyphs[form])[0].encode("utf-16-be"), "big")
                mask = chosen * 0xFFFF  # 0xFFFF on the characters in this form
                shaped = shaped & ~mask | glyphs & mask
        result = shaped.to_bytes(2 * len(text), "big").decode("utf-16-be")
        for pair, ligature in self._ligatures.items():
            if pair in result:
                result = result.replace(pair, ligature)
        return result


def _wide(flags: bytes) -> int:
    """Bytes 0/1 as an integer with 16 bits per byte."""
    return int.from_bytes(flags.decode("latin-1").encode("utf-16-be"), "big")
