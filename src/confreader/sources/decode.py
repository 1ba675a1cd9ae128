"""Read article files (regular files only, bounded) and decode their bytes to text."""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import NamedTuple

from confreader.sources.names import one_line

# Guard against reading something that is clearly not an article into memory.
MAX_FILE_BYTES = 256 * 1024 * 1024
_CHUNK = 1024 * 1024


class SourceError(Exception):
    """A file that cannot be read as an article; the message is one line for the user.

    ``path`` is the path as given; ``problem`` and the message are escaped onto one
    line, so neither a file name nor a value quoted from the file can drive the terminal.
    """

    def __init__(self, path: str | Path, problem: str):
        self.path = str(path)
        self.problem = one_line(problem)
        super().__init__(f"{one_line(self.path)}: {self.problem}")


class DecodedText(NamedTuple):
    text: str          # decoded, not yet cleaned (JSON is cleaned after parsing, text before)
    encoding: str
    warning: str | None  # something the user should know, e.g. bytes that were replaced


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def open_regular_file(path: str | Path, limit: int | None = None) -> tuple[int, os.stat_result]:
    """A file descriptor open for reading on a regular file, and its fstat; anything else is a SourceError.

    Opened without blocking and checked with fstat on the open file, so a FIFO cannot
    hang us and a file swapped after a check is still the file we judge. With
    ``limit``, a file larger than that on disk is refused. The caller closes the fd.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise SourceError(path, "no such file") from None
    except PermissionError:
        raise SourceError(path, "permission denied") from None
    except IsADirectoryError:
        raise SourceError(path, "is a folder, not a file") from None
    except OSError as e:
        raise SourceError(path, e.strerror or str(e)) from None
    except ValueError:  # a NUL in the name
        raise SourceError(path, "not a valid file name") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise SourceError(path, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(path, f"not a regular file ({_file_kind(info.st_mode)})")
        if limit is not None and info.st_size > limit:
            raise SourceError(path, too_large(limit))
    except OSError as e:
        os.close(fd)
        raise SourceError(path, e.strerror or str(e)) from None
    except SourceError:
        os.close(fd)
        raise
    return fd, info


def too_large(limit: int) -> str:
    return f"too large (the limit is {limit // (1024 * 1024)} MB)"


def read_file_bytes(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them; anything else is a SourceError.

    Reading stops after ``limit`` + 1 bytes, so /dev/zero-like files cannot fill memory.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    fd, _ = open_regular_file(path, limit)
    try:
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        if remaining <= 0:
            raise SourceError(path, too_large(limit))
    except BlockingIOError:
        raise SourceError(path, "not a regular file") from None
    except OSError as e:
        raise SourceError(path, e.strerror or str(e)) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


# High bytes of UTF-16 code units in Arabic or Latin text: ASCII/Latin-1 (0x00),
# Arabic (0x06), punctuation (0x20), presentation forms (0xFB, 0xFE).
_UTF16_HIGH_BYTES = (0x00, 0x06, 0x20, 0xFB, 0xFE)


def _utf16_without_bom(sample: bytes) -> str | None:
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    for encoding, high, low in (("utf-16-le", sample[1::2], sample[0::2]),
                                ("utf-16-be", sample[0::2], sample[1::2])):
        typical = sum(high.count(b) for b in _UTF16_HIGH_BYTES)
        script = high.count(0) + high.count(6)
        # Text's code units have few high-byte values, mostly 0x00 or 0x06, and
        # (but for U+0600, U+2000…) no NUL low byte.
        if typical >= 0.95 * len(high) and script >= 0.5 * len(high) and low.count(0) <= 0.02 * len(low):
            return encoding
    return None


def _looks_like_utf16(data: bytes) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return _utf16_without_bom(data[:4096])


def _is_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32 and b != 27)
    return controls > len(sample) * 0.05


def _few_controls(text: str) -> bool:
    sample = text[:4096]
    return sum(1 for ch in sample if ch < " " and ch not in "\n\r\t") <= len(sample) * 0.01


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # a byte surrogateescape could not decode
_NON_ASCII = re.compile("[^\x00-\x7f]")


def _decode_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 text and how many bytes were invalid, or None when it is clearly not UTF-8.

    One bad byte in a UTF-8 file must not turn the whole file into Windows-1256
    garbage: mostly valid UTF-8 (ten valid non-ASCII characters per bad byte) is
    UTF-8 with the bad bytes replaced by U+FFFD.
    """
    try:
        return data.decode("utf-8-sig"), 0
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8-sig", "surrogateescape")
    bad = len(_ESCAPED_BYTE.findall(text))
    valid_non_ascii = len(_NON_ASCII.findall(text)) - bad
    if valid_non_ascii < 10 * bad:
        return None
    return _ESCAPED_BYTE.sub("\ufffd", text), bad


def decode_bytes(data: bytes, path: str | Path = "<input>") -> DecodedText:
    """Decode as UTF-8, then UTF-16 (with or without BOM), then Windows-1256."""
    if not data.strip():
        raise SourceError(path, "empty file")
    utf16 = _looks_like_utf16(data)
    if utf16:
        try:
            decoded = data.decode(utf16)
        except UnicodeDecodeError:
            decoded = ""
        # Binary data can look like UTF-16 by its NULs; real text has few controls.
        if decoded.strip() and _few_controls(decoded):
            return DecodedText(decoded, utf16, None)
    if _is_binary(data):
        raise SourceError(path, "binary file, not text")
    utf8 = _decode_utf8(data)
    if utf8 is not None:
        text, bad = utf8
        warning = None
        if bad:
            warning = (f"{bad} byte{'s' if bad > 1 else ''} not valid UTF-8, "
                       "shown as \ufffd")
        return DecodedText(text, "utf-8", warning)
    try:
        return DecodedText(data.decode("cp1256"), "cp1256", None)
    except UnicodeDecodeError:
        raise SourceError(path, "not UTF-8, UTF-16 or Windows-1256 text") from None


def read_source(path: str | Path) -> DecodedText:
    """Read a file (never writing it) and decode it; raises SourceError with a one-line reason."""
    return decode_bytes(read_file_bytes(path), path)
