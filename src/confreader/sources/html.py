"""Saved HTML news pages: the main text and its metadata, by trafilatura (not tag stripping).

trafilatura takes about a quarter of a second to import, so it is imported only
when the first HTML page is read.
"""
from __future__ import annotations

import logging
from typing import NamedTuple

from confreader.sources.decode import SourceError

# trafilatura's metadata → our metadata keys (what the library, header and citation read).
_METADATA = {"sitename": "outlet", "date": "date", "author": "author", "url": "url"}
# Libraries that log a page's oddities; the one line a user sees is ours.
_CHATTY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability")


class HtmlArticle(NamedTuple):
    text: str
    title: str | None
    metadata: dict[str, str]


def _quiet() -> None:
    for name in _CHATTY_LOGGERS:
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
        logger.propagate = False


def extract_html(page: str, locator: str) -> HtmlArticle:
    """The page's main text (paragraphs on their own lines), title and metadata."""
    _quiet()
    import trafilatura

    document = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, include_tables=False)
    found = document.as_dict() if document is not None else {}
    text = found.get("text") or ""
    if not text.strip():
        raise SourceError(locator, "no article text found in this HTML page")
    metadata = {ours: str(found[theirs]) for theirs, ours in _METADATA.items()
                if isinstance(found.get(theirs), str) and found[theirs].strip()}
    title = found.get("title")
    return HtmlArticle(text, title if isinstance(title, str) and title.strip() else None, metadata)
