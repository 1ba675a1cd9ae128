"""`confreader show FILE... [--width N] [--bidi app|terminal|off] [--color|--no-color] [--plain]`.

Prints articles the way the reader shows them: headings and paragraphs shaped,
ordered, wrapped and aligned to the width, direct quotes in colour, one output
line per screen line. The `cat` for Arabic articles on a terminal without bidi.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Iterator

from rich.console import Console
from rich.style import Style
from rich.text import Text

from confreader.cli.batch import ArticleBatch
from confreader.display import (ENTER_APP_BIDI, EXIT_APP_BIDI, BidiMode, DisplayOptions, StyledSpan,
                                layout_paragraph, mode_from_environment)
from confreader.model import Article, Quote

HEADING_STYLE = Style(bold=True)
DIRECT_QUOTE_STYLE = Style(color="cyan")


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {number}")
    return number


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="confreader show",
                                 description="Print articles with Arabic shaped, ordered and wrapped for the terminal.")
    ap.add_argument("files", nargs="+", metavar="FILE", help="article files or folders (.txt, .md, .json)")
    ap.add_argument("--width", type=_positive, help="line width in cells (default: the terminal's width)")
    ap.add_argument("--bidi", choices=[m.value for m in BidiMode],
                    help="app: confreader shapes and orders; terminal: the terminal does; off: logical text "
                         "(default: $CONFREADER_BIDI, else guessed from the terminal)")
    colour = ap.add_mutually_exclusive_group()
    colour.add_argument("--color", dest="color", action="store_true", default=None,
                        help="colour even when stdout is not a terminal")
    colour.add_argument("--no-color", dest="color", action="store_false", help="no colour")
    ap.add_argument("--plain", action="store_true",
                    help="only the text: headings and paragraphs, a blank line between them")
    return ap


def _wants_colour(flag: bool | None, plain: bool) -> bool:
    if plain:
        return False
    if flag is not None:
        return flag
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def _quote_spans(quotes: list[Quote], start: int, end: int) -> list[StyledSpan]:
    """Direct quotes over article text start..end, as spans local to that text."""
    return [StyledSpan(max(q.start, start) - start, min(q.end, end) - start, DIRECT_QUOTE_STYLE)
            for q in quotes if q.kind == "direct" and q.start < end and q.end > start]


def article_lines(article: Article, width: int, options: DisplayOptions, styled: bool) -> Iterator[Text]:
    """Screen lines of the article: each heading and paragraph laid out, a blank line between them."""
    quotes = sorted(article.quotes, key=lambda q: q.start)
    blocks: list[tuple[int, int, Style | None]] = []
    headings = {s.heading for s in article.sections}
    if article.title and article.title not in headings:
        blocks.append((-1, -1, HEADING_STYLE))
    for section in article.sections:
        if section.heading_span is not None:
            blocks.append((*section.heading_span, HEADING_STYLE))
        blocks.extend((p.start, p.end, None) for p in section.paragraphs)
    for i, (start, end, style) in enumerate(blocks):
        if i:
            yield Text()
        text = (article.title or "") if start < 0 else article.text[start:end]
        spans = _quote_spans(quotes, start, end) if styled and start >= 0 else []
        for line in layout_paragraph(text, width, options).lines:
            rendered = line.to_text(spans, style if styled else None)
            rendered.rstrip()
            yield rendered


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    width = args.width or shutil.get_terminal_size(fallback=(80, 24)).columns
    mode = BidiMode(args.bidi) if args.bidi else mode_from_environment()
    options = DisplayOptions(mode=mode)
    colour = _wants_colour(args.color, args.plain)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # a non-UTF-8 locale must not crash the listing
    console = Console(file=sys.stdout, force_terminal=colour, no_color=not colour, highlight=False,
                      markup=False, emoji=False, width=max(width, 1) + 1, soft_wrap=True)
    # Terminals with their own bidi (ECMA-48 BDSM, e.g. VTE) must leave our order alone.
    bidi_escapes = mode is BidiMode.APP and not args.plain and sys.stdout.isatty()
    batch = ArticleBatch(args.files)
    shown = 0
    if bidi_escapes:
        sys.stdout.write(ENTER_APP_BIDI)
    try:
        for article in batch:
            if shown:
                console.print()
            shown += 1
            for line in article_lines(article, width, options, styled=colour):
                console.print(line)
            sys.stdout.flush()
    finally:
        if bidi_escapes:
            sys.stdout.write(EXIT_APP_BIDI)
            sys.stdout.flush()
    return batch.exit_code()
