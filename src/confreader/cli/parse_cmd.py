"""`confreader parse FILE... [--format json|jsonl|text]`: print each parsed article."""
from __future__ import annotations

import argparse
import json
import sys

from confreader.cli.batch import ArticleBatch
from confreader.export.json_schema import article_to_dict
from confreader.export.text import article_to_text


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="confreader parse",
                                 description="Parse articles into sections, quotes and speakers.")
    ap.add_argument("files", nargs="+", metavar="FILE", help="article files or folders (.txt, .md, .json)")
    ap.add_argument("--format", choices=["json", "jsonl", "text"], default="json")
    return ap


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    batch = ArticleBatch(args.files)
    out = sys.stdout
    for i, article in enumerate(batch):
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
    return batch.exit_code()
