"""The reader's own words beside article text, in the article's language.

A Latin label such as "(unattributed)" at the start of an Arabic row makes the
row left-to-right (its first strong letter is Latin), so it no longer lines up
with the rows around it; Arabic articles get Arabic labels instead.
"""
from __future__ import annotations

from confreader.model import Article

LABELS = {
    "unattributed": ("(unattributed)", "(بلا نسبة)"),
    "opening": ("(opening)", "(المقدمة)"),
    "direct": ("direct", "مباشر"),
    "indirect": ("indirect", "غير مباشر"),
}


def is_arabic(article: Article | None) -> bool:
    return article is not None and (article.language == "ar" or article.direction == "rtl")


def label(key: str, article: Article | None) -> str:
    english, arabic = LABELS[key]
    return arabic if is_arabic(article) else english
