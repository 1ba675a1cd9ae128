"""`confreader [PATH...]`: until the reader exists, print the parsed articles as text."""
from __future__ import annotations

from pathlib import Path

from confreader.cli import parse_cmd


def default_paths() -> list[str]:
    here = Path("articles")
    if here.is_dir():
        return [str(here)]
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "samples", package.parent.parent / "articles"):
        if candidate.is_dir():
            return [str(candidate)]
    return [str(here)]


def run(argv: list[str]) -> int:
    return parse_cmd.run((argv or default_paths()) + ["--format", "text"])
