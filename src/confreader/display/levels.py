"""Unicode Bidirectional Algorithm (UAX#9) embedding levels for one paragraph.

Our own implementation, over a string of one-letter classes (see chars.py), so
each rule is one regular-expression pass in C rather than a Python loop per
character. Why not a library: python-bidi's Rust `get_display` returns no
levels (only a per-byte debug dump that changes between versions), its old
pure-Python algorithm does not pair brackets (N0), and ICU bindings need a
system library that `pip install` alone does not bring. The tests hold these
levels against GNU FriBidi. It covers what article text needs: weak types W1-W7, paired brackets
N0, neutrals N1-N2, implicit levels I1-I2, and line rules L1 (per line, in
layout). Explicit embeddings and isolates are removed as in X9 (see chars.py).
Levels are returned as a ``str`` of chr(level) per character.
"""
from __future__ import annotations

import re

from confreader.display.chars import BRACKET_RE, CLOSING, OPENING, bidi_classes

_STRONG_FIRST = re.compile(r"[LRA]")
_NSM_AFTER = re.compile(r"([^M])(M+)")
_ARABIC_CONTEXT = re.compile(r"A[^LR]*")
_EN_SEPARATOR = re.compile(r"(?<=E)[PC](?=E)")
_AN_SEPARATOR = re.compile(r"(?<=N)C(?=N)")
_TERMINATORS = re.compile(r"(?<=E)T+|T+(?=E)")
_LATIN_CONTEXT = re.compile(r"L[^R]*")
_NEUTRALS_LTR = re.compile(r"(?<=L)[BSWO]+(?=L)")
_NEUTRALS_RTL = re.compile(r"(?<=[REN])[BSWO]+(?=[REN])")
_STRONG_L = re.compile("L")
_STRONG_R = re.compile("[REN]")
_STRONG_CODES = frozenset(b"LREN")

_W6 = str.maketrans("PTC", "OOO")
_N2 = {0: str.maketrans("BSWO", "LLLL"), 1: str.maketrans("BSWO", "RRRR")}
_LEVELS = {0: str.maketrans("LREN", "\x00\x01\x02\x02"), 1: str.maketrans("LREN", "\x02\x01\x02\x02")}


def base_level(classes: str) -> int | None:
    """Rule P2/P3: 1 if the first strong character is right-to-left, 0 if left-to-right, None if none."""
    m = _STRONG_FIRST.search(classes)
    if m is None:
        return None
    return 0 if m.group() == "L" else 1


def paragraph_levels(text: str, base: int, classes: str | None = None) -> str:
    """Resolved embedding level of every character of ``text`` at paragraph level ``base`` (0 or 1)."""
    if classes is None:
        classes = bidi_classes(text)
    if "X" not in classes:
        return _resolve(text, classes, base)
    # X9: resolve without the removed characters, then give each the level before it.
    kept = [i for i, c in enumerate(classes) if c != "X"]
    resolved = _resolve("".join(text[i] for i in kept), "".join(classes[i] for i in kept), base)
    levels = [chr(base)] * len(text)
    for i, level in zip(kept, resolved):
        levels[i] = level
    previous = chr(base)
    for i, c in enumerate(classes):
        if c == "X":
            levels[i] = previous
        else:
            previous = levels[i]
    return "".join(levels)


def _resolve(text: str, classes: str, base: int) -> str:
    e = "R" if base else "L"
    s = e + classes + e  # sos and eos as sentinels
    if "M" in s:  # W1
        s = _NSM_AFTER.sub(lambda m: m[1] * (1 + len(m[2])), s)
    if "A" in s:
        if "E" in s:  # W2
            s = _ARABIC_CONTEXT.sub(lambda m: m[0].replace("E", "N"), s)
        s = s.replace("A", "R")  # W3
    if "P" in s or "C" in s:  # W4
        s = _EN_SEPARATOR.sub("E", s)
        s = _AN_SEPARATOR.sub("N", s)
    if "T" in s:  # W5
        s = _TERMINATORS.sub(lambda m: "E" * len(m[0]), s)
    s = s.translate(_W6)
    if "E" in s and "L" in s:  # W7
        s = _LATIN_CONTEXT.sub(lambda m: m[0].replace("E", "L"), s)
    if "O" in s and BRACKET_RE.search(text):
        s = _resolve_brackets(text, classes, s, e)
    s = _NEUTRALS_LTR.sub(lambda m: "L" * len(m[0]), s)  # N1
    s = _NEUTRALS_RTL.sub(lambda m: "R" * len(m[0]), s)
    s = s.translate(_N2[base])
    return s[1:-1].translate(_LEVELS[base])


def _strong(c: str) -> str:
    return "L" if c == "L" else "R"


def _resolve_brackets(text: str, original: str, s: str, e: str) -> str:
    """Rule N0 on ``s`` (classes with sentinels: text index i is s[i + 1]).

    Pairs are nested or disjoint, so a bracket resolved earlier is never inside a
    later pair: the inside is searched in ``s`` as it was; the strong type before
    an opening bracket is searched where earlier pairs are already resolved.
    """
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for m in BRACKET_RE.finditer(text):
        i = m.start()
        ch = m.group()
        if s[i + 1] != "O":
            continue
        if ch in OPENING:
            if len(stack) == 63:
                break
            stack.append((OPENING[ch], i))
        else:
            closing = CLOSING[ch]
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == closing:
                    pairs.append((stack[k][1], i))
                    del stack[k:]
                    break
    if not pairs:
        return s
    pairs.sort()
    opposite = "L" if e == "R" else "R"
    inside_e = _STRONG_L if e == "L" else _STRONG_R
    inside_opposite = _STRONG_R if e == "L" else _STRONG_L
    out = bytearray(s, "ascii")  # resolved brackets are written here as we go
    for opening, closing in pairs:
        if inside_e.search(s, opening + 2, closing + 1):
            direction = e
        elif inside_opposite.search(s, opening + 2, closing + 1):
            before = opening  # back to the nearest strong type; the sentinel at 0 is sos
            while out[before] not in _STRONG_CODES:
                before -= 1
            direction = opposite if _strong(chr(out[before])) == opposite else e
        else:
            continue
        code = ord(direction)
        for i in (opening, closing):
            j = i  # the bracket, then the marks after it (W1 had made them ON)
            while True:
                out[j + 1] = code
                j += 1
                if j >= len(original) or original[j] != "M":
                    break
    return out.decode("ascii")
