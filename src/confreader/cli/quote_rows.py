"""What `search` and `export` share: the filter options, and a quote as a row in each format.

Every text field is escaped for the format: one line with controls shown as
escapes (text, CSV, Markdown), or JSON with every control escaped (JSON Lines,
which keeps the quote exactly as written so its offsets stay true).
"""
from __future__ import annotations

import argparse
import csv
import json
import re
from datetime import date
from typing import TextIO

from confreader.library.sqlite import ArchiveHit, Filters
from confreader.sources.names import one_line

COLUMNS = ("speaker", "titles", "roles", "kind", "quote", "article_title", "outlet", "date", "url",
           "source", "article_id", "quote_id", "start", "end")
# json.dumps escapes C0 controls; DEL and C1 (the 8-bit CSI among them) it leaves raw.
_RAW_IN_JSON = re.compile(r"[\x7f-\x9f]")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def add_filter_arguments(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--speaker", metavar="NAME", help="only quotes of speakers whose name contains NAME (folded)")
    ap.add_argument("--kind", choices=["direct", "indirect"], help="only direct or only indirect quotes")
    ap.add_argument("--outlet", metavar="X", help="only articles whose outlet contains X (folded)")
    ap.add_argument("--since", type=_day, metavar="DATE", help="only articles dated DATE (YYYY-MM-DD) or later")


def filters_of(args: argparse.Namespace) -> Filters:
    return Filters(outlet=args.outlet, since=args.since, speaker=args.speaker, kind=args.kind)


def _day(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def one_line_field(value: str | None) -> str:
    """A field on one line: runs of white space (line breaks too) as one space, controls escaped."""
    return one_line(" ".join((value or "").split()))


def row_of(hit: ArchiveHit) -> dict[str, object]:
    return {
        "speaker": hit.speaker_name, "titles": list(hit.speaker_titles), "roles": list(hit.speaker_roles),
        "kind": hit.kind, "quote": hit.text, "article_title": hit.article_title, "outlet": hit.outlet,
        "date": hit.date, "url": hit.url, "source": hit.source, "article_id": hit.article_id,
        "quote_id": hit.quote_id, "start": hit.quote_start, "end": hit.quote_end,
    }


def json_line(hit: ArchiveHit, with_matches: bool) -> str:
    row = row_of(hit)
    if with_matches:
        row["matches"] = [list(m) for m in hit.matches]
    raw = json.dumps(row, ensure_ascii=False)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", raw)


class CsvRows:
    """CSV as spreadsheets read it: a header, UTF-8 (a BOM first when asked, for Excel), CRLF rows,
    titles and roles joined by " | "."""

    def __init__(self, out: TextIO, bom: bool):
        if bom:
            out.write("\ufeff")
        self._writer = csv.writer(out)
        self._writer.writerow(COLUMNS)

    def write(self, hit: ArchiveHit) -> None:
        row = row_of(hit)
        cells = []
        for column in COLUMNS:
            value = row[column]
            if isinstance(value, list):
                value = " | ".join(value)
            cells.append(value if isinstance(value, int) else one_line_field(value))
        self._writer.writerow(cells)


def text_block(hit: ArchiveHit) -> str:
    """Two lines: who and where, then the quote (matches between ⟦ ⟧ when there are any)."""
    return f"{who_and_where(hit)}\n    {marked_quote(hit)}\n"


def who_and_where(hit: ArchiveHit) -> str:
    who = one_line_field(hit.speaker_name) or ("(full text)" if hit.kind == "text" else "(unattributed)")
    where = ", ".join(one_line_field(v) for v in (hit.article_title, hit.outlet, day_of(hit.date)) if v)
    return f"{who} [{hit.kind}] — {where}"


def escaped_with_matches(hit: ArchiveHit) -> tuple[str, list[tuple[int, int]]]:
    """The quote on one line and escaped (as one_line_field), with its matches moved onto that line."""
    pieces: list[str] = []
    moved = [0] * (len(hit.text) + 1)
    size = 0
    for i, ch in enumerate(hit.text):
        moved[i] = size
        piece = " " if ch.isspace() else one_line(ch)
        if piece == " " and (not pieces or pieces[-1] == " "):
            piece = ""  # runs of white space as one space, none at the start
        pieces.append(piece)
        size += len(piece)
    moved[len(hit.text)] = size
    line = "".join(pieces)
    spans = [(moved[a - hit.quote_start], moved[b - hit.quote_start]) for a, b in hit.matches]
    return line.rstrip(" "), [(a, min(b, len(line.rstrip(" ")))) for a, b in spans]


def marked_quote(hit: ArchiveHit) -> str:
    text, pieces, at = hit.text, [], 0
    for start, end in hit.matches:
        start, end = start - hit.quote_start, end - hit.quote_start
        pieces += [text[at:start], "⟦", text[start:end], "⟧"]
        at = end
    pieces.append(text[at:])
    return one_line_field("".join(pieces))


def day_of(value: str | None) -> str | None:
    """An ISO date-time as its day, anything else as it is."""
    if value and _ISO_DAY.match(value):
        return value[:10]
    return value
