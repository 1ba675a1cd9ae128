"""The article library: what the TUI reads articles through (plain data, no UI imports).

The TUI depends only on ArticleLibrary, so an on-disk index can replace
InMemoryLibrary later without touching the widgets.
"""
from __future__ import annotations

from confreader.library.api import ArticleLibrary, ArticleSummary, LoadFailure, QuoteHit, SpeakerSummary
from confreader.library.folding import find_matches, fold_for_search
from confreader.library.memory import InMemoryLibrary

__all__ = [
    "ArticleLibrary", "ArticleSummary", "InMemoryLibrary", "LoadFailure", "QuoteHit", "SpeakerSummary",
    "find_matches", "fold_for_search",
]
