"""`confreader parse FILE... [--format json|jsonl|text]`: print each parsed article."""
from __future__ import annotations

import argparse
import json
import sys

from confreader.cli.errors import report_failures
from confreader.export.json_schema import article_to_dict
from confreader.export.text import article_to_text
from confreader.loading import expand_paths, load_article
from confreader.sources import SourceError


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="confreader parse",
                                 description="Parse articles into sections, quotes and speakers.")
    ap.add_argument("files", nargs="+", metavar="FILE", help="article files or folders (.txt, .md, .json)")
    ap.add_argument("--format", choices=["json", "jsonl", "text"], default="json")
    return ap


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    paths = expand_paths(args.files)
    failed = 0
    out = sys.stdout
    for i, path in enumerate(paths):
        try:
            article = load_article(path)
        except SourceError as e:
            print(f"confreader: {e}", file=sys.stderr)
            failed += 1
            continue
        if args.format == "json":
            out.write(json.dumps(article_to_dict(article), ensure_ascii=False, indent=1))
            out.write("\n")
        elif args.format == "jsonl":
            out.write(json.dumps(article_to_dict(article), ensure_ascii=False))
            out.write("\n")
        else:
            if i:
                out.write("\n")
            out.write(article_to_text(article))
        out.flush()
    return report_failures(failed, len(paths))
