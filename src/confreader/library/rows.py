"""An Article as the rows the index stores: computed in the parsing processes, so the
one writer only inserts (folding and compressing are done beside the parse)."""
from __future__ import annotations

import json
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath

from confreader.export.json_schema import article_from_dict, article_to_dict
from confreader.library.folding import fold_text
from confreader.library.memory import AUTHOR_KEYS, DATE_KEYS, OUTLET_KEYS
from confreader.model import Article
from confreader.sources.names import one_line

URL_KEYS = ("url", "link")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    speaker_id: str
    name: str
    name_key: str        # the folded name: how speakers merge across articles
    said_as: str         # folded name and titles, one a line (a folded query has no line break), for search
    titles: str          # JSON lists
    roles: str
    kind: str
    quote_count: int


@dataclass(frozen=True, slots=True)
class QuoteRow:
    quote_id: str
    kind: str
    speaker_pos: int | None   # index into ArticleRows.speakers
    start: int
    end: int
    text: str
    folded: str


@dataclass(frozen=True, slots=True)
class ArticleRows:
    source: str
    title: str
    outlet: str | None
    date: str | None
    day: str | None            # YYYY-MM-DD when the date starts with one: what sorting and --since use
    author: str | None
    url: str | None
    language: str
    direction: str
    quote_count: int
    speaker_count: int
    body: bytes                # zlib-compressed confreader.article/1 JSON without the text
    text: bytes                # zlib-compressed text
    folded: bytes              # zlib-compressed fold of the text
    folded_text: str           # that fold, for the full-text index
    paragraphs: str            # JSON [start, end, start, end, ...]
    speakers: tuple[SpeakerRow, ...]
    quotes: tuple[QuoteRow, ...]


def metadata_value(article: Article, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = " ".join(str(article.metadata.get(key) or "").split())
        if value:
            return value
    return None


def folded_key(value: str | None) -> str | None:
    return " ".join(fold_text(value).split()) if value else None


def article_rows(article: Article) -> ArticleRows:
    document = article_to_dict(article)
    del document["text"]
    folded_text = fold_text(article.text)
    counts = Counter(q.speaker for q in article.quotes)
    speakers = tuple(
        SpeakerRow(sp.id, sp.name, folded_key(sp.name) or "", "\n".join(fold_text(s) for s in (sp.name, *sp.titles)),
                   json.dumps(list(sp.titles), ensure_ascii=False), json.dumps(list(sp.roles), ensure_ascii=False),
                   sp.kind, counts[sp.id])
        for sp in article.speakers)
    position = {sp.id: i for i, sp in enumerate(article.speakers)}
    quotes = tuple(
        QuoteRow(q.id, q.kind, position.get(q.speaker) if q.speaker is not None else None, q.start, q.end,
                 article.quote_text(q), fold_text(article.quote_text(q)))
        for q in article.quotes)
    date = metadata_value(article, DATE_KEYS)
    day = date[:10] if date and _ISO_DAY.match(date) else None
    return ArticleRows(
        source=article.source,
        title=article.title or one_line(PurePath(article.source).name or article.source),
        outlet=metadata_value(article, OUTLET_KEYS), date=date, day=day,
        author=metadata_value(article, AUTHOR_KEYS), url=metadata_value(article, URL_KEYS),
        language=article.language, direction=article.direction,
        quote_count=len(article.quotes), speaker_count=len(article.speakers),
        body=_compress(json.dumps(document, ensure_ascii=False)), text=_compress(article.text),
        folded=_compress(folded_text), folded_text=folded_text,
        paragraphs=json.dumps([n for p in article.paragraphs() for n in (p.start, p.end)]),
        speakers=speakers, quotes=quotes)


def most_common(names: list[str]) -> str:
    """The spelling written most often (the first seen among equals)."""
    return Counter(names).most_common(1)[0][0]


def merged_lists(joined: str | None) -> tuple[str, ...]:
    """JSON lists joined by U+001F (SQL group_concat) as one list, each item once, first seen first."""
    merged: dict[str, None] = {}
    for part in (joined or "").split("\x1f"):
        if part:
            merged.update(dict.fromkeys(json.loads(part)))
    return tuple(merged)


def _compress(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 6)


def decompress(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


def article_of_body(body: bytes, text: bytes, source: str) -> Article:
    document = json.loads(zlib.decompress(body))
    document["text"] = decompress(text)
    return article_from_dict(document, source=source)


def paragraph_spans(paragraphs: str) -> list[tuple[int, int]]:
    flat = json.loads(paragraphs)
    return list(zip(flat[::2], flat[1::2]))
