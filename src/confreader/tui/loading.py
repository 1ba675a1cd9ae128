"""The loading worker: every article of every file into the app's library, and the
messages it posts to the app as each article is parsed (or fails)."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from textual.worker import Worker

    from confreader.library import ArticleSummary, LoadFailure
    from confreader.library.file_cache import FileCache
    from confreader.model import Article
    from confreader.sources import SourceError
    from confreader.tui.app import ReaderApp


class ArticleLoaded(Message):
    def __init__(self, summary: ArticleSummary) -> None:
        super().__init__()
        self.summary = summary


class ArticleFailed(Message):
    def __init__(self, failure: LoadFailure) -> None:
        super().__init__()
        self.failure = failure


class LoadingFinished(Message):
    pass


class CacheUnusable(Message):
    """The cache of parsed files cannot be used: the files are parsed without it."""

    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem


def load_into(app: ReaderApp, worker: Worker) -> None:
    """Parse the app's files (run in a worker thread); a file of many articles gives
    a row each, a bad file or record one failure each, and the others go on."""
    from confreader.loading import iter_file_articles, split_locator
    from confreader.sources import SourceError

    cache = _open_cache(app)
    for path in app.paths:
        if worker.is_cancelled:
            break
        # A path may name one article of a file (`day.zip!day.json#17`, as `parse` prints it).
        file, only = split_locator(str(path))
        articles = iter_file_articles if only is None else partial(iter_file_articles, only=only)
        stored = None
        if cache is not None and only is None:
            stored, cache = _using_cache(app, cache, lambda c: c.articles(Path(file)))
        if stored is not None:
            articles = lambda _path, stored=stored: iter(stored)  # noqa: E731 - read back, not parsed
        parsed: list[Article] = []
        found, clean = False, True
        for item in _guarded(Path(file), articles):
            found = True
            if worker.is_cancelled:
                if cache is not None:
                    cache.close()
                return
            if isinstance(item, SourceError):
                clean = False
                app.post_message(ArticleFailed(app.library.add_failure(item.path, item.problem)))
                continue
            parsed.append(item)
            # Not guarded: a library that cannot take an article is the worker's failure, told as such.
            summary = app.add_article(item)
            app.memory.loaded_from(summary.id, _remembered_as(Path(file), item))
            app.post_message(ArticleLoaded(summary))
        if only is not None and not found:
            app.post_message(ArticleFailed(app.library.add_failure(only, "no such article in this file")))
        elif cache is not None and stored is None and clean and parsed and not worker.is_cancelled:
            # Only files that parsed whole: a file with bad records is parsed (and reported) every time.
            _, cache = _using_cache(app, cache, lambda c: c.store(Path(file), parsed))
    if cache is not None:
        _, cache = _using_cache(app, cache, lambda c: c.prune())
    if cache is not None:
        cache.close()
    app.post_message(LoadingFinished())


def _open_cache(app: ReaderApp) -> FileCache | None:
    from confreader.library.file_cache import CacheProblem, FileCache

    try:
        return FileCache()
    except CacheProblem as problem:
        app.post_message(CacheUnusable(str(problem)))
        return None


def _using_cache(app: ReaderApp, cache: FileCache,
                 use: Callable[[FileCache], object]) -> tuple[object, FileCache | None]:
    """What `use(cache)` returns, and the cache; once the cache fails, (None, None): the problem is
    told once, the cache closed, and the files are parsed without it from then on."""
    from confreader.library.file_cache import CacheProblem

    try:
        return use(cache), cache
    except CacheProblem as problem:
        app.post_message(CacheUnusable(str(problem)))
        cache.close()
        return None, None


def _guarded(path: Path, articles: Callable[[Path], Iterator[Article | SourceError]]
             ) -> Iterator[Article | SourceError]:
    """The file's articles; a parser bug while reading it ends that file with its error."""
    from confreader.sources import SourceError

    try:
        yield from articles(path)
    except Exception as error:  # a parser bug must not take the other files down
        detail = " ".join(str(error).split())
        yield SourceError(path, f"could not be parsed ({type(error).__name__}: {detail})")


def _remembered_as(path: Path, article: Article) -> Path:
    """The file an article's place is remembered under: the file, or for one of
    many, its locator (``day.zip!day.json#17``) beside the file."""
    if article.source.startswith((f"{path}!", f"{path}#")):
        return Path(article.source)
    return path
