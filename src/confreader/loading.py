"""From a path to an Article: read, detect the format, extract (or read our JSON back)."""
from __future__ import annotations

from pathlib import Path

from confreader.export.json_schema import SchemaError, article_from_dict
from confreader.model import Article
from confreader.sources import SourceError, load_document
from confreader.sources.formats import ARTICLE_EXTENSIONS


def load_article(path: str | Path) -> Article:
    """Load one article file; raises SourceError with a one-line reason on bad input."""
    doc = load_document(path)
    if doc.format == "json":
        try:
            return article_from_dict(doc.data)
        except SchemaError as e:
            raise SourceError(path, str(e)) from None
    # Imported on first use: the reader paints its first screen before the parser loads.
    from confreader.extract import ModelError, parse_text

    try:
        article = parse_text(doc.text, source=str(path), fmt=doc.format)
    except ModelError as e:  # a broken install, not a bad article: name the model file
        raise SourceError(path, f"could not parse the article: {e}") from None
    except Exception as e:  # a parser bug must not reach the user as a traceback
        raise SourceError(path, f"could not parse the article ({type(e).__name__})") from None
    article.metadata.setdefault("encoding", doc.encoding)
    return article


def expand_paths(paths: list[str | Path]) -> list[Path]:
    """Files as given, and the article files inside given folders (sorted, not recursive into hidden dirs)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*")
                              if f.is_file() and f.suffix.lower() in ARTICLE_EXTENSIONS
                              and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        else:
            out.append(p)
    return out
