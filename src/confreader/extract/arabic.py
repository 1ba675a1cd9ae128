"""Arabic spelling folds used for matching words, never for output.

Words are found in the original text (so offsets are the text's own) and
folded one by one for lexicon look-ups: hamza-carrying alefs become a bare
alef, alef maqsura yeh, ta marbuta heh, and short vowels and tatweel go.
"""
from __future__ import annotations

import re

TATWEEL = 0x0640
_HARAKAT = [*range(0x064B, 0x0660), 0x0670]

FOLD_TABLE: dict[int, str | None] = {ord(c): "ا" for c in "أإآٱ"}
FOLD_TABLE.update({ord("ى"): "ي", ord("ی"): "ي", ord("ک"): "ك", ord("ة"): "ه"})
FOLD_TABLE.update({c: None for c in (*_HARAKAT, TATWEEL)})  # vowels and tatweel go

# A word: letters and digits, with tatweel and short vowels inside it.
WORD = re.compile(r"[\w\u064b-\u065f\u0670]+")
ARABIC_LETTERS = re.compile(r"[\u0621-\u064a]+")
LATIN_LETTERS = re.compile(r"[A-Za-z]+")


def fold_word(word: str) -> str:
    """A word's lexicon key: folded spelling, no vowels, no tatweel."""
    key = FOLDED_WORDS.get(word)
    if key is None:
        if len(FOLDED_WORDS) > MAX_FOLD_CACHE:
            FOLDED_WORDS.clear()  # bounded memory on endless vocabularies
        key = FOLDED_WORDS[word] = word.translate(FOLD_TABLE)
    return key


# Most words of news text repeat, so folding each distinct word once pays.
FOLDED_WORDS: dict[str, str] = {}
MAX_FOLD_CACHE = 200_000


def detect_language(text: str, sample: int = 600) -> str:
    """'ar' when Arabic letters outnumber Latin ones in the opening of the text, else 'en'."""
    head = text[:sample]
    arabic = len(head) - len(ARABIC_LETTERS.sub("", head))
    latin = len(head) - len(LATIN_LETTERS.sub("", head))
    return "ar" if arabic >= latin and arabic > 0 else ("en" if latin else "ar")
