"""A readable plain-text listing of an article: sections, then quotes with their speakers."""
from __future__ import annotations

import re

from confreader.model import Article
from confreader.sources.names import one_line

# Loaded articles are clean already; the listing escapes any control anyway, as every output does.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _excerpt(text: str, limit: int = 0) -> str:
    text = " ".join(text.split())
    if limit and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def article_to_text(article: Article) -> str:
    """The listing. Each line puts its counts and labels first and the article's words
    last, so the line reads left to right even around Arabic names (a number right
    after Arabic would join its right-to-left run)."""
    field = one_line  # names, ids, kinds: one line each, nothing that can reorder or drive the terminal
    lines = [f"# {field(article.title or article.source)}", f"source: {field(article.source)}",
             f"language: {field(article.language)} ({article.direction})", ""]
    lines.append(f"## sections ({len(article.sections)})")
    for i, section in enumerate(article.sections):
        lines.append(f"[{i}] {len(section.paragraphs)} paragraph(s): {field(section.heading or '(no heading)')}")
    lines.append("")
    lines.append(f"## speakers ({len(article.speakers)})")
    speakers = {s.id: s for s in article.speakers}  # one look-up per quote: linear in the quotes
    counts = dict.fromkeys(speakers, 0)
    for q in article.quotes:
        if q.speaker in counts:
            counts[q.speaker] += 1
    for s in article.speakers:
        extra = "، ".join(map(field, s.titles + s.roles))
        lines.append(f"{field(s.id)} [{field(s.kind)}] {counts[s.id]} quote(s): {field(s.name)}"
                     + (f" — {extra}" if extra else ""))
    lines.append("")
    lines.append(f"## quotes ({len(article.quotes)})")
    for q in article.quotes:
        speaker = speakers.get(q.speaker) if q.speaker is not None else None
        who = field(speaker.name) if speaker else "(no speaker)"
        cue = f" ({field(q.cue)})" if q.cue else ""
        lines.append(f"{field(q.id)} [{field(q.kind)}] §{q.section}: {who}{cue}")
        lines.append(f"    {_excerpt(article.quote_text(q))}")
    listing = "\n".join(lines) + "\n"
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", listing)
