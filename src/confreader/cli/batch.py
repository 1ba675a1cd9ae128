"""Loading the files of one command: bad files are reported and skipped, the rest go on."""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from confreader.loading import expand_paths, iter_file_articles, split_locator, unexpected_error
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

    A file may hold many articles (a JSON list, JSON Lines, a zip): each is handed
    on in turn; ``FILE#N`` or ``ARCHIVE!MEMBER#N`` names just one of them. A file,
    folder or record that fails prints one line naming it and the problem on
    stderr; the exit code is 0 when all loaded, 1 when some failed, 2 when all failed.
    """

    def __init__(self, files: list[str]):
        self.failed = 0
        self.loaded = 0
        # Each file to read, with the locator of its one wanted article when given as FILE#N.
        self.files: list[tuple[Path, str | None]] = []
        for name in files:
            file, locator = split_locator(name)
            self.files.extend((path, locator) for path in expand_paths([file], self._fail))

    def _fail(self, error: SourceError) -> None:
        report(error)
        self.failed += 1

    def _articles(self) -> Iterator[tuple[str, Article]]:
        for path, only in self.files:
            found = False
            for item in iter_file_articles(path, warn=warn, only=only):
                found = True
                if isinstance(item, SourceError):
                    self._fail(item)
                else:
                    self.loaded += 1
                    yield item.source, item
            if only is not None and not found:
                self._fail(SourceError(only, "no such article in this file"))

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
