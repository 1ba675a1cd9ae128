"""A quote as a journalist pastes it: the words, then who said them, where and when.

Pure text in logical order (what the article says, never shaped screen glyphs):

    «direct words»
    — title name، role، outlet، date

An indirect quote is the article's paraphrase, not the speaker's words, so it
gets no quotation marks and is marked as such: ``(بتصرف)`` in Arabic,
``(paraphrase)`` otherwise. Arabic articles use Arabic punctuation (``،``);
others use English quotation marks and commas.
"""
from __future__ import annotations

from confreader.model import Article, Quote

# Metadata keys that name the publication, in order of preference (sources differ).
OUTLET_KEYS = ("outlet", "publisher", "site_name", "newspaper")
DATE_KEYS = ("date", "published", "date_published")
# Marks the quote span itself may begin or end with; the citation puts its own.
QUOTE_MARKS = "\"'«»“”„‟‘’‹›"


def _is_arabic(article: Article) -> bool:
    return article.language == "ar" or article.direction == "rtl"


def _first_known(metadata: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = " ".join(str(metadata.get(key) or "").split())
        if value:
            return value
    return None


def _words(text: str) -> str:
    """The quote on one line, without the article's own quotation marks around it."""
    return " ".join(text.split()).strip(QUOTE_MARKS + " ")


def attribution(article: Article, quote: Quote) -> list[str]:
    """Who (titles + name), their roles, the outlet (or the title when none is known), the date."""
    arabic = _is_arabic(article)
    speaker = article.speaker_by_id(quote.speaker)
    parts: list[str] = []
    if speaker is None:
        parts.append("مصدر غير مسمى" if arabic else "unnamed source")
    else:
        name = speaker.name
        # A title the name already carries ("الدكتور محمد") is not repeated.
        titles = [t for t in speaker.titles if t and t not in name]
        parts.append(" ".join([*titles, name]))
        parts.extend(role for role in speaker.roles if role)
    outlet = _first_known(article.metadata, OUTLET_KEYS)
    if outlet:
        parts.append(outlet)
    elif article.title:
        parts.append(" ".join(article.title.split()))
    date = _first_known(article.metadata, DATE_KEYS)
    if date:
        parts.append(date)
    return parts


def format_citation(article: Article, quote: Quote) -> str:
    """The quote ready to publish (two lines, logical text)."""
    arabic = _is_arabic(article)
    words = _words(article.quote_text(quote))
    if quote.kind == "direct":
        body = f"«{words}»" if arabic else f"“{words}”"
    else:
        body = f"{words} {'(بتصرف)' if arabic else '(paraphrase)'}"
    separator = "، " if arabic else ", "
    return f"{body}\n— {separator.join(attribution(article, quote))}"
