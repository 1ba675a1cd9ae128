"""Every article record a file holds, one at a time: a text file, our JSON, a JSON list or
JSON Lines of news records (SaudiNewsNet's shape), an HTML page, or a zip of any of these.

A record is not parsed here (that is loading's job): it is the decoded text or
JSON object of one article, and ``locator``, a stable one-line name for it —
``day.zip!day.json#17`` is the 17th record of ``day.json`` inside ``day.zip``.
A bad record is a SourceError naming its locator, and the records after it go on.
Records are produced one at a time, so a file of a million records never has a
million parsed articles (or even a million JSON objects) in memory at once.
"""
from __future__ import annotations

import json
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, Literal

from confreader.sources.clean import decode_entities
from confreader.sources.decode import (
    MAX_FILE_BYTES,
    SourceError,
    decode_bytes,
    open_regular_file,
    read_file_bytes,
    too_large,
)
from confreader.sources.formats import json_errors, reject_json_constant
from confreader.sources.names import one_line

RecordKind = Literal["text", "markdown", "article", "html"]

ARCHIVE_SUFFIXES = {".zip"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_LINES_SUFFIXES = {".jsonl"}
TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
# Files that can hold articles, on their own or inside an archive.
RECORD_SUFFIXES = {".json", *JSON_LINES_SUFFIXES, *TEXT_SUFFIXES, *MARKDOWN_SUFFIXES, *HTML_SUFFIXES}

# Zip bombs: refused while reading, from the sizes the archive declares and again
# from the bytes actually inflated (a header can lie).
MAX_MEMBERS = 100_000
MAX_ARCHIVE_BYTES = 4 * 1024 * 1024 * 1024   # inflated bytes of all members together
MAX_RATIO = 200                               # inflated / compressed, past the first MB
_RATIO_FREE_BYTES = 1024 * 1024
# trafilatura on a page of hundreds of MB would take minutes; no news page is that large.
MAX_HTML_BYTES = 32 * 1024 * 1024
_CHUNK = 1024 * 1024

# News record fields (SaudiNewsNet) → our metadata keys.
NEWS_METADATA = {"source": "outlet", "date_extracted": "date", "author": "author", "url": "url"}


class SourceWarning(SourceError):
    """Not an error, something the user should know: bytes that were not valid UTF-8,
    or records with no text at all (real corpora have headlines whose body was never
    crawled), counted once per file rather than a line each."""


@dataclass(slots=True)
class Record:
    """One article's worth of a file, decoded but not parsed.

    ``text``: for text and Markdown, clean-ready text with HTML entities decoded;
    for HTML, the page. ``data``: for ``article``, our JSON object (its strings cleaned
    by the loader). ``title`` and ``metadata`` come from a news record's fields.
    """

    locator: str
    kind: RecordKind
    text: str = ""
    data: Any = None
    title: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    encoding: str = "utf-8"


def iter_records(path: str | Path, only: str | None = None) -> Iterator[Record | SourceError]:
    """Every record of the file at ``path``, in file order.

    ``only``: a locator; members of an archive that cannot hold it are not read.
    A file that cannot be read at all raises SourceError before the first record.
    """
    path = Path(path)
    if path.suffix.lower() in ARCHIVE_SUFFIXES:
        yield from _archive_records(path, only)
        return
    yield from _file_records(str(path), path.name, read_file_bytes(path))


def _file_records(locator: str, name: str, data: bytes) -> Iterator[Record | SourceError]:
    """The records of one file's bytes (a file on disk or an archive member)."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in ARCHIVE_SUFFIXES:
        raise SourceError(locator, "a zip inside a zip: not read (unpack the inner archive first)")
    if suffix in HTML_SUFFIXES and len(data) > MAX_HTML_BYTES:
        raise SourceError(locator, too_large(MAX_HTML_BYTES))
    text, encoding, warning = decode_bytes(data, locator)
    if warning:
        yield SourceWarning(locator, warning)
    if suffix in HTML_SUFFIXES:
        yield Record(locator, "html", text, encoding=encoding)
        return
    start = _skip_space(text, 0)
    looks_json = text.startswith(("[", "{"), start)
    if suffix in JSON_LINES_SUFFIXES or suffix == ".json" or (looks_json and _starts_as_json(text, start)):
        for record in _json_records(locator, text, start, lines=suffix in JSON_LINES_SUFFIXES):
            if isinstance(record, Record):
                record.encoding = encoding
            yield record
        return
    kind: RecordKind = "markdown" if suffix in MARKDOWN_SUFFIXES else "text"
    # Entities first, so "&#27;" cannot bring back a control that cleaning removes.
    yield Record(locator, kind, decode_entities(text), encoding=encoding)


# --- JSON -----------------------------------------------------------------------------

_SPACE = re.compile(r"[ \t\n\r]*")
# strict=False: raw control characters inside strings are cleaned later, like escaped ones.
_DECODER = json.JSONDecoder(strict=False, parse_constant=reject_json_constant)


def _skip_space(text: str, at: int) -> int:
    return _SPACE.match(text, at).end()  # type: ignore[union-attr]


def _starts_as_json(text: str, start: int) -> bool:
    """A text file beginning with a brace is JSON only if its first value decodes."""
    try:
        _DECODER.raw_decode(text, start)
    except (ValueError, RecursionError):
        return False
    return True


def _json_value(locator: str, text: str, at: int) -> tuple[Any, int]:
    """The JSON value starting at ``at`` and where it ends; a one-line SourceError if it is not one."""
    with json_errors(locator):
        return _DECODER.raw_decode(text, at)


def _json_records(locator: str, text: str, start: int, lines: bool) -> Iterator[Record | SourceError]:
    """The records of a JSON file (``lines``: of a JSON Lines file), then one SourceWarning
    if any had no text."""
    blank = 0
    values = _json_lines(locator, text) if lines else _json_values(locator, text, start)
    for record in values:
        if record is None:
            blank += 1
        else:
            yield record
    if blank:
        yield SourceWarning(locator, f"{blank:,} record{'s' * (blank != 1)} with no text skipped")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one at a time (not a list of them all: a file of a million)."""
    at = 0
    while at <= len(text):
        end = text.find("\n", at)
        if end < 0:
            end = len(text)
        yield text[at:end]
        at = end + 1


def _json_lines(locator: str, text: str) -> Iterator[Record | SourceError | None]:
    """JSON Lines: one record per line, so a line that is not JSON is that record's error
    and the lines after it go on. Records are numbered as they come, blank lines aside."""
    number = 0
    for line_number, line in enumerate(_lines(text), start=1):
        if not line.strip():
            continue
        number += 1
        record_locator = f"{locator}#{number}"
        try:
            value, end = _json_value(record_locator, line, _skip_space(line, 0))
        except SourceError as error:
            yield SourceError(record_locator, error.problem.replace("at line 1:", f"at line {line_number}:"))
            continue
        if line[end:].strip():
            yield SourceError(record_locator, f"invalid JSON at line {line_number}: more than one value on the line")
            continue
        yield _record_of(value, record_locator)
    if number == 0:
        raise SourceError(locator, "empty file")


def _json_values(locator: str, text: str, start: int) -> Iterator[Record | SourceError | None]:
    """A JSON list's items, or a run of JSON values (one document, JSON Lines, or
    documents one after another as `confreader parse` prints them), one at a time.

    A syntax error ends the file there (nothing after it can be trusted), as that
    file's error after the records before it.
    """
    if text.startswith("[", start):
        yield from _list_records(locator, text, start)
        return
    numbered = None
    at, number = start, 0
    while at < len(text):
        value, end = _json_value(locator, text, at)
        number += 1
        after = _skip_space(text, end)
        if numbered is None:
            # One value alone is the whole file, named by the file; several are numbered.
            numbered = after < len(text)
        yield _record_of(value, f"{locator}#{number}" if numbered else locator)
        at = after
    if number == 0:
        raise SourceError(locator, "empty file")


def _list_records(locator: str, text: str, start: int) -> Iterator[Record | SourceError | None]:
    at = _skip_space(text, start + 1)
    if text.startswith("]", at):
        raise SourceError(locator, "an empty list: no articles")
    number = 0
    while True:
        value, at = _json_value(locator, text, at)
        number += 1
        yield _record_of(value, f"{locator}#{number}")
        at = _skip_space(text, at)
        if text.startswith(",", at):
            at = _skip_space(text, at + 1)
            continue
        if text.startswith("]", at) and _skip_space(text, at + 1) == len(text):
            return
        line = text.count("\n", 0, at) + 1
        raise SourceError(locator, f"invalid JSON at line {line}: expected ',' or ']' after record {number}")


_KIND_NAMES = {dict: "an object", list: "a list", str: "text", bool: "true/false", int: "a number",
               float: "a number", type(None): "null"}


def _got(value: Any) -> str:
    return _KIND_NAMES.get(type(value), type(value).__name__)


def _record_of(value: Any, locator: str) -> Record | SourceError | None:
    """Our JSON document, or a news record (``content`` and optional ``title``, ``source``,
    ``url``, ``date_extracted``, ``author``), as a Record; anything else is its error.
    None for a news record whose content is blank: nothing to read, not worth a line each."""
    if not isinstance(value, dict):
        return SourceError(locator, f"expected an article (a JSON object), got {_got(value)}")
    if "content" not in value:  # our own JSON, checked by its reader
        return Record(locator, "article", data=value)
    content = value["content"]
    if not isinstance(content, str):
        return SourceError(locator, f"content: expected text, got {_got(content)}")
    if not content.strip():
        return None
    fields: dict[str, str] = {}
    for key in ("title", *NEWS_METADATA):
        raw = value.get(key)
        if raw is None:
            continue
        if not isinstance(raw, str):
            return SourceError(locator, f"{key}: expected text, got {_got(raw)}")
        if raw.strip():
            fields[key] = decode_entities(raw)
    title = fields.pop("title", None)
    metadata = {NEWS_METADATA[key]: raw for key, raw in fields.items()}
    return Record(locator, "text", decode_entities(content), title=title, metadata=metadata)


# --- zip archives -------------------------------------------------------------------

def _member_is_skipped(name: str) -> bool:
    """Folders, hidden files and macOS resource forks: not articles, not worth a line."""
    parts = PurePosixPath(name).parts
    return name.endswith("/") or any(p.startswith(".") and p not in (".", "..") or p == "__MACOSX" for p in parts)


def member_locator(archive: str | Path, member: str) -> str:
    """``archive!member``, the member name escaped onto one line (it can hold anything)."""
    return f"{archive}!{one_line(member)}"


_END_OF_DIRECTORY = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"


def declared_members(raw: BinaryIO, size: int) -> int | None:
    """How many members the archive's end record says it has (None when it has none), read
    before zipfile builds an object for each: a small zip can declare millions of them."""
    tail_size = min(size, 22 + 65535)  # the end record, and a comment of at most 64 KB
    raw.seek(size - tail_size)
    tail = raw.read(tail_size)
    at = tail.rfind(_END_OF_DIRECTORY)
    if at < 0 or len(tail) < at + 22:
        return None
    (count,) = struct.unpack_from("<H", tail, at + 10)
    locator = at - 20
    if count == 0xFFFF and locator >= 0 and tail.startswith(_ZIP64_LOCATOR, locator):
        (record_at,) = struct.unpack_from("<Q", tail, locator + 8)
        raw.seek(record_at + 32)
        (count,) = struct.unpack("<Q", raw.read(8).ljust(8, b"\0"))
    raw.seek(0)
    return count


def _archive_records(path: Path, only: str | None) -> Iterator[Record | SourceError]:
    fd, info = open_regular_file(path)
    with os.fdopen(fd, "rb") as raw:
        declared = declared_members(raw, info.st_size)
        if declared is not None and declared > MAX_MEMBERS:
            raise SourceError(path, f"{declared:,} members in this archive: refused (the limit is {MAX_MEMBERS:,})")
        try:
            archive = zipfile.ZipFile(raw)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as e:
            raise SourceError(path, f"not a readable zip archive ({' '.join(str(e).split())})") from None
        with archive:
            members = [m for m in archive.infolist() if not _member_is_skipped(m.filename)]
            if len(members) > MAX_MEMBERS:
                raise SourceError(path, f"{len(members):,} members in this archive: refused "
                                        f"(the limit is {MAX_MEMBERS:,})")
            budget = [MAX_ARCHIVE_BYTES]  # inflated bytes left for the whole archive
            found = 0
            for member in members:
                suffix = PurePosixPath(member.filename).suffix.lower()
                if suffix not in RECORD_SUFFIXES and suffix not in ARCHIVE_SUFFIXES:
                    continue
                found += 1
                locator = member_locator(path, member.filename)
                if only is not None and only != locator and not only.startswith(locator + "#"):
                    continue
                try:
                    data = _read_member(archive, member, locator, budget)
                    yield from _file_records(locator, member.filename, data)
                except SourceError as e:
                    yield e
                    if budget[0] <= 0:
                        return
            if not found:
                kinds = " ".join(sorted(RECORD_SUFFIXES))
                raise SourceError(path, f"no article files in this archive ({kinds})")


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, locator: str, budget: list[int]) -> bytes:
    """The member's bytes, inflated at most to its own limit, the archive's budget and the ratio cap."""
    declared, packed = member.file_size, max(member.compress_size, 1)
    if declared > MAX_FILE_BYTES:
        raise SourceError(locator, too_large(MAX_FILE_BYTES))
    if declared > _RATIO_FREE_BYTES and declared > MAX_RATIO * packed:
        raise SourceError(locator, f"compressed {declared // packed:,} to 1: refused as a possible zip bomb")
    if declared > budget[0]:
        budget[0] = 0
        raise SourceError(locator, f"the archive inflates past {MAX_ARCHIVE_BYTES // 1024 ** 3} GB: "
                                   "refused as a possible zip bomb; its other members are not read")
    limit = min(MAX_FILE_BYTES, budget[0])
    chunks, read = [], 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                chunks.append(chunk)
                read += len(chunk)
                if read > limit:
                    raise SourceError(locator, too_large(limit))
                if read > _RATIO_FREE_BYTES and read > MAX_RATIO * packed:
                    raise SourceError(locator, f"inflates past {MAX_RATIO} times its compressed size: "
                                               "refused as a possible zip bomb")
    except RuntimeError as e:  # encrypted ("password required")
        raise SourceError(locator, f"cannot be read ({' '.join(str(e).split())})") from None
    except NotImplementedError as e:  # a compression method zipfile does not know
        raise SourceError(locator, f"cannot be read ({' '.join(str(e).split())})") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as e:  # CRC, truncated, zlib errors
        raise SourceError(locator, f"damaged in the archive ({' '.join(str(e).split())})") from None
    finally:
        budget[0] -= read
    return b"".join(chunks)
