"""The index database's schema, and opening a database after checking it is ours and current.

Quotes and full texts are searched through FTS5 trigram tables over the
*folded* text (confreader.library.folding), contentless and without positions
(detail=none) to keep the database small: a query's trigrams select candidate
rows, and the exact folded match (with highlights on the original characters)
is then checked in Python, as the in-memory library does.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from confreader.sources.names import one_line

# PRAGMA application_id tells our databases from other programs' SQLite files ("CfRd").
APPLICATION_ID = 0x43665264
# PRAGMA user_version: bump on any change below; an older database is refused with --rebuild offered.
SCHEMA_VERSION = 1
SQLITE_HEADER = b"SQLite format 3\x00"

_TABLES = """
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL,
    mtime REAL NOT NULL,
    size INTEGER NOT NULL
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- ids are never reused: an old "a12" cannot name another article
    file_id INTEGER NOT NULL REFERENCES files(id),
    source TEXT NOT NULL,
    title TEXT NOT NULL,
    outlet TEXT,
    outlet_key TEXT,
    date TEXT,
    day TEXT,
    author TEXT,
    url TEXT,
    language TEXT NOT NULL,
    direction TEXT NOT NULL,
    quote_count INTEGER NOT NULL,
    speaker_count INTEGER NOT NULL
);
CREATE INDEX articles_file ON articles(file_id);
-- One index per sort of the library, its exact ORDER BY: a page is read, never sorted.
CREATE INDEX articles_by_title ON articles(title, id);
CREATE INDEX articles_by_outlet ON articles(outlet_key IS NULL, outlet_key, id);
CREATE INDEX articles_by_date ON articles(day IS NULL, day DESC, id);
CREATE INDEX articles_by_author ON articles(author IS NULL, author, id);
CREATE INDEX articles_by_quotes ON articles(quote_count DESC, id);
-- The big columns apart, so that paging and filtering the articles reads small rows.
CREATE TABLE bodies (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id),
    body BLOB NOT NULL,          -- zlib: the article's confreader.article/1 JSON without its text
    text BLOB NOT NULL,          -- zlib: the text, and below its fold and paragraph spans, apart:
    folded BLOB NOT NULL,        -- what full-text search reads of each candidate, with no folding
    paragraphs TEXT NOT NULL     -- to redo per keystroke ([start, end, start, end, ...])
);
CREATE TABLE speakers (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    speaker_id TEXT NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    said_as TEXT NOT NULL,
    titles TEXT NOT NULL,
    roles TEXT NOT NULL,
    kind TEXT NOT NULL,
    quote_count INTEGER NOT NULL
);
CREATE INDEX speakers_article ON speakers(article_id);
CREATE INDEX speakers_key ON speakers(name_key);
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    quote_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    speaker_row INTEGER REFERENCES speakers(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    folded TEXT NOT NULL
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker_row);
-- Speakers merged across articles by folded name, rebuilt after an index run changed anything:
-- the archive's speaker list is then read, not grouped, per keystroke. "generation" counts
-- the changes to articles, "speakers_generation" the one these totals were built from.
CREATE TABLE speaker_totals (
    name_key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    titles TEXT NOT NULL,
    roles TEXT NOT NULL,
    kind TEXT NOT NULL,
    quote_count INTEGER NOT NULL,
    article_count INTEGER NOT NULL,
    said_as TEXT NOT NULL
);
CREATE INDEX speaker_totals_by_quotes ON speaker_totals(quote_count DESC, name_key);
CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO meta VALUES ('generation', 0), ('speakers_generation', 0);
CREATE VIRTUAL TABLE quotes_fts USING fts5(folded, content='', detail='none', tokenize='trigram case_sensitive 1');
CREATE VIRTUAL TABLE text_fts USING fts5(folded, content='', detail='none', tokenize='trigram case_sensitive 1');
"""


class DatabaseProblem(Exception):
    """The index cannot be used; the message is one line naming the database."""

    def __init__(self, path: str | Path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{one_line(self.path)}: {one_line(problem)}")


REBUILD_HINT = "`confreader index --rebuild PATH...` makes a new one"


def connect(path: Path, write: bool) -> sqlite3.Connection:
    """A connection to a checked index. ``write`` creates the database when it is missing
    or empty; reading a missing database is a DatabaseProblem."""
    exists = path.exists()
    if exists and not path.is_file():
        raise DatabaseProblem(path, "not a regular file")
    if not write and not exists:
        raise DatabaseProblem(path, "no index here yet; `confreader index PATH...` builds it")
    if exists and path.stat().st_size:
        _check_header(path)
    try:
        if write:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
        else:
            db = _connect_read_only(path)
        _check_or_create(db, path, write)
    except sqlite3.DatabaseError as e:
        raise DatabaseProblem(path, f"cannot open the index ({e})") from None
    except OSError as e:
        raise DatabaseProblem(path, f"cannot open the index ({e.strerror or e})") from None
    return db


def _connect_read_only(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri()
    db = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        # A WAL database in a folder we cannot write (no -shm possible): read it as it stands.
        db.close()
        db = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None, check_same_thread=False)
    return db


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as e:
        raise DatabaseProblem(path, f"cannot read the index ({e.strerror or e})") from None
    if header != SQLITE_HEADER:
        raise DatabaseProblem(path, f"not a confreader index (not an SQLite database: corrupt or another "
                                    f"program's file); {REBUILD_HINT}")


def _check_or_create(db: sqlite3.Connection, path: Path, write: bool) -> None:
    application_id = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if application_id == 0 and tables == 0:
        if not write:
            raise DatabaseProblem(path, "an empty index; `confreader index PATH...` fills it")
        _create(db)
        return
    if application_id != APPLICATION_ID:
        raise DatabaseProblem(path, f"an SQLite database of another program, not a confreader index; {REBUILD_HINT} "
                                    f"(it deletes this file)")
    if version < SCHEMA_VERSION:
        raise DatabaseProblem(path, f"an index written by an older confreader (schema {version}, this one reads "
                                    f"{SCHEMA_VERSION}); {REBUILD_HINT}")
    if version > SCHEMA_VERSION:
        raise DatabaseProblem(path, f"an index written by a newer confreader (schema {version}, this one reads "
                                    f"{SCHEMA_VERSION}); upgrade confreader or rebuild it")
    # A quick look at the pages the searches use: a damaged file is said so here, not mid-search.
    db.execute("SELECT count(*) FROM files").fetchone()
    if write:
        _writing(db)


def _writing(db: sqlite3.Connection) -> None:
    db.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL still never leaves a torn database; a power cut can only lose the last
    # files' commits, which the next run parses again. FULL would fsync every file's transaction.
    db.execute("PRAGMA synchronous=NORMAL")


def _create(db: sqlite3.Connection) -> None:
    _writing(db)
    db.execute("BEGIN IMMEDIATE")
    try:
        for statement in _TABLES.split(";"):
            if statement.strip():
                db.execute(statement)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
