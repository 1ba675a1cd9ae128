"""Tell which kind of article file we have (plain text, Markdown or our own JSON) and decode it."""
from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from confreader.sources.clean import clean_text, decode_entities
from confreader.sources.decode import SourceError, read_source

Format = Literal["text", "markdown", "json"]

# Files a folder is searched for: articles, lists of them, saved pages, zip archives of these.
ARTICLE_EXTENSIONS = {".txt", ".text", ".md", ".markdown", ".json", ".jsonl", ".html", ".htm", ".zip"}


@dataclass(slots=True)
class SourceDocument:
    """A decoded file. ``text`` is clean for text and Markdown; for JSON it is the raw
    file and ``data`` the parsed object, whose strings are cleaned by the loader."""

    path: str
    text: str
    format: Format
    encoding: str
    data: Any = None
    warning: str | None = None


def detect_format(path: str | Path, text: str) -> Format:
    suffix = Path(path).suffix.lower()
    if suffix in {".md", ".markdown"}:
        return "markdown"
    if suffix == ".json" or text.lstrip()[:1] == "{":
        return "json"
    return "text"


def reject_json_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def parse_json(path: str | Path, text: str) -> Any:
    """The JSON value of ``text``; anything the decoder chokes on is a one-line SourceError."""
    with json_errors(path):
        # strict=False: raw control characters inside strings are cleaned later, like escaped ones.
        return json.loads(text, strict=False, parse_constant=reject_json_constant)


@contextmanager
def json_errors(where: str | Path) -> Iterator[None]:
    """Whatever the JSON decoder chokes on, as one SourceError line naming ``where``."""
    try:
        yield
    except json.JSONDecodeError as e:
        raise SourceError(where, f"invalid JSON at line {e.lineno}: {e.msg}") from None
    except RecursionError:
        raise SourceError(where, "invalid JSON: nested too deeply") from None
    except ValueError as e:  # an integer of thousands of digits, NaN, Infinity
        detail = str(e).split(";")[0].split(":")[0]
        raise SourceError(where, f"invalid JSON: {detail}") from None


def load_document(path: str | Path) -> SourceDocument:
    raw, encoding, warning = read_source(path)
    fmt = detect_format(path, raw)
    if fmt == "json":
        try:
            return SourceDocument(str(path), raw, fmt, encoding, parse_json(path, raw), warning)
        except SourceError:
            if Path(path).suffix.lower() == ".json":
                raise
            fmt = "text"  # a plain article that happens to start with a brace
    # Entities first, so "&#27;" cannot bring back a control that cleaning removes.
    return SourceDocument(str(path), clean_text(decode_entities(raw)), fmt, encoding, None, warning)
