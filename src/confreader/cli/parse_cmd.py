"""`confreader parse FILE... [--format json|jsonl|text]`: print each parsed article (a file may hold many)."""
from __future__ import annotations

import argparse
import json
import re
import sys

from confreader.cli.args import ArgumentParser
from confreader.cli.batch import ArticleBatch
from confreader.export.json_schema import article_to_dict
from confreader.export.text import article_to_text
from confreader.model import Article

# json.dumps(ensure_ascii=False) escapes C0 controls but leaves DEL and the C1 range
# (U+0080-U+009F, among them the 8-bit CSI) raw; in JSON they only occur inside strings.
_RAW_IN_JSON = re.compile(r"[\x7f-\x9f]")


def to_json(article: Article, indent: int | None) -> str:
    """The article as JSON with every control character escaped."""
    raw = json.dumps(article_to_dict(article), ensure_ascii=False, indent=indent)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", raw)


def build_parser() -> argparse.ArgumentParser:
    ap = ArgumentParser(prog="confreader parse",
                        description="Parse articles into sections, quotes and speakers.")
    ap.add_argument("files", nargs="+", metavar="FILE", help="article files or folders (.txt, .md, .json, .jsonl, .html, .zip); FILE#N or ARCHIVE!MEMBER#N (an article's source as `parse` prints it) for one article of many")
    ap.add_argument("--format", choices=["json", "jsonl", "text"], default="json",
                    help="json (default), jsonl (one article per line) or text (a readable listing; "
                         "on a terminal, fitted to its width with Arabic shaped)")
    return ap


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    batch = ArticleBatch(args.files)
    out = sys.stdout
    if args.format == "text" and out.isatty():
        from confreader.cli.listing import print_listing

        print_listing(batch, out)
        return batch.exit_code()
    first = True

    def write(article: Article) -> None:
        nonlocal first
        if args.format == "text":
            out.write(("" if first else "\n") + article_to_text(article))
        else:
            out.write(to_json(article, 1 if args.format == "json" else None) + "\n")
        first = False
        out.flush()

    batch.each(write)
    return batch.exit_code()
