"""Our visual order against an independent UAX#9 implementation: GNU FriBidi's `fribidi`.

For every paragraph of the dev articles, wrapped at several widths, each of
our lines must hold its letters, digits and punctuation in the order fribidi
gives the same logical line (brackets mirrored), and our embedding levels of
each whole paragraph must equal fribidi's. Line breaks are ours.
"""
from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from confreader.display import DisplayOptions, layout_paragraph
from confreader.display.levels import paragraph_levels

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"
WIDTHS = (30, 50, 80)

pytestmark = [
    pytest.mark.skipif(shutil.which("fribidi") is None, reason="GNU FriBidi's `fribidi` is not installed"),
    pytest.mark.skipif(not DEV.is_dir(), reason=f"{DEV} is missing"),
]


def _paragraphs() -> list[str]:
    out = []
    for path in sorted(DEV.glob("*.txt")):
        out.extend(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return out


def _fribidi(lines: list[str], direction: str, *flags: str) -> list[str]:
    """One fribidi run over many lines (each line is a paragraph to fribidi)."""
    result = subprocess.run(["fribidi", f"--{direction}", "--nopad", "--nobreak", *flags],
                            input="\n".join(lines) + "\n", capture_output=True, text=True, check=True)
    out = result.stdout.split("\n")
    assert out[-1] == "" and len(out) == len(lines) + 1
    return out[:-1]


# A lam-alef ligature is one glyph; on screen (right to left) its alef is the left half.
_LAM_ALEF_VISUAL = {cp: unicodedata.normalize("NFKC", chr(cp))[::-1] for cp in range(0xFEF5, 0xFEFD)}


def _comparable(visual: str) -> str:
    """Letters, digits and brackets, presentation forms folded back to letters."""
    folded = unicodedata.normalize("NFKC", visual.translate(_LAM_ALEF_VISUAL))
    return "".join(ch for ch in folded if ch.isalnum() or unicodedata.category(ch) in ("Ps", "Pe"))


def test_dev_articles_are_there():
    assert len(_paragraphs()) > 50


@pytest.mark.parametrize("width", WIDTHS)
def test_each_line_is_ordered_like_fribidi(width):
    ours: dict[str, list[tuple[str, str]]] = {"rtl": [], "ltr": []}
    for paragraph in _paragraphs():
        layout = layout_paragraph(paragraph, width, DisplayOptions())
        for line in layout.lines:
            assert line.cells <= width
            ours[layout.direction].append((paragraph[line.start:line.end], line.visual))
    assert ours["rtl"], "the dev articles are Arabic: most paragraphs must be right-to-left"
    mismatches = []
    for direction, pairs in ours.items():
        if not pairs:
            continue
        theirs = _fribidi([logical for logical, _ in pairs], direction)
        for (logical, visual), reference in zip(pairs, theirs):
            if _comparable(visual) != _comparable(reference):
                mismatches.append((logical, visual, reference))
    assert not mismatches, mismatches[:3]


def test_paragraph_levels_equal_fribidi():
    by_direction: dict[str, list[str]] = {"rtl": [], "ltr": []}
    for paragraph in _paragraphs():
        by_direction[layout_paragraph(paragraph, 80).direction].append(paragraph)
    for direction, paragraphs in by_direction.items():
        if not paragraphs:
            continue
        reference = _fribidi(paragraphs, direction, "--levels", "--novisual")
        base = 1 if direction == "rtl" else 0
        for paragraph, levels in zip(paragraphs, reference):
            ours = [ord(c) for c in paragraph_levels(paragraph, base)]
            # fribidi reports levels after rule L1 on the paragraph as one line.
            trailing = len(paragraph) - len(paragraph.rstrip())
            ours[len(ours) - trailing:] = [base] * trailing
            assert ours == [int(x) for x in levels.split()], paragraph


def test_levels_of_random_mixed_text_equal_fribidi():
    """Brackets, numbers, separators and marks in combinations the dev articles lack.

    Marks and brackets are drawn separately: fribidi 1.0.8 loses a bracket
    that follows a mark after a neutral (it merges them into one run), where
    UAX#9 BD16 still pairs it."""
    import random

    rng = random.Random(20261130)
    common = "abcXYZ" "مرحبالعربية" "0123456789" "٠١٢٣" "+-" "$%#" ",.:/" " " "!\"'«»<>" "\u200e\u200f"
    samples = []
    for alphabet in (common + "()[]{}", common + "\u064e\u0651", common + "\u200c\u200d\u00ad"):
        samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(300)]
    for direction, base in (("rtl", 1), ("ltr", 0)):
        reference = _fribidi(samples, direction, "--levels", "--novisual")
        for sample, levels in zip(samples, reference):
            ours = [ord(c) for c in paragraph_levels(sample, base)]
            theirs = [int(x) for x in levels.split()]
            trailing = len(sample) - len(sample.rstrip(" "))
            ours[len(ours) - trailing:] = [base] * trailing
            # Characters removed by rule X9 (ZWJ, ZWNJ, soft hyphen) are never drawn:
            # only the levels they leave their neighbours matter.
            drawn = [i for i, ch in enumerate(sample) if ch not in "\u200c\u200d\u00ad"]
            assert [ours[i] for i in drawn] == [theirs[i] for i in drawn], (direction, sample)
