"""The JSON schema ``confreader.article/1``: Article to dict and back."""
from __future__ import annotations

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
    """The JSON is not a confreader.article/1 document; the message says what is wrong."""


def _span(obj: dict, start_key: str, end_key: str, length: int) -> tuple[int, int] | None:
    start, end = obj.get(start_key), obj.get(end_key)
    if start is None or end is None:
        return None
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= length):
        raise SchemaError(f"span {start_key}/{end_key} = {start!r}/{end!r} is outside the text")
    return start, end


def article_from_dict(data: Any, source: str | None = None) -> Article:
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise SchemaError(f"not a {SCHEMA} document")
    text = data.get("text")
    if not isinstance(text, str):
        raise SchemaError("missing the article text")
    n = len(text)
    try:
        sections = [
            Section(
                heading=s.get("heading"),
                heading_span=_span(s, "heading_start", "heading_end", n),
                start=_span(s, "start", "end", n)[0],
                end=_span(s, "start", "end", n)[1],
                paragraphs=[Paragraph(*_span(p, "start", "end", n)) for p in s.get("paragraphs", [])],
            )
            for s in data.get("sections", [])
        ]
        speakers = [
            Speaker(
                id=str(sp["id"]),
                name=str(sp["name"]),
                titles=[str(t) for t in sp.get("titles", [])],
                roles=[str(r) for r in sp.get("roles", [])],
                kind=sp.get("kind", "person"),
                mentions=[_span(m, "start", "end", n) for m in sp.get("mentions", [])],
            )
            for sp in data.get("speakers", [])
        ]
        quotes = [
            Quote(
                id=str(q["id"]),
                kind=q["kind"],
                start=_span(q, "start", "end", n)[0],
                end=_span(q, "start", "end", n)[1],
                cue=q.get("cue"),
                cue_span=_span(q, "cue_start", "cue_end", n),
                speaker=q.get("speaker"),
                section=int(q.get("section", 0)),
            )
            for q in data.get("quotes", [])
        ]
    except (KeyError, TypeError) as e:
        raise SchemaError(f"malformed entry ({e})") from None
    return Article(
        source=source or str(data.get("source", "")),
        text=text,
        title=data.get("title"),
        language=data.get("language", "ar"),
        direction=data.get("direction", "rtl"),
        sections=sections,
        speakers=speakers,
        quotes=quotes,
        metadata={str(k): str(v) for k, v in (data.get("metadata") or {}).items()},
    )
