"""Loading the files of one command: bad files are reported and skipped, the rest go on."""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from confreader.loading import expand_paths, load_article, unexpected_error
from confreader.model import Article
from confreader.sources import SourceError, one_line


def report(error: SourceError) -> None:
    """One line on stderr: ``confreader: FILE: problem`` (already escaped by SourceError)."""
    print(f"confreader: {error}", file=sys.stderr, flush=True)


def warn(warning: SourceError) -> None:
    """``confreader: FILE: warning: …`` for a file that loaded with something to say."""
    print(f"confreader: {one_line(warning.path)}: warning: {warning.problem}", file=sys.stderr, flush=True)


class ArticleBatch:
    """The articles named on a command line, loaded one at a time and handed to ``each``.

    A file or folder that fails prints one line naming it and the problem on
    stderr; the exit code is 0 when all loaded, 1 when some failed, 2 when all failed.
    """

    def __init__(self, files: list[str]):
        self.failed = 0
        self.loaded = 0
        self.paths: list[Path] = expand_paths(files, self._fail)

    def _fail(self, error: SourceError) -> None:
        report(error)
        self.failed += 1

    def _articles(self) -> Iterator[tuple[Path, Article]]:
        for path in self.paths:
            try:
                article = load_article(path, warn=warn)
            except SourceError as e:
                self._fail(e)
            else:
                self.loaded += 1
                yield path, article

    def each(self, use: Callable[[Article], None]) -> None:
        """``use`` every article; one that fails even after loading (a bug downstream)
        is that file's one-line error and the others go on."""
        for path, article in self._articles():
            try:
                use(article)
            except BrokenPipeError:
                raise
            except Exception as e:  # noqa: BLE001 - reported, never a traceback
                self.loaded -= 1
                self._fail(unexpected_error(path, e))

    def exit_code(self) -> int:
        if not self.loaded:
            return 2
        return 1 if self.failed else 0
