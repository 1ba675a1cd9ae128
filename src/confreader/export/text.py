"""A readable plain-text listing of an article: sections, then quotes with their speakers."""
from __future__ import annotations

from confreader.model import Article


def _excerpt(text: str, limit: int = 0) -> str:
    text = " ".join(text.split())
    if limit and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def article_to_text(article: Article) -> str:
    lines = [f"# {article.title or article.source}", f"source: {article.source}",
             f"language: {article.language} ({article.direction})", ""]
    lines.append(f"## sections ({len(article.sections)})")
    for i, section in enumerate(article.sections):
        lines.append(f"[{i}] {section.heading or '(no heading)'} — {len(section.paragraphs)} paragraph(s)")
    lines.append("")
    lines.append(f"## speakers ({len(article.speakers)})")
    counts = {s.id: 0 for s in article.speakers}
    for q in article.quotes:
        if q.speaker in counts:
            counts[q.speaker] += 1
    for s in article.speakers:
        extra = "، ".join(s.titles + s.roles)
        lines.append(f"{s.id} {s.name} [{s.kind}]" + (f" — {extra}" if extra else "")
                     + f" — {counts[s.id]} quote(s)")
    lines.append("")
    lines.append(f"## quotes ({len(article.quotes)})")
    for q in article.quotes:
        speaker = article.speaker_by_id(q.speaker)
        who = speaker.name if speaker else "(no speaker)"
        cue = f" ({q.cue})" if q.cue else ""
        lines.append(f"{q.id} [{q.kind}] {who}{cue} §{q.section}:")
        lines.append(f"    {_excerpt(article.quote_text(q))}")
    return "\n".join(lines) + "\n"
