"""`confreader show FILE... [--width N] [--bidi app|terminal|off | --visual | --logical] [--color|--no-color] [--plain]`.

Prints articles the way the reader shows them: headings and paragraphs shaped,
ordered, wrapped and aligned to the width, direct quotes in colour, one output
line per screen line. The `cat` for Arabic articles on a terminal without bidi.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator

from rich.style import Style
from rich.text import Text

from confreader.cli.args import ArgumentParser
from confreader.cli.batch import ArticleBatch
from confreader.cli.terminal import MAX_WIDTH, ordered_by_us, terminal_width, text_console
from confreader.display import BidiMode, DisplayOptions, StyledSpan, layout_paragraph, mode_from_environment
from confreader.model import Article, Quote

HEADING_STYLE = Style(bold=True)
DIRECT_QUOTE_STYLE = Style(color="cyan")


MIN_WIDTH = 20


def _width(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if not MIN_WIDTH <= number <= MAX_WIDTH:
        raise argparse.ArgumentTypeError(f"must be between {MIN_WIDTH} and {MAX_WIDTH}: {number}")
    return number


def build_parser() -> argparse.ArgumentParser:
    ap = ArgumentParser(prog="confreader show",
                        description="Print articles with Arabic shaped, ordered and wrapped for the terminal.")
    ap.add_argument("files", nargs="+", metavar="FILE", help="article files or folders (.txt, .md, .json, .jsonl, .html, .zip); FILE#N or ARCHIVE!MEMBER#N (an article's source as `parse` prints it) for one article of many")
    ap.add_argument("--width", type=_width,
                    help=f"line width in cells, {MIN_WIDTH} to {MAX_WIDTH} (default: the terminal's width)")
    order = ap.add_mutually_exclusive_group()
    order.add_argument("--bidi", choices=[m.value for m in BidiMode],
                       help="app: confreader shapes and orders; terminal: the terminal does; off: logical text "
                            "(default on a terminal: $CONFREADER_BIDI, else guessed from the terminal; "
                            "on a pipe: $CONFREADER_BIDI, else logical)")
    order.add_argument("--visual", dest="bidi", action="store_const", const=BidiMode.APP.value,
                       help="shaped and in display order, as on screen (same as --bidi app)")
    order.add_argument("--logical", dest="bidi", action="store_const", const=BidiMode.OFF.value,
                       help="logical Unicode text, as stored (same as --bidi off)")
    colour = ap.add_mutually_exclusive_group()
    colour.add_argument("--color", dest="color", action="store_true", default=None,
                        help="colour even when stdout is not a terminal")
    colour.add_argument("--no-color", dest="color", action="store_false", help="no colour")
    ap.add_argument("--plain", action="store_true",
                    help="only the text: headings and paragraphs, a blank line between them")
    return ap


def output_mode(requested: str | None, to_terminal: bool) -> BidiMode:
    """The flag if given; else on a terminal the environment's guess, and on a pipe logical
    text (what a file or another program wants) unless CONFREADER_BIDI asks otherwise."""
    if requested:
        return BidiMode(requested)
    if to_terminal or os.environ.get("CONFREADER_BIDI"):
        return mode_from_environment()
    return BidiMode.OFF


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
    width = args.width or terminal_width()
    mode = output_mode(args.bidi, sys.stdout.isatty())
    options = DisplayOptions(mode=mode)
    colour = _wants_colour(args.color, args.plain)
    console = text_console(sys.stdout, width, colour)
    batch = ArticleBatch(args.files)
    shown = 0

    def show(article: Article) -> None:
        nonlocal shown
        if shown:
            console.print()
        shown += 1
        for line in article_lines(article, width, options, styled=colour):
            console.print(line)
        sys.stdout.flush()

    with ordered_by_us(sys.stdout, mode, enabled=not args.plain):
        batch.each(show)
    return batch.exit_code()
