"""Loading the files of one command: bad files are reported and skipped, the rest go on."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from confreader.loading import expand_paths, load_article
from confreader.model import Article
from confreader.sources import SourceError


class ArticleBatch:
    """The articles named on a command line, loaded one at a time.

    A file that fails prints one line naming it and the problem on stderr;
    the exit code is 0 when all loaded, 1 when some failed, 2 when all failed.
    """

    def __init__(self, files: list[str]):
        self.paths: list[Path] = expand_paths(files)
        self.failed = 0

    def __iter__(self) -> Iterator[Article]:
        for path in self.paths:
            try:
                yield load_article(path)
            except SourceError as e:
                print(f"confreader: {e}", file=sys.stderr, flush=True)
                self.failed += 1

    def exit_code(self) -> int:
        if not self.paths or self.failed == len(self.paths):
            return 2
        return 1 if self.failed else 0
