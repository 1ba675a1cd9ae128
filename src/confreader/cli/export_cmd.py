"""`confreader export [--db FILE] [filters] --format csv|jsonl|md [--bom] [-o FILE]`: one row per quote."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from confreader.cli.args import ArgumentParser
from confreader.cli.index_cmd import add_db_argument
from confreader.cli.quote_rows import CsvRows, add_filter_arguments, day_of, filters_of, json_line
from confreader.library.sqlite import ArchiveHit
from confreader.model import Article, Quote, Speaker
from confreader.sources.names import one_line


def build_parser() -> argparse.ArgumentParser:
    ap = ArgumentParser(prog="confreader export",
                        description="Every quote of the index (or those the filters keep), one row each: speaker, "
                                    "titles, roles, kind, quote, article title, outlet, date, URL and offsets.")
    add_db_argument(ap)
    add_filter_arguments(ap)
    ap.add_argument("--query", metavar="TEXT", help="only quotes containing TEXT (folded, as in search)")
    ap.add_argument("--format", choices=["csv", "jsonl", "md"], required=True,
                    help="csv (opens in spreadsheets), jsonl, or md (each quote ready to publish)")
    ap.add_argument("--bom", action="store_true", help="CSV: start with a UTF-8 BOM, so Excel reads it as UTF-8")
    ap.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    return ap


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    from confreader.library.schema import DatabaseProblem
    from confreader.library.sqlite import SqliteLibrary

    try:
        library = SqliteLibrary(Path(args.db) if args.db else None)
        hits = library.iter_quotes(args.query, filters_of(args))
        if args.output is None:
            count = _export(hits, args.format, args.bom, sys.stdout)
        else:
            # newline="": the csv module writes its own CRLFs.
            with open(args.output, "w", encoding="utf-8", newline="") as out:
                count = _export(hits, args.format, args.bom, out)
    except DatabaseProblem as e:
        print(f"confreader: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        raise  # `export … | head`: main() ends quietly
    except OSError as e:
        print(f"confreader: {one_line(args.output or '-')}: cannot write ({e.strerror or e})", file=sys.stderr)
        return 2
    print(f"confreader: exported {count} quotes", file=sys.stderr)
    return 0


def _export(hits, fmt: str, bom: bool, out: TextIO) -> int:
    csv_rows = CsvRows(out, bom) if fmt == "csv" else None
    count = 0
    for hit in hits:
        if csv_rows is not None:
            csv_rows.write(hit)
        elif fmt == "jsonl":
            out.write(json_line(hit, with_matches=False) + "\n")
        else:
            out.write(markdown(hit))
        count += 1
    out.flush()
    return count


def markdown(hit: ArchiveHit) -> str:
    """The quote as the reader copies it (export.citation), as a Markdown block quote."""
    from confreader.export.citation import format_citation

    speakers = [Speaker("s", hit.speaker_name, list(hit.speaker_titles), list(hit.speaker_roles))] \
        if hit.speaker_name else []
    quote = Quote(hit.quote_id, hit.kind, 0, len(hit.text), speaker="s" if speakers else None)  # type: ignore[arg-type]
    metadata = {k: v for k, v in (("outlet", hit.outlet), ("date", day_of(hit.date))) if v}
    # An article of just this quote: the citation needs no more, and nothing else is read.
    article = Article(source=hit.source, text=hit.text, title=hit.article_title, language=hit.language,
                      direction=hit.direction, speakers=speakers, quotes=[quote], metadata=metadata)  # type: ignore[arg-type]
    body, attribution = format_citation(article, quote).split("\n", 1)
    lines = [f"> {one_line(body)}", f"> {one_line(attribution)}"]
    if hit.url:
        lines.append(f"> <{one_line(hit.url)}>")
    return "\n".join(lines) + "\n\n"
