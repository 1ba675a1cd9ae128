"""The JSON schema ``confreader.article/1``: Article to dict and back."""
from __future__ import annotations

import json
from typing import Any

from confreader.model import Article, Paragraph, Quote, Section, Speaker

SCHEMA = "confreader.article/1"


def article_to_dict(article: Article) -> dict[str, Any]:
    text = article.text
    return {
        "schema": SCHEMA,
        "source": article.source,
        "language": article.language,
        "direction": article.direction,
        "title": article.title,
        "metadata": dict(article.metadata),
        "text": text,
        "sections": [
            {
                "heading": s.heading,
                "heading_start": s.heading_span[0] if s.heading_span else None,
                "heading_end": s.heading_span[1] if s.heading_span else None,
                "start": s.start,
                "end": s.end,
                "paragraphs": [{"start": p.start, "end": p.end} for p in s.paragraphs],
            }
            for s in article.sections
        ],
        "speakers": [
            {
                "id": sp.id,
                "name": sp.name,
                "titles": list(sp.titles),
                "roles": list(sp.roles),
                "kind": sp.kind,
                "mentions": [{"start": a, "end": b} for a, b in sp.mentions],
            }
            for sp in article.speakers
        ],
        "quotes": [
            {
                "id": q.id,
                "kind": q.kind,
                "text": text[q.start:q.end],
                "start": q.start,
                "end": q.end,
                "speaker": q.speaker,
                "cue": q.cue,
                "cue_start": q.cue_span[0] if q.cue_span else None,
                "cue_end": q.cue_span[1] if q.cue_span else None,
                "section": q.section,
            }
            for q in article.quotes
        ],
    }


class SchemaError(ValueError):
    """The JSON is not a valid confreader.article/1 document; the message says where and what."""


_KIND_NAMES = {dict: "an object", list: "a list", str: "text", bool: "true/false", int: "a number",
               float: "a number", type(None): "null"}


def _got(value: Any) -> str:
    return _KIND_NAMES.get(type(value), type(value).__name__)


def _object(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise SchemaError(f"{where}: expected an object, got {_got(value)}")
    return value


def _list(obj: dict, key: str, where: str) -> list:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise SchemaError(f"{where}{key}: expected a list, got {_got(value)}")
    return value


def _text(obj: dict, key: str, where: str, default: str | None = None, optional: bool = False) -> str | None:
    value = obj.get(key, default)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise SchemaError(f"{where}{key}: expected text, got {_got(value)}")
    return value


def _texts(obj: dict, key: str, where: str) -> list[str]:
    values = _list(obj, key, where)
    for i, value in enumerate(values):
        if not isinstance(value, str):
            raise SchemaError(f"{where}{key}[{i}]: expected text, got {_got(value)}")
    return values


def _choice(obj: dict, key: str, where: str, choices: tuple[str, ...], default: str | None = None) -> str:
    value = _text(obj, key, where, default)
    if value not in choices:
        raise SchemaError(f"{where}{key}: {value!r} is not one of {', '.join(choices)}")
    return value  # type: ignore[return-value]


def _id(obj: dict, key: str, where: str) -> str:
    value = obj.get(key)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise SchemaError(f"{where}{key}: expected text, got {_got(value)}")
    return str(value)


def _whole(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SchemaError(f"{where}: expected a whole number, got {_got(value)}")
    return value


def _span(obj: dict, start_key: str, end_key: str, where: str, length: int,
          required: bool = True) -> tuple[int, int] | None:
    start, end = obj.get(start_key), obj.get(end_key)
    if start is None and end is None and not required:
        return None
    start = _whole(start, f"{where}{start_key}")
    end = _whole(end, f"{where}{end_key}")
    if not 0 <= start <= end <= length:
        raise SchemaError(f"{where}{start_key}/{end_key} = {start}/{end} is not a span of the text "
                          f"(0 to {length}, start before end)")
    return start, end


def _section(raw: Any, where: str, n: int, after: int) -> Section:
    s = _object(raw, where)
    where += "."
    start, end = _span(s, "start", "end", where, n)  # type: ignore[misc]
    if start < after:
        raise SchemaError(f"{where}start: {start} overlaps the section before (ends at {after})")
    paragraphs = []
    previous = start
    for i, p in enumerate(_list(s, "paragraphs", where)):
        p_where = f"{where}paragraphs[{i}]"
        a, b = _span(_object(p, p_where), "start", "end", p_where + ".", n)  # type: ignore[misc]
        if a < previous or b > end:
            raise SchemaError(f"{p_where}: {a}/{b} is out of order or outside its section ({start}/{end})")
        paragraphs.append(Paragraph(a, b))
        previous = b
    return Section(heading=_text(s, "heading", where, optional=True),
                   heading_span=_span(s, "heading_start", "heading_end", where, n, required=False),
                   start=start, end=end, paragraphs=paragraphs)


def _speaker(raw: Any, where: str, n: int) -> Speaker:
    sp = _object(raw, where)
    where += "."
    return Speaker(
        id=_id(sp, "id", where),
        name=_text(sp, "name", where),  # type: ignore[arg-type]
        titles=_texts(sp, "titles", where),
        roles=_texts(sp, "roles", where),
        kind=_choice(sp, "kind", where, ("person", "organisation", "unnamed"), "person"),  # type: ignore[arg-type]
        mentions=[_span(_object(m, f"{where}mentions[{i}]"), "start", "end", f"{where}mentions[{i}].", n)
                  for i, m in enumerate(_list(sp, "mentions", where))],  # type: ignore[misc]
    )


def _quote(raw: Any, where: str, n: int, speaker_ids: set[str], section_count: int) -> Quote:
    q = _object(raw, where)
    where += "."
    start, end = _span(q, "start", "end", where, n)  # type: ignore[misc]
    speaker = q.get("speaker")
    if speaker is not None:
        speaker = _id(q, "speaker", where)
        if speaker not in speaker_ids:
            raise SchemaError(f"{where}speaker: {speaker!r} is not the id of a speaker")
    section = _whole(q.get("section", 0), f"{where}section")
    if not 0 <= section < max(section_count, 1):
        raise SchemaError(f"{where}section: {section} is not the index of a section")
    return Quote(id=_id(q, "id", where), kind=_choice(q, "kind", where, ("direct", "indirect")),  # type: ignore[arg-type]
                 start=start, end=end, cue=_text(q, "cue", where, optional=True),
                 cue_span=_span(q, "cue_start", "cue_end", where, n, required=False),
                 speaker=speaker, section=section)


def _unique(ids: list[str], what: str) -> set[str]:
    seen: set[str] = set()
    for i, item_id in enumerate(ids):
        if item_id in seen:
            raise SchemaError(f"{what}[{i}].id: {item_id!r} is used twice")
        seen.add(item_id)
    return seen


def _metadata(data: dict) -> dict[str, str]:
    raw = data.get("metadata") or {}
    out = {}
    for key, value in _object(raw, "metadata").items():
        if isinstance(value, (dict, list)):
            raise SchemaError(f"metadata.{key}: expected text, got {_got(value)}")
        if value is not None:
            out[key] = value if isinstance(value, str) else json.dumps(value)
    return out


def article_from_dict(data: Any, source: str | None = None) -> Article:
    """The article of a confreader.article/1 document, every field checked (in one pass:
    a document with 100,000 quotes is validated in linear time)."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise SchemaError(f"not a {SCHEMA} document")
    text = data.get("text")
    if not isinstance(text, str):
        raise SchemaError("missing the article text")
    n = len(text)
    sections = []
    after = 0
    for i, raw in enumerate(_list(data, "sections", "")):
        sections.append(_section(raw, f"sections[{i}]", n, after))
        after = sections[-1].end
    speakers = [_speaker(raw, f"speakers[{i}]", n) for i, raw in enumerate(_list(data, "speakers", ""))]
    speaker_ids = _unique([sp.id for sp in speakers], "speakers")
    quotes = [_quote(raw, f"quotes[{i}]", n, speaker_ids, len(sections))
              for i, raw in enumerate(_list(data, "quotes", ""))]
    _unique([q.id for q in quotes], "quotes")
    quotes.sort(key=lambda q: (q.start, q.end))
    return Article(
        source=source or _text(data, "source", "", ""),  # type: ignore[arg-type]
        text=text,
        title=_text(data, "title", "", optional=True),
        language=_text(data, "language", "", "ar"),  # type: ignore[arg-type]
        direction=_choice(data, "direction", "", ("rtl", "ltr"), "rtl"),  # type: ignore[arg-type]
        sections=sections,
        speakers=speakers,
        quotes=quotes,
        metadata=_metadata(data),
    )
