"""Tell which kind of article file we have: plain text, Markdown or our own JSON."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from confreader.sources.decode import SourceError, read_source

Format = Literal["text", "markdown", "json"]

ARTICLE_EXTENSIONS = {".txt", ".text", ".md", ".markdown", ".json"}


@dataclass(slots=True)
class SourceDocument:
    path: str
    text: str
    format: Format
    encoding: str
    data: Any = None  # the decoded JSON object for the "json" format


def detect_format(path: str | Path, text: str) -> Format:
    suffix = Path(path).suffix.lower()
    if suffix in {".md", ".markdown"}:
        return "markdown"
    if suffix == ".json" or text.lstrip()[:1] == "{":
        return "json"
    return "text"


def load_document(path: str | Path) -> SourceDocument:
    text, encoding = read_source(path)
    fmt = detect_format(path, text)
    data = None
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            if Path(path).suffix.lower() == ".json":
                raise SourceError(path, f"invalid JSON at line {e.lineno}: {e.msg}") from None
            fmt = "text"  # a plain article that happens to start with a brace
    return SourceDocument(str(path), text, fmt, encoding, data)
