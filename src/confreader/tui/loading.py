"""Messages the loading worker posts to the app as each file is parsed."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from confreader.library import ArticleSummary, LoadFailure


class ArticleLoaded(Message):
    def __init__(self, summary: ArticleSummary) -> None:
        super().__init__()
        self.summary = summary


class ArticleFailed(Message):
    def __init__(self, failure: LoadFailure) -> None:
        super().__init__()
        self.failure = failure


class LoadingFinished(Message):
    pass
