"""Arabic spelling folds used for matching words, never for output.

``fold`` keeps the text's length, so an offset into the folded copy is an
offset into the original: hamza-carrying alefs become a bare alef, alef
maqsura becomes yeh, and short vowels and tatweel become tatweel, which
``bare`` then drops from single words.
"""
from __future__ import annotations

import re

TATWEEL = "\u0640"
_HARAKAT = [*range(0x064B, 0x0660), 0x0670]

FOLD_TABLE = {ord(c): "ا" for c in "أإآٱ"}
FOLD_TABLE.update({ord("ى"): "ي", ord("ی"): "ي", ord("ک"): "ك", ord("ة"): "ه"})
FOLD_TABLE.update({c: TATWEEL for c in _HARAKAT})

# A word: letters and digits, with tatweel and folded vowels inside it.
WORD = re.compile(r"\w+")
ARABIC_LETTERS = re.compile(r"[\u0621-\u064a]+")
LATIN_LETTERS = re.compile(r"[A-Za-z]+")


def fold(text: str) -> str:
    """The same text with spelling variants folded; same length, same offsets."""
    return text.translate(FOLD_TABLE)


def bare(word: str) -> str:
    """A folded word without tatweel or vowels (a lexicon key)."""
    return word.replace(TATWEEL, "") if TATWEEL in word else word


def fold_word(word: str) -> str:
    return bare(fold(word))


def detect_language(text: str, sample: int = 4000) -> str:
    """'ar' when Arabic letters outnumber Latin ones in the opening of the text, else 'en'."""
    head = text[:sample]
    arabic = sum(map(len, ARABIC_LETTERS.findall(head)))
    latin = sum(map(len, LATIN_LETTERS.findall(head)))
    return "ar" if arabic >= latin and arabic > 0 else ("en" if latin else "ar")
