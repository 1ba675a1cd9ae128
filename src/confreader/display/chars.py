"""Per-character facts the display engine needs: bidi classes, mirroring, brackets, marks, widths.

Bidi classes are one ASCII letter each so a whole paragraph's classes are one
``str`` (made by ``str.translate``) that the UAX#9 rules can rewrite with regular
expressions at C speed instead of a Python loop per character.
"""
from __future__ import annotations

import re
import unicodedata

from bidi.mirror import MIRRORED  # Unicode's BidiMirroring.txt as a plain dict
from rich.cells import get_character_cell_size

# UAX#9 bidi class -> our one-letter code. The explicit embedding, override and
# isolate controls are treated like BN (removed by rule X9): confreader never
# draws them and article text does not use them to nest directions.
_CLASS_CODE = {
    "L": "L", "R": "R", "AL": "A", "EN": "E", "ES": "P", "ET": "T", "AN": "N",
    "CS": "C", "NSM": "M", "BN": "X", "B": "B", "S": "S", "WS": "W", "ON": "O",
    "LRE": "X", "LRO": "X", "RLE": "X", "RLO": "X", "PDF": "X",
    "LRI": "X", "RLI": "X", "FSI": "X", "PDI": "X",
}


class _ClassTable(dict):
    """``str.translate`` table from code point to class letter, filled on first sight."""

    def __missing__(self, codepoint: int) -> str:
        code = _CLASS_CODE.get(unicodedata.bidirectional(chr(codepoint)), "L")
        self[codepoint] = code
        return code


CLASS_TABLE = _ClassTable()


def bidi_classes(text: str) -> str:
    """One class letter per character of ``text``."""
    return text.translate(CLASS_TABLE)


MIRROR_TABLE = str.maketrans(MIRRORED)
MIRRORED_CHARS = re.compile("[" + re.escape("".join(MIRRORED)) + "]")

# Paired brackets (rule BD16): mirrored opening/closing punctuation. Each maps to
# the canonical form of the closing bracket it pairs with, so U+2329 and U+3008
# (canonically equivalent) pair with either closing form.
_CANONICAL = {"\u2329": "\u3008", "\u232a": "\u3009"}
OPENING: dict[str, str] = {}
CLOSING: dict[str, str] = {}
for _ch, _mirror in MIRRORED.items():
    _cat = unicodedata.category(_ch)
    if _cat == "Ps":
        OPENING[_ch] = _CANONICAL.get(_mirror, _mirror)
    elif _cat == "Pe":
        CLOSING[_ch] = _CANONICAL.get(_ch, _ch)
OPENING.setdefault("\u2329", "\u3009")
CLOSING.setdefault("\u232a", "\u3009")
BRACKETS = frozenset(OPENING) | frozenset(CLOSING)
BRACKET_RE = re.compile("[" + re.escape("".join(sorted(BRACKETS))) + "]")

# Harakat drawn in a cell of their own (option harakat="after"): the spacing
# isolated forms from Arabic Presentation Forms-B.
SPACING_HARAKAT = {
    "\u064b": "\ufe70", "\u064c": "\ufe72", "\u064d": "\ufe74", "\u064e": "\ufe76",
    "\u064f": "\ufe78", "\u0650": "\ufe7a", "\u0651": "\ufe7c", "\u0652": "\ufe7e",
}

NO_BREAK_SPACES = "\u00a0\u2007\u202f"


def is_mark(ch: str) -> bool:
    """Combining marks (harakat among them): no cell of their own."""
    return unicodedata.category(ch) in ("Mn", "Me")


def is_invisible(ch: str) -> bool:
    """Controls, format characters (bidi marks, ZWJ/ZWNJ, BOM…): never sent to the screen."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")


def cell_width(ch: str) -> int:
    """Cells a visible character takes, measured exactly as Rich (and so Textual) measures
    and crops lines: ⚌ or ☰ are 2 cells to Rich though not East Asian Wide to Python."""
    return get_character_cell_size(ch)
