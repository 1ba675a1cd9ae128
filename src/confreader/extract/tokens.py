"""Words of a stretch of text with their offsets, folded for lexicon look-ups."""
from __future__ import annotations

from confreader.extract.arabic import TATWEEL, WORD


class Tokens:
    """The words of folded[start:end]: ``starts``, ``ends`` and bare folded ``words``."""

    __slots__ = ("text", "start", "starts", "ends", "words")

    def __init__(self, text: str, folded: str, start: int, end: int, max_words: int = 1 << 30):
        self.text = text
        self.start = start
        self.starts: list[int] = []
        self.ends: list[int] = []
        words: list[str] = []
        self.words = words
        starts, ends = self.starts, self.ends
        for m in WORD.finditer(folded, start, end):
            w = m.group()
            if TATWEEL in w:
                w = w.replace(TATWEEL, "")
                if not w:
                    continue
            s, e = m.span()
            starts.append(s)
            ends.append(e)
            words.append(w)
            if len(words) >= max_words:
                break

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
