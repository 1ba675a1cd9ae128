"""Filling the index: files parsed in N processes, written by this one process.

With `dask=ADDRESS` the files are parsed on a Dask cluster's workers instead (the
same `parse_file`), and this process stays the one writer.

Each file's articles are replaced in one transaction (WAL mode), so an index
killed at any moment holds whole files only, and the next run resumes: a file
whose content hash is already stored is skipped. One indexer at a time per
database: a second one waits a little for the lock, then refuses.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass, field
from pathlib import Path

from confreader.library.rows import ArticleRows, article_rows, decompress, folded_key, merged_lists, most_common
from confreader.library.schema import DatabaseProblem, connect
from confreader.loading import expand_paths, iter_file_articles, unexpected_error
from confreader.model import Article
from confreader.sources import SourceError
from confreader.sources.decode import read_file_bytes
from confreader.sources.formats import ARTICLE_EXTENSIONS
from confreader.sources.names import one_line

Report = Callable[[str], None]   # one line, already naming the file and escaped
LOCK_WAIT_SECONDS = 3.0


def _articles_of(path: Path, warn: Callable[[SourceError], None]) -> Iterator[Article | SourceError]:
    """Every article the file holds (a zip or a news JSON list holds many), bad records as errors."""
    yield from iter_file_articles(path, warn)


@dataclass
class ParsedFile:
    path: str
    articles: list[ArticleRows] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)      # one line each, already naming the file
    warnings: list[str] = field(default_factory=list)


def parse_file(path: str) -> ParsedFile:
    """A pure function of the file (run in the worker processes): its articles as rows."""
    parsed = ParsedFile(path)
    try:
        for item in _articles_of(Path(path), lambda w: parsed.warnings.append(f"{w.path}: warning: {w.problem}")):
            if isinstance(item, SourceError):
                parsed.errors.append(str(item))
            else:
                parsed.articles.append(article_rows(item))
    except Exception as e:  # noqa: BLE001 - a bug in one file's rows is that file's one line
        parsed.errors.append(str(unexpected_error(path, e)))
    return parsed


@dataclass
class IndexSummary:
    indexed: int = 0           # parsed and written this run
    unchanged: int = 0         # skipped: same content hash as stored
    failed: int = 0
    removed: int = 0           # --prune: stored files no longer on disk
    articles: int = 0          # articles written this run
    seconds: float = 0.0


@dataclass
class Progress:
    """What the indexer tells its caller after each file (a progress bar, or nothing)."""
    start: Callable[[int], None] = lambda total: None            # files to parse
    advance: Callable[[int], None] = lambda articles: None       # one file done, with its articles


def index_paths(paths: Iterable[str | Path], db_path: Path, jobs: int = 1, rebuild: bool = False,
                prune: bool = False, report: Report | None = None, warn: Callable[[str], None] | None = None,
                progress: Progress | None = None, lock_wait: float = LOCK_WAIT_SECONDS,
                dask: str | None = None) -> IndexSummary:
    """Index the article files under `paths` into `db_path`, parsed in `jobs` local processes or,
    with `dask` (a scheduler address), on that cluster's workers. Bad files are `report`ed and the
    others go on; a problem with the database itself is a DatabaseProblem, with the cluster a
    ClusterProblem (raised before anything is written when the cluster cannot be reached)."""
    report = report or (lambda e: None)
    warn = warn or (lambda line: None)
    progress = progress or Progress()
    began = time.monotonic()
    db_path = Path(db_path)
    parse_many = _parsed_locally(jobs) if dask is None else _parsed_on_dask(dask)
    # The parsers first: a cluster that cannot be reached stops the run before --rebuild removes anything.
    with _writer_lock(db_path, lock_wait), parse_many as parsed:
        if rebuild:
            remove_database(db_path)
        _check_writable(db_path)
        db = connect(db_path, write=True)
        try:
            summary = _index(db, db_path, list(paths), parsed, prune, report, warn, progress)
        finally:
            db.close()
    summary.seconds = time.monotonic() - began
    return summary


def _index(db: sqlite3.Connection, db_path: Path, paths: list[str | Path], parse_many: ParseMany, prune: bool,
           report: Report, warn: Callable[[str], None], progress: Progress) -> IndexSummary:
    summary = IndexSummary()
    files = [p.resolve() for p in expand_paths(paths, lambda e: report(str(e)))]
    stored = {row[0]: row[1] for row in db.execute("SELECT path, hash FROM files")}
    todo: list[tuple[str, str, os.stat_result]] = []
    for path in files:
        try:
            digest, info = content_hash(path)
        except SourceError as e:
            report(str(e))
            summary.failed += 1
            continue
        if stored.get(str(path)) == digest:
            summary.unchanged += 1
        else:
            todo.append((str(path), digest, info))
    if prune:
        summary.removed = _prune(db, db_path, paths, {str(p) for p in files})
    progress.start(len(todo))
    by_path = {path: (digest, info) for path, digest, info in todo}
    try:
        with _Transactions(db) as transactions:
            for parsed in parse_many(list(by_path)):
                for line in parsed.warnings:
                    warn(line)
                digest, info = by_path[parsed.path]
                for line in parsed.errors:
                    report(line)
                if parsed.articles or not parsed.errors:
                    replace_file(db, parsed.path, digest, info, parsed.articles)
                else:
                    # Unreadable now: what was indexed from it is no longer the file; retried next run.
                    remove_file(db, parsed.path)
                transactions.file_done()
                if parsed.articles:
                    summary.indexed += 1
                    summary.articles += len(parsed.articles)
                if parsed.errors:
                    summary.failed += 1
                progress.advance(len(parsed.articles))
        _merge_speakers(db)
    except sqlite3.Error as e:
        raise DatabaseProblem(db_path, f"cannot write the index ({e}); every file committed before is kept, "
                                       f"run again to resume") from None
    except ParserDied as e:
        raise DatabaseProblem(db_path, f"{e}; every file committed before is kept, run again to resume") from None
    return summary


def _merge_speakers(db: sqlite3.Connection) -> None:
    """speaker_totals rebuilt from every article's speakers, if articles changed since the last time."""
    generations = dict(db.execute("SELECT key, value FROM meta").fetchall())
    if generations["generation"] == generations["speakers_generation"]:
        return
    from confreader.library.sqlite import SPEAKER_GROUPS

    with _Transactions(db):
        db.execute("DELETE FROM speaker_totals")
        for key, names, titles, roles, kind, quotes, articles, said_as in db.execute(
                f"{SPEAKER_GROUPS} GROUP BY name_key").fetchall():
            merged_titles = merged_lists(titles)
            # Every way an article named them, each once: what the archive's speaker search matches.
            said = "\n".join(dict.fromkeys(said_as.split("\n")))
            db.execute("INSERT INTO speaker_totals VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (key, most_common(names.split("\x1f")), json.dumps(merged_titles, ensure_ascii=False),
                        json.dumps(merged_lists(roles), ensure_ascii=False), kind, quotes, articles, said))
        db.execute("UPDATE meta SET value = ? WHERE key = 'speakers_generation'", (generations["generation"],))


class _Transactions:
    """Whole files per transaction, committed every COMMIT_FILES files or COMMIT_SECONDS: one
    transaction per file made FTS5 write and merge a segment per file (8 ms each); a kill
    still leaves whole files only, and loses at most the last second's parsing."""

    COMMIT_SECONDS = 1.0
    COMMIT_FILES = 100

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self) -> _Transactions:
        self.db.execute("BEGIN IMMEDIATE")
        self.began, self.files = time.monotonic(), 0
        return self

    def file_done(self) -> None:
        self.files += 1
        if self.files >= self.COMMIT_FILES or time.monotonic() - self.began >= self.COMMIT_SECONDS:
            self.db.execute("COMMIT")
            self.db.execute("BEGIN IMMEDIATE")
            self.began, self.files = time.monotonic(), 0

    def __exit__(self, kind: type | None, *exc: object) -> None:
        if kind is None:
            self.db.execute("COMMIT")
        elif self.db.in_transaction:
            self.db.execute("ROLLBACK")


ParseMany = Callable[[list[str]], Iterator[ParsedFile]]


def _chunks(paths: list[str], workers: int) -> Iterator[list[str]]:
    """Small files go in groups (one task per file would cost more than its parse), yet enough
    groups that every worker stays busy."""
    size = max(1, min(16, len(paths) // (workers * 8)))
    return (paths[i:i + size] for i in range(0, len(paths), size))


def _in_order(submitted: Iterator[Future], window: int) -> Iterator[ParsedFile]:
    """Each file parsed, in the files' order (so a run's article ids follow it whatever the
    workers' speed), with at most `window` chunks submitted ahead of the writer: results never
    pile up in memory when the writer is the slower side. A process pool's futures and
    dask.distributed's answer the same result() and cancel()."""
    from collections import deque

    waiting: deque = deque()
    try:
        for future in submitted:
            waiting.append(future)
            if len(waiting) >= window:
                yield from waiting.popleft().result()
        while waiting:
            yield from waiting.popleft().result()
    finally:
        for future in waiting:
            future.cancel()


class _parsed_locally:
    """Parsing in this process (one job) or in a pool of `jobs` processes."""

    def __init__(self, jobs: int):
        self.jobs = jobs

    def __enter__(self) -> ParseMany:
        return self.parsed

    def __exit__(self, *exc: object) -> None:
        pass

    def parsed(self, paths: list[str]) -> Iterator[ParsedFile]:
        if self.jobs <= 1 or len(paths) <= 1:
            yield from map(parse_file, paths)
            return
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        pool = ProcessPoolExecutor(min(self.jobs, len(paths)))
        try:
            submitted = (pool.submit(_parse_chunk, chunk) for chunk in _chunks(paths, self.jobs))
            yield from _in_order(submitted, self.jobs * 4)
        except BrokenProcessPool:
            raise ParserDied("a parsing process died (killed, or out of memory? --jobs 1 finds the file)") from None
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


class _parsed_on_dask:
    """Parsing on the workers of the Dask cluster at `address` (dask.distributed, an optional
    extra imported only here). Entering connects and checks that workers are there and run
    this confreader version: a cluster problem is one line before the database is touched."""

    CONNECT_SECONDS = 10.0
    WORKERS_SECONDS = 10.0

    def __init__(self, address: str):
        self.address = address
        try:
            import distributed  # noqa: F401 - only to say what is missing, here, before any work
        except ImportError:
            raise ClusterProblem("--dask needs dask.distributed: pip install 'confreader[dask]'") from None

    def __enter__(self) -> ParseMany:
        from distributed import Client
        from distributed.comm import resolve_address

        where = one_line(self.address)
        # dask logs a lost scheduler as tracebacks; here it is the one line raised below.
        self.quieted = _quiet_logger("distributed")
        try:
            # A malformed address is refused here: a Client that fails on one hangs 20 s on exit.
            resolve_address(self.address)
            self.client = Client(self.address, timeout=self.CONNECT_SECONDS, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as e:
            self.quieted.restore()
            raise ClusterProblem(f"cannot reach the Dask scheduler at {where} ({one_line(e) or type(e).__name__})") \
                from None
        try:
            self._check_workers(where)
        except BaseException:
            self.__exit__()
            raise
        return self.parsed

    def _check_workers(self, where: str) -> None:
        try:
            self.client.wait_for_workers(1, timeout=self.WORKERS_SECONDS)
        except (OSError, TimeoutError) as e:
            raise ClusterProblem(f"no Dask worker joined the scheduler at {where} within "
                                 f"{self.WORKERS_SECONDS:.0f} s ({one_line(e) or type(e).__name__})") from None
        ours = _confreader_version()
        try:
            theirs = self.client.run(_confreader_version)
        except Exception as e:  # noqa: BLE001 - whatever a worker lacks, it is one line
            raise ClusterProblem(f"the Dask workers at {where} cannot run confreader "
                                 f"({one_line(e) or type(e).__name__}); install confreader {ours} on them") from None
        wrong = sorted(worker for worker, version in theirs.items() if version != ours)
        if wrong:
            raise ClusterProblem(f"Dask worker {one_line(wrong[0])} runs confreader {one_line(theirs[wrong[0]])}, "
                                 f"this is {ours}: install the same version on every worker")

    def __exit__(self, *exc: object) -> None:
        try:
            self.client.close()
        finally:
            self.quieted.restore()

    def parsed(self, paths: list[str]) -> Iterator[ParsedFile]:
        from distributed import KilledWorker

        workers = max(1, sum(self.client.nthreads().values()))
        submitted = (self.client.submit(_parse_chunk, chunk, pure=False) for chunk in _chunks(paths, workers))
        try:
            yield from _in_order(submitted, workers * 4)
        except KilledWorker as e:
            raise ParserDied(f"Dask workers died parsing these files ({one_line(e)})") from None
        except CancelledError:  # the scheduler went away and forgot the work
            raise ParserDied(f"the Dask scheduler at {one_line(self.address)} dropped the work") from None
        except (OSError, TimeoutError) as e:
            raise ParserDied(f"lost the Dask scheduler at {one_line(self.address)} "
                             f"({one_line(e) or type(e).__name__})") from None


class _quiet_logger:
    """The named logger and those under it (dask configures some apart) silenced until restore()."""

    def __init__(self, name: str):
        import logging

        names = [name, *(other for other in logging.root.manager.loggerDict if other.startswith(name + "."))]
        self.levels = {logger: logger.level for logger in map(logging.getLogger, names)}
        for logger in self.levels:
            logger.setLevel(logging.CRITICAL + 1)

    def restore(self) -> None:
        for logger, level in self.levels.items():
            logger.setLevel(level)


def _confreader_version() -> str:
    import confreader

    return str(confreader.__version__)


class ClusterProblem(Exception):
    """The Dask cluster cannot be used (missing, unreachable, no workers); one line."""


def _parse_chunk(paths: list[str]) -> list[ParsedFile]:
    return [parse_file(path) for path in paths]


class ParserDied(Exception):
    """A parsing process or worker ended abruptly (killed, out of memory); one line."""


def content_hash(path: Path) -> tuple[str, os.stat_result]:
    data = read_file_bytes(path)
    return hashlib.blake2b(data, digest_size=20).hexdigest(), path.stat()


def replace_file(db: sqlite3.Connection, path: str, digest: str, info: os.stat_result,
                  articles: list[ArticleRows]) -> None:
    """The file's articles replaced by `articles` (inside the caller's transaction)."""
    db.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
    row = db.execute("SELECT id FROM files WHERE path = ?", (path,)).fetchone()
    if row:
        file_id = row[0]
        _delete_articles(db, file_id)
        db.execute("UPDATE files SET hash = ?, mtime = ?, size = ? WHERE id = ?",
                   (digest, info.st_mtime, info.st_size, file_id))
    else:
        file_id = db.execute("INSERT INTO files (path, hash, mtime, size) VALUES (?, ?, ?, ?)",
                             (path, digest, info.st_mtime, info.st_size)).lastrowid
    for article in articles:
        _insert_article(db, file_id, article)


def _insert_article(db: sqlite3.Connection, file_id: int, a: ArticleRows) -> None:
    article_id = db.execute(
        "INSERT INTO articles (file_id, source, title, outlet, outlet_key, date, day, author, url, language, "
        "direction, quote_count, speaker_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (file_id, a.source, a.title, a.outlet, folded_key(a.outlet), a.date, a.day, a.author, a.url, a.language,
         a.direction, a.quote_count, a.speaker_count)).lastrowid
    db.execute("INSERT INTO bodies (article_id, body, text, folded, paragraphs) VALUES (?, ?, ?, ?, ?)",
               (article_id, a.body, a.text, a.folded, a.paragraphs))
    db.execute("INSERT INTO text_fts (rowid, folded) VALUES (?, ?)", (article_id, a.folded_text))
    speaker_rows = []
    for s in a.speakers:
        speaker_rows.append(db.execute(
            "INSERT INTO speakers (article_id, speaker_id, name, name_key, said_as, titles, roles, kind, quote_count) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, s.speaker_id, s.name, s.name_key, s.said_as, s.titles, s.roles, s.kind,
             s.quote_count)).lastrowid)
    for q in a.quotes:
        speaker_row = speaker_rows[q.speaker_pos] if q.speaker_pos is not None else None
        quote_row = db.execute(
            "INSERT INTO quotes (article_id, quote_id, kind, speaker_row, start, \"end\", text, folded) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, q.quote_id, q.kind, speaker_row, q.start, q.end, q.text, q.folded)).lastrowid
        db.execute("INSERT INTO quotes_fts (rowid, folded) VALUES (?, ?)", (quote_row, q.folded))


def _delete_articles(db: sqlite3.Connection, file_id: int) -> None:
    # The search tables keep no copy of the text (contentless), so a row is deleted by
    # giving back exactly what was indexed: the folded quote, the folded article text.
    for quote_row, folded in db.execute("SELECT q.id, q.folded FROM quotes q JOIN articles a ON a.id = q.article_id "
                                        "WHERE a.file_id = ?", (file_id,)).fetchall():
        db.execute("INSERT INTO quotes_fts (quotes_fts, rowid, folded) VALUES ('delete', ?, ?)", (quote_row, folded))
    for article_id, folded in db.execute("SELECT b.article_id, b.folded FROM articles a JOIN bodies b "
                                         "ON b.article_id = a.id WHERE a.file_id = ?", (file_id,)).fetchall():
        folded_text = decompress(folded)
        db.execute("INSERT INTO text_fts (text_fts, rowid, folded) VALUES ('delete', ?, ?)", (article_id, folded_text))
    owned = "SELECT id FROM articles WHERE file_id = ?"
    db.execute(f"DELETE FROM quotes WHERE article_id IN ({owned})", (file_id,))
    db.execute(f"DELETE FROM speakers WHERE article_id IN ({owned})", (file_id,))
    db.execute(f"DELETE FROM bodies WHERE article_id IN ({owned})", (file_id,))
    db.execute("DELETE FROM articles WHERE file_id = ?", (file_id,))


def remove_file(db: sqlite3.Connection, path: str) -> bool:
    """The file and its articles gone (inside the caller's transaction); False if it was not stored."""
    row = db.execute("SELECT id FROM files WHERE path = ?", (path,)).fetchone()
    if row:
        db.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
        _delete_articles(db, row[0])
        db.execute("DELETE FROM files WHERE id = ?", (row[0],))
    return row is not None


def _prune(db: sqlite3.Connection, db_path: Path, paths: list[str | Path], present: set[str]) -> int:
    """Stored files under the given paths that are no longer there: their articles go."""
    roots = [Path(p).resolve() for p in paths]
    gone = [path for (path,) in db.execute("SELECT path FROM files").fetchall()
            if path not in present and any(Path(path).is_relative_to(root) for root in roots)
            and not Path(path).exists()]
    try:
        with _Transactions(db):
            return sum(remove_file(db, path) for path in gone)
    except sqlite3.Error as e:
        raise DatabaseProblem(db_path, f"cannot write the index ({e})") from None


class _writer_lock:
    """An exclusive lock on DB.lock, held while indexing: a second indexer waits `wait`
    seconds, then refuses. The system drops it when the process dies, even by kill -9."""

    def __init__(self, db_path: Path, wait: float):
        self.db_path, self.wait = db_path, wait

    def __enter__(self) -> None:
        lock_path = self.db_path.with_name(self.db_path.name + ".lock")
        try:
            lock_path.parent.mkdir(parents=True, exist_ok=True)
            self.fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            raise DatabaseProblem(self.db_path, f"cannot write the index here ({e.strerror or e})") from None
        deadline = time.monotonic() + self.wait
        while True:
            try:
                _lock_now(self.fd)
                return
            except OSError:
                if time.monotonic() >= deadline:
                    os.close(self.fd)
                    raise DatabaseProblem(self.db_path, "another `confreader index` is writing this index; "
                                                        "try again when it has finished") from None
                time.sleep(0.1)

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)  # closing drops the lock


def _lock_now(fd: int) -> None:
    """Take the lock or raise OSError at once (flock on POSIX, a locked byte on Windows)."""
    try:
        import fcntl
    except ImportError:
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _check_writable(db_path: Path) -> None:
    # No write bit at all counts as read-only even for root, who could write it anyway: someone made it so.
    if db_path.exists() and (not os.access(db_path, os.W_OK) or not db_path.stat().st_mode & 0o222):
        raise DatabaseProblem(db_path, "read-only: cannot write the index (search and export can still read it)")


def remove_database(db_path: Path) -> None:
    """--rebuild: the old database goes (never a file that could be an article)."""
    if db_path.suffix.lower() in ARTICLE_EXTENSIONS:
        raise DatabaseProblem(db_path, "looks like an article file, not an index; not replacing it")
    for suffix in ("", "-wal", "-shm"):
        target = db_path.with_name(db_path.name + suffix)
        try:
            target.unlink(missing_ok=True)
        except OSError as e:
            raise DatabaseProblem(db_path, f"cannot remove the old index ({e.strerror or e})") from None
