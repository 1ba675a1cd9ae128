"""Decode article bytes into clean text that is safe to print on a terminal."""
from __future__ import annotations

import re
from pathlib import Path

# Guard against reading something that is clearly not an article into memory.
MAX_FILE_BYTES = 256 * 1024 * 1024


class SourceError(Exception):
    """A file that cannot be read as an article; the message is one line for the user."""

    def __init__(self, path: str | Path, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


# Terminal escape sequences (CSI, OSC, DCS/APC/PM/SOS strings, two-byte ESC
# sequences), then any remaining C0/C1 control except newline and tab.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[@-Z\\-_]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Normalise newlines and strip terminal control sequences (text is data, never commands)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    text = _ESCAPE_SEQUENCE.sub("", text)
    return _CONTROL.sub("", text)


def _looks_like_utf16(data: bytes) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:4096]
    if len(sample) >= 4:
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        half = len(sample) // 2
        # Arabic UTF-16 has few NULs; Latin-heavy UTF-16 has many on one side.
        if odd_nuls > half * 0.3 and even_nuls == 0:
            return "utf-16-le"
        if even_nuls > half * 0.3 and odd_nuls == 0:
            return "utf-16-be"
    return None


def _is_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32 and b != 27)
    return controls > len(sample) * 0.05


def decode_bytes(data: bytes, path: str | Path = "<input>") -> tuple[str, str]:
    """Return (clean text, encoding used). Tries UTF-8, UTF-16, then Windows-1256."""
    if not data.strip():
        raise SourceError(path, "empty file")
    utf16 = _looks_like_utf16(data)
    if utf16:
        try:
            decoded = data.decode(utf16)
        except UnicodeDecodeError:
            decoded = ""
        # Binary data can look like UTF-16 by its NULs; real text has few controls.
        if decoded and len(_CONTROL.findall(decoded[:4096])) <= len(decoded[:4096]) * 0.01:
            return clean_text(decoded), "utf-16"
    if _is_binary(data):
        raise SourceError(path, "binary file, not text")
    try:
        return clean_text(data.decode("utf-8-sig")), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        raise SourceError(path, "not UTF-8, UTF-16 or Windows-1256 text") from None
    return clean_text(text), "cp1256"


def read_source(path: str | Path) -> tuple[str, str]:
    """Read a file (never writing it) and decode it; raises SourceError with a one-line reason."""
    p = Path(path)
    try:
        if p.is_dir():
            raise SourceError(p, "is a folder, not a file")
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SourceError(p, f"too large ({size // (1024 * 1024)} MB; the limit is "
                                 f"{MAX_FILE_BYTES // (1024 * 1024)} MB)")
        data = p.read_bytes()
    except FileNotFoundError:
        raise SourceError(p, "no such file") from None
    except PermissionError:
        raise SourceError(p, "permission denied") from None
    except IsADirectoryError:
        raise SourceError(p, "is a folder, not a file") from None
    except OSError as e:
        raise SourceError(p, e.strerror or str(e)) from None
    return decode_bytes(data, p)
