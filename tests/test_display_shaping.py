"""The fast Arabic joiner draws exactly what arabic-reshaper draws.

arabic-reshaper stays the source of truth: configured here on its own the way
the display uses it (lam-alef ligatures on, every other ligature off: terminals
draw U+FDF2 and the like too wide), it is held against the fast joiner on every
word of the dev articles and on random Arabic, and the engine's word shapes
(glyphs and their alignment to the source characters) against the shapes made
from arabic-reshaper's own output.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from arabic_reshaper import ArabicReshaper
from arabic_reshaper.ligatures import LIGATURES
from hypothesis import given, settings
from hypothesis import strategies as st

from confreader.display.chars import is_mark
from confreader.display.shaping import WordCache, _JOINER, shape_word

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"
LAM_ALEF = {"ARABIC LIGATURE LAM WITH ALEF", "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE",
            "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW", "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE"}
RESHAPER = ArabicReshaper(configuration={**{name: name in LAM_ALEF for name, _ in LIGATURES},
                                         "delete_harakat": True, "support_ligatures": True})
OPTIONS = [(harakat, plain_extended) for harakat in ("strip", "keep", "after") for plain_extended in (False, True)]

# Letters, lam-alef variants, hamza forms, teh marbuta and alef maksura, tatweel,
# Persian letters, Arabic and ASCII digits, punctuation.
LETTERS = list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي") + ["لا", "لأ", "لإ", "لآ"] + list("ءأإآؤئ" "ةى" "ـ" "پچژگکیۀ")
PASSING = list("0123456789٠١٢٣٤٥٦٧٨٩" "abcXYZ" ".,:;!?()«»\"'%-" "،؛؟") + [" "]
HARAKAT = list("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670")
INVISIBLE = ["\u200c", "\u200d"]  # ZWNJ, ZWJ

covered_texts = st.lists(st.sampled_from(LETTERS + PASSING), max_size=40).map("".join)
any_words = st.lists(st.sampled_from(LETTERS + PASSING[:-1] + HARAKAT + INVISIBLE), min_size=1, max_size=12).map("".join)


def _dev_words() -> list[str]:
    if not DEV.is_dir():
        pytest.skip("the shared dev set (../shared/eval/dev) is not on this machine")
    words: set[str] = set()
    for path in sorted(DEV.glob("*.txt")):
        words.update(path.read_text(encoding="utf-8").split())
    return sorted(words)


def _fields(shape) -> tuple:
    return shape.glyphs, shape.width, tuple(shape.offsets), bytes(shape.cells), shape.roles


@lru_cache(maxsize=None)
def _reshaped(word: str) -> str:
    """arabic-reshaper's output for the word's letters (marks left out, as the engine does);
    where arabic-reshaper itself crashes (a ZWJ before a ligature), its output without the ZWJ."""
    letters = "".join(ch for ch in word if not is_mark(ch))
    try:
        return RESHAPER.reshape(letters)
    except IndexError:
        return RESHAPER.reshape(letters.replace("\u200d", ""))


def _reference_shapes(words: list[str], harakat: str, plain_extended: bool) -> list[tuple]:
    return [_fields(shape_word(w, True, harakat, plain_extended, reshaped=_reshaped(w))) for w in words]


def test_joiner_equals_arabic_reshaper_on_every_word_of_the_dev_articles():
    words = _dev_words()
    covered = [w for w in words if _JOINER.covers(w)]
    # Most Arabic words must take the fast path, or the comparison below proves little.
    arabic = [w for w in words if re.search("[\u0621-\u064a]", w)]
    assert sum(1 for w in arabic if _JOINER.covers(w)) > 0.9 * len(arabic)
    assert [_JOINER.join(w) for w in covered] == [RESHAPER.reshape(w) for w in covered]
    # Joined as the engine joins them: a paragraph's new words in one string.
    assert _JOINER.join(" ".join(covered)) == RESHAPER.reshape(" ".join(covered))


def test_word_shapes_equal_those_from_arabic_reshaper_on_the_dev_articles():
    words = _dev_words()
    for harakat, plain_extended in OPTIONS:
        shapes = WordCache(True, harakat, plain_extended).shapes(words)
        assert [_fields(s) for s in shapes] == _reference_shapes(words, harakat, plain_extended), (harakat, plain_extended)


@settings(max_examples=400, deadline=None)
@given(covered_texts)
def test_joiner_equals_arabic_reshaper_on_random_arabic(text):
    assert _JOINER.covers(text)
    assert _JOINER.join(text) == RESHAPER.reshape(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(any_words, min_size=1, max_size=8), st.sampled_from(OPTIONS))
def test_word_shapes_equal_those_from_arabic_reshaper_on_random_words(words, option):
    harakat, plain_extended = option
    expected = _reference_shapes(words, harakat, plain_extended)
    assert [_fields(s) for s in WordCache(True, harakat, plain_extended).shapes(words)] == expected
    # Words met first while counting lines (widths only) are shaped later: the counted
    # widths must be the drawn ones, or line counts would not match the lines drawn.
    counted_first = WordCache(True, harakat, plain_extended)
    assert counted_first.widths(words) == [e[1] for e in expected]
    assert [_fields(s) for s in counted_first.shapes(words)] == expected


def test_lam_alef_is_one_cell_in_the_form_its_place_in_the_word_asks_for():
    emirates, without = WordCache(True, "strip", False).shapes(["الإمارات", "بلا"])
    # After alef (which never joins forwards) the ligature stands alone; after beh it is final.
    assert emirates.glyphs[1] == "\ufef9" and emirates.roles == "HHJHHHHH" and emirates.width == 7
    assert without.glyphs == "\ufe91\ufefc" and without.width == 2


def test_the_word_allah_is_drawn_as_its_letters_not_the_wide_ligature():
    (allah,) = WordCache(True, "strip", False).shapes(["الله"])
    assert allah.glyphs == "\ufe8d\ufedf\ufee0\ufeea"


def test_a_zwj_before_lam_alef_is_drawn_not_a_crash():
    # arabic-reshaper 3.1 raises IndexError on this input; the reader must still draw it.
    from confreader.display import layout_paragraph

    (line,) = layout_paragraph("\u200dلا بد", 20).lines
    assert line.visual.strip() == "\ufeaa\ufe91 \ufefb"
