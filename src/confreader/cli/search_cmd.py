"""`confreader search QUERY [--db FILE] [filters] [--full-text] [--limit N] [--format text|jsonl|csv]`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from confreader.cli.args import ArgumentParser
from confreader.cli.index_cmd import add_db_argument
from confreader.cli.quote_rows import CsvRows, add_filter_arguments, filters_of, json_line, text_block


def build_parser() -> argparse.ArgumentParser:
    ap = ArgumentParser(prog="confreader search",
                        description="Search the quotes of the index (harakat, tatweel, alef forms and case "
                                    "ignored, as in the reader). Exit 1 when nothing matched.")
    ap.add_argument("query", metavar="QUERY")
    add_db_argument(ap)
    add_filter_arguments(ap)
    ap.add_argument("--full-text", action="store_true",
                    help="search the articles' whole text instead of their quotes (one hit per paragraph; "
                         "at least 3 letters; --speaker and --kind do not apply)")
    ap.add_argument("--limit", type=int, default=200, metavar="N", help="at most N hits (default 200; 0: all)")
    ap.add_argument("--format", choices=["text", "jsonl", "csv"], default="text",
                    help="text (default; matches between ⟦ ⟧), jsonl (with the offsets of each match) or csv")
    return ap


def run(argv: list[str]) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    if args.full_text and (args.speaker or args.kind):
        ap.error("--speaker and --kind filter quotes; they do not apply to --full-text")
    from confreader.library.folding import fold_query

    if not fold_query(args.query):
        ap.error("QUERY has nothing to search for (only spaces or marks); `confreader export` lists every quote")
    from confreader.library.schema import DatabaseProblem
    from confreader.library.sqlite import SqliteLibrary

    try:
        library = SqliteLibrary(Path(args.db) if args.db else None)
        filters = filters_of(args)
        hits = library.iter_text_hits(args.query, filters) if args.full_text else library.iter_quotes(args.query, filters)
        found = _write(hits, args.format, args.limit, sys.stdout)
    except DatabaseProblem as e:
        print(f"confreader: {e}", file=sys.stderr)
        return 2
    return 0 if found else 1


def _on_terminal(hits, limit: int, out) -> int:
    """Text output on a terminal: fitted to its width, Arabic shaped and ordered, matches in reverse video."""
    from rich.style import Style

    from confreader.cli.quote_rows import escaped_with_matches, who_and_where
    from confreader.cli.terminal import ordered_by_us, terminal_width, text_console
    from confreader.display import DisplayOptions, StyledSpan, layout_paragraph, mode_from_environment

    width = terminal_width()
    mode = mode_from_environment()
    options = DisplayOptions(mode=mode)
    console = text_console(out, width, colour=True)
    match = Style(reverse=True)
    found = 0
    with ordered_by_us(out, mode):
        for hit in hits:
            for line in layout_paragraph(who_and_where(hit), width, options).lines:
                console.print(line.to_text())
            quote, matches = escaped_with_matches(hit)
            spans = [StyledSpan(a, b, match) for a, b in matches]
            for line in layout_paragraph(quote, max(1, width - 4), options).lines:
                console.print("    ", line.to_text(spans), sep="")
            found += 1
            if found == limit:
                break
    out.flush()
    return found


def _write(hits, fmt: str, limit: int, out) -> int:
    if fmt == "text" and out.isatty():
        return _on_terminal(hits, limit, out)
    csv_rows = CsvRows(out, bom=False) if fmt == "csv" else None
    found = 0
    for hit in hits:
        if csv_rows is not None:
            csv_rows.write(hit)
        elif fmt == "jsonl":
            out.write(json_line(hit, with_matches=True) + "\n")
        else:
            out.write(text_block(hit))
        found += 1
        if found == limit:
            break
    out.flush()
    return found
