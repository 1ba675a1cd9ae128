"""Words of a stretch of text with their offsets, folded for lexicon look-ups."""
from __future__ import annotations

from itertools import islice

from confreader.extract.arabic import FOLDED_WORDS, WORD, fold_word


class Tokens:
    """The words of text[start:end]: ``starts``, ``ends`` and folded ``words`` (lexicon keys)."""

    __slots__ = ("text", "start", "starts", "ends", "words")

    def __init__(self, text: str, start: int, end: int, max_words: int = 1 << 30):
        self.text = text
        self.start = start
        matches = list(islice(WORD.finditer(text, start, end), max_words))
        cache = FOLDED_WORDS
        words = [m.group() for m in matches]
        words = [cache.get(w) or fold_word(w) for w in words]
        if "" in words:  # a lone vowel or tatweel is no word
            keep = [i for i, w in enumerate(words) if w]
            matches = [matches[i] for i in keep]
            words = [words[i] for i in keep]
        self.words = words
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]

    def __len__(self) -> int:
        return len(self.words)

    def gap(self, i: int) -> str:
        """The text between word i-1 (or the window's start) and word i."""
        return self.text[self.ends[i - 1] if i > 0 else self.start:self.starts[i]]

    def joined(self, i: int) -> bool:
        """Word i follows word i-1 with nothing but spaces between them."""
        return i > 0 and not self.gap(i).strip()

    def raw(self, i: int, j: int) -> str:
        """The original text from word i to word j-1 inclusive."""
        return self.text[self.starts[i]:self.ends[j - 1]]
