"""Rebuilding the shipped models from the shared data: helpers the trainers share.

Gold files are ``NAME.gold.json`` beside ``NAME.txt`` (see ../shared/eval/GUIDELINES.md).
A trainer is always given the list of gold articles to learn from, so that a
cross-validation bench can leave the scored articles out.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from confreader.extract.arabic import WORD

_LETTER = re.compile(r"[\w\u064b-\u065f\u0670]")
# A gold name may be written after proclitics glued to it: وقال الوزير، لبوتين، وبالأمس.
_PROCLITIC_RUN = re.compile(r"(?:^|(?<=[^\w\u064b-\u065f\u0670]))[وفبلك]{0,2}$")


@dataclass(slots=True, frozen=True)
class GoldArticle:
    path: Path            # the .gold.json file
    text: str             # the article's .txt, as the parser reads it
    gold: dict


def gold_articles(folders: list[Path]) -> list[Path]:
    """Every NAME.gold.json with its NAME.txt in the folders, sorted (a deterministic order)."""
    out = []
    for folder in folders:
        out += [p for p in folder.glob("*.gold.json") if text_path(p).exists()]
    return sorted(out)


def text_path(gold_path: Path) -> Path:
    return gold_path.with_name(gold_path.name.removesuffix(".gold.json") + ".txt")


def read_gold(gold_path: Path) -> GoldArticle:
    raw = text_path(gold_path).read_bytes().decode("utf-8")
    text = raw.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    return GoldArticle(gold_path, text, json.loads(gold_path.read_text(encoding="utf-8")))


def find_word_occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Spans of needle in text that start a word (perhaps after proclitics) and end one."""
    out = []
    if not needle or not WORD.match(needle[0]):
        return out
    i = text.find(needle)
    while i >= 0:
        end = i + len(needle)
        before = text[max(0, i - 3):i]
        starts_word = i == 0 or not _LETTER.match(text[i - 1]) or _PROCLITIC_RUN.search(before)
        ends_word = end >= len(text) or not _LETTER.match(text[end])
        if starts_word and ends_word:
            out.append((i, end))
        i = text.find(needle, i + 1)
    return out


def locate_all(text: str, needles: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping spans (start, end, label) of every needle, longest needles first."""
    taken: list[tuple[int, int, str]] = []
    for needle, label in sorted(set(needles), key=lambda nl: (-len(nl[0]), nl)):
        for a, b in find_word_occurrences(text, needle):
            if all(b <= x or a >= y for x, y, _ in taken):
                taken.append((a, b, label))
    return sorted(taken)
