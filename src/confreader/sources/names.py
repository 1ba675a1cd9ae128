"""File names and other untrusted labels, made safe to show on one line.

A file name can hold anything but ``/`` and NUL: escape sequences, newlines,
bidi overrides. Shown raw, it can rewrite the terminal or the layout of a line.
"""
from __future__ import annotations

import unicodedata
from pathlib import PurePath


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of the file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _unsafe(ch: str) -> bool:
    # Formatting characters (Cf) hide or reorder text; lone surrogates cannot be encoded.
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp")


def one_line(label: str | PurePath) -> str:
    """``label`` with every control, invisible formatting character or line break shown as an escape."""
    text = str(label)
    if text.isprintable():
        return text
    return "".join(_escape(ch) if _unsafe(ch) else ch for ch in text)
