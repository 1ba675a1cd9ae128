"""The reader's cache of parsed files, so that opening a folder the second time parses nothing.

An index database (library/schema.py, written by the indexer's own row writer)
at ``platformdirs.user_cache_dir("confreader")/files.db`` (``CONFREADER_CACHE``
names another file). A file is known by its resolved path: when its size and
mtime are the stored ones its articles are read back as stored; when they
differ its content hash decides. A new parser (another confreader version or
other model files) empties the cache; so does a cache of another schema. Files
not opened for KEEP_DAYS days are dropped. Any problem with the cache itself is
a CacheProblem: the reader then parses without it. Source files are only read.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

from confreader.library.indexing import content_hash, remove_database, remove_file, replace_file
from confreader.library.rows import article_of_body, article_rows
from confreader.library.schema import APPLICATION_ID, SCHEMA_VERSION, DatabaseProblem, connect
from confreader.model import Article
from confreader.sources import SourceError
from confreader.sources.names import one_line

CACHE_ENV = "CONFREADER_CACHE"
KEEP_DAYS = 30
_CACHE_TABLES = ("CREATE TABLE IF NOT EXISTS cache_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                 "CREATE TABLE IF NOT EXISTS cache_seen (file_id INTEGER PRIMARY KEY, seen REAL NOT NULL)")


class CacheProblem(Exception):
    """The cache cannot be used (corrupt, another program's, unwritable); one line."""


def cache_path() -> Path:
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("confreader")) / "files.db"


def parser_fingerprint() -> str:
    """What the parse of a file depends on besides the file: the version and the model files."""
    import confreader
    from confreader.extract.mentions import models_dir

    digest = hashlib.blake2b(str(confreader.__version__).encode(), digest_size=16)
    folder = models_dir()
    for model in sorted(folder.iterdir()) if folder.is_dir() else ():
        if model.is_file():
            digest.update(model.name.encode())
            digest.update(model.read_bytes())
    return digest.hexdigest()


def _other_schema(path: Path) -> bool:
    """Our own cache, written by another schema version: rebuilt rather than refused."""
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return (db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
                    and db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION)
        finally:
            db.close()
    except sqlite3.Error:
        return False


class FileCache:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_path()
        try:
            self._open(parser_fingerprint())
        except (DatabaseProblem, sqlite3.Error, OSError) as e:
            raise CacheProblem(f"{one_line(str(self.path))}: {one_line(str(e))}") from None

    def _open(self, fingerprint: str) -> None:
        if self.path.is_file() and _other_schema(self.path):
            remove_database(self.path)
        self._connect()
        stored = self.db.execute("SELECT value FROM cache_info WHERE key = 'parser'").fetchone()
        if stored is not None and stored[0] == fingerprint:
            return
        if stored is not None:  # a new parser: every stored article may parse differently now
            self.db.close()
            remove_database(self.path)
            self._connect()
        self.db.execute("INSERT OR REPLACE INTO cache_info VALUES ('parser', ?)", (fingerprint,))

    def _connect(self) -> None:
        self.db = connect(self.path, write=True)
        for statement in _CACHE_TABLES:
            self.db.execute(statement)

    def close(self) -> None:
        self.db.close()

    def articles(self, path: Path) -> list[Article] | None:
        """The file's articles as stored, or None when it is not stored or has changed."""
        resolved = path.resolve()
        try:
            row = self.db.execute("SELECT id, hash, mtime, size FROM files WHERE path = ?",
                                  (str(resolved),)).fetchone()
            if row is None:
                return None
            file_id, digest, mtime, size = row
            info = resolved.stat()
            if (info.st_size, info.st_mtime) != (size, mtime):
                if content_hash(resolved)[0] != digest:
                    return None
                self.db.execute("UPDATE files SET mtime = ?, size = ? WHERE id = ?",
                                (info.st_mtime, info.st_size, file_id))
            self._seen(file_id)
            rows = self.db.execute("SELECT b.body, b.text, a.source FROM articles a JOIN bodies b "
                                   "ON b.article_id = a.id WHERE a.file_id = ? ORDER BY a.id", (file_id,)).fetchall()
        except (sqlite3.Error, SourceError, OSError) as e:
            raise CacheProblem(f"{one_line(str(self.path))}: cannot read the file cache ({one_line(str(e))})") from None
        # Stored relative to the file (its locators' tails), shown under the path as given now.
        return [article_of_body(body, text, str(path) + suffix) for body, text, suffix in rows]

    def store(self, path: Path, articles: list[Article]) -> None:
        """Keep the file's articles for the next launch (replacing what was stored of it)."""
        resolved = path.resolve()
        given = str(path)
        rows = [replace(article_rows(a), source=a.source[len(given):] if a.source.startswith(given) else "")
                for a in articles]
        try:
            digest, info = content_hash(resolved)
            self.db.execute("BEGIN IMMEDIATE")
            try:
                replace_file(self.db, str(resolved), digest, info, rows)
                file_id = self.db.execute("SELECT id FROM files WHERE path = ?", (str(resolved),)).fetchone()[0]
                self._seen(file_id)
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        except (sqlite3.Error, SourceError, OSError) as e:
            raise CacheProblem(f"{one_line(str(self.path))}: cannot write the file cache ({one_line(str(e))})") \
                from None

    def _seen(self, file_id: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO cache_seen VALUES (?, ?)", (file_id, time.time()))

    def prune(self, keep_days: float = KEEP_DAYS) -> int:
        """Files not opened for `keep_days` days (and files never marked seen) dropped; how many."""
        cutoff = time.time() - keep_days * 86400
        try:
            stale = [path for (path,) in self.db.execute(
                "SELECT f.path FROM files f LEFT JOIN cache_seen s ON s.file_id = f.id "
                "WHERE s.seen IS NULL OR s.seen < ?", (cutoff,)).fetchall()]
            if not stale:
                return 0
            self.db.execute("BEGIN IMMEDIATE")
            for path in stale:
                remove_file(self.db, path)
            self.db.execute("DELETE FROM cache_seen WHERE file_id NOT IN (SELECT id FROM files)")
            self.db.execute("COMMIT")
        except sqlite3.Error as e:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise CacheProblem(f"{one_line(str(self.path))}: cannot write the file cache ({one_line(str(e))})") \
                from None
        return len(stale)
