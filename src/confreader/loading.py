"""From a path to an Article: read, detect the format, extract (or read our JSON back), clean."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from confreader.export.json_schema import SchemaError, article_from_dict
from confreader.model import Article, Paragraph, Quote, Section, Speaker, Span
from confreader.sources import SourceError, load_document, one_line
from confreader.sources.clean import OffsetMap, clean_label, clean_text, clean_text_mapped, decode_entities
from confreader.sources.formats import ARTICLE_EXTENSIONS
from confreader.sources.records import ARCHIVE_SUFFIXES, JSON_LINES_SUFFIXES, Record, SourceWarning, iter_records

Warn = Callable[[SourceError], None]


def load_article(path: str | Path, warn: Warn | None = None) -> Article:
    """Load one article file; raises SourceError with a one-line reason on bad input.

    Every failure, even one nobody foresaw, is a SourceError naming the file, so one
    bad file never stops a batch. ``warn`` hears about problems that did not stop the
    load (e.g. bytes that were not valid UTF-8).
    """
    try:
        return _load(path, warn)
    except SourceError:
        raise
    except RecursionError:
        raise SourceError(path, "unexpected error: nested too deeply") from None
    except Exception as e:  # a bug must not reach the user as a traceback
        raise unexpected_error(path, e) from None


def unexpected_error(path: str | Path, error: Exception) -> SourceError:
    """An exception nobody foresaw, as the file's one-line error."""
    detail = " ".join(str(error).split())[:200]
    return SourceError(path, f"unexpected error: {type(error).__name__}" + (f": {detail}" if detail else ""))


def _load(path: str | Path, warn: Warn | None) -> Article:
    doc = load_document(path)
    if doc.warning and warn is not None:
        warn(SourceError(path, doc.warning))
    if doc.format == "json":
        try:
            article = article_from_dict(doc.data)
        except SchemaError as e:
            raise SourceError(path, str(e)) from None
        return clean_article(article, label_entities=True)
    # Imported on first use: the reader paints its first screen before the parser loads.
    from confreader.extract import ModelError, parse_text

    try:
        article = parse_text(doc.text, source=str(path), fmt=doc.format)
    except ModelError as e:  # a broken install, not a bad article: name the model file
        raise SourceError(path, f"could not parse the article: {e}") from None
    article.metadata.setdefault("encoding", doc.encoding)
    return clean_article(article, label_entities=False)


def iter_file_articles(path: str | Path, warn: Warn | None = None,
                       only: str | None = None) -> Iterator[Article | SourceError]:
    """Every article the file holds, parsed one at a time, in file order.

    A .txt, .md, .json or .html file holds one; a JSON list or JSON Lines of news
    records, or a .zip of any of these, holds many. Each article's ``source`` is a
    stable locator (``day.zip!day.json#17``; the path alone for a file of one
    article) and its metadata has ``outlet``, ``date``, ``author``, ``url`` when
    known. A bad record (or a file that cannot be read) is yielded as a
    SourceError naming it, and the records after it go on. ``only``: yield just
    the article of that locator (the others are not parsed).
    """
    try:
        for record in iter_records(path, only):
            if isinstance(record, SourceWarning):
                if warn is not None:
                    warn(record)
            elif isinstance(record, SourceError):
                if only is None or record.path == only or only.startswith(record.path + "#"):
                    yield record
            elif only is None or record.locator == only:
                yield article_of_record(record, str(path), warn)
    except SourceError as error:
        yield error
    except RecursionError:
        yield SourceError(path, "unexpected error: nested too deeply")
    except Exception as error:  # a bug must not reach the user as a traceback
        yield unexpected_error(path, error)


def article_of_record(record: Record, path: str, warn: Warn | None = None) -> Article | SourceError:
    """The record parsed (text, HTML) or read back (our JSON) and cleaned; or its one-line error."""
    try:
        return _article_of_record(record, path, warn)
    except SourceError as error:
        return error
    except RecursionError:
        return SourceError(record.locator, "unexpected error: nested too deeply")
    except Exception as error:  # noqa: BLE001 - one record's bug, the others go on
        return unexpected_error(record.locator, error)


def _article_of_record(record: Record, path: str, warn: Warn | None) -> Article:
    if record.kind == "article":
        # A document alone in its file keeps the source it names; one of many is named by its place.
        try:
            article = article_from_dict(record.data, source=None if record.locator == path else record.locator)
        except SchemaError as e:
            raise SourceError(record.locator, str(e)) from None
        return clean_article(article, label_entities=True)
    text, title, metadata, fmt = record.text, record.title, record.metadata, record.kind
    if record.kind == "html":
        from confreader.sources.html import extract_html

        text, title, metadata = extract_html(record.text, record.locator)
        fmt = "text"
    from confreader.extract import parse_text

    article = parse_text(clean_text(text), source=record.locator, fmt=fmt)
    if title:
        article.title = title
    article.metadata.update(metadata)
    article.metadata.setdefault("encoding", record.encoding)
    return clean_article(article, label_entities=False)


def split_locator(given: str) -> tuple[str, str | None]:
    """``FILE`` as is, or ``FILE#N`` / ``ARCHIVE!MEMBER[#N]`` (an article's ``source`` as
    `parse` prints it) as the file and that locator. A path that exists is always a file."""
    if Path(given).exists() or not any(mark in given for mark in "!#"):
        return given, None
    for at in sorted((i for i, ch in enumerate(given) if ch in "!#"), reverse=True):
        if Path(given[:at]).is_file():
            return given[:at], given
    return given, None


def might_hold_many(path: str | Path) -> bool:
    """Whether a file may hold several articles (an archive, JSON Lines, a JSON list),
    judged from its name and first bytes without reading it all."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in ARCHIVE_SUFFIXES or suffix in JSON_LINES_SUFFIXES:
        return True
    if suffix != ".json":
        return False
    try:
        with open(path, "rb") as f:
            head = f.read(4096) if path.is_file() else b""
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"["


def clean_article(article: Article, label_entities: bool) -> Article:
    """Every string of the article cleaned, in place: the one place all formats pass.

    The text loses its control sequences and every span is moved with it; one-line
    fields (title, names, kinds, metadata) lose controls and line breaks. With
    ``label_entities`` (JSON, whose text carries spans and is left as stored), HTML
    entities in those one-line fields are decoded too.
    """
    def label(value: str) -> str:
        return clean_label(decode_entities(value) if label_entities else value)

    article.text, moved = clean_text_mapped(article.text)
    if moved is not None:
        _move_spans(article, moved)
    article.source = one_line(article.source)  # a path: escaped like every file name we print
    article.title = label(article.title) if article.title is not None else None
    article.language = clean_label(article.language)
    article.metadata = {clean_label(k): label(v) for k, v in article.metadata.items()}
    for section in article.sections:
        if section.heading is not None:
            section.heading = label(section.heading)
    for speaker in article.speakers:
        speaker.id = clean_label(speaker.id)
        speaker.name = label(speaker.name)
        speaker.titles = [label(t) for t in speaker.titles]
        speaker.roles = [label(r) for r in speaker.roles]
    for quote in article.quotes:
        quote.id = clean_label(quote.id)
        if quote.speaker is not None:
            quote.speaker = clean_label(quote.speaker)
        if quote.cue is not None:
            quote.cue = clean_label(quote.cue)
    return article


def _move_spans(article: Article, moved: OffsetMap) -> None:
    """Carry every span over to the cleaned text; a quote or paragraph left empty goes."""
    def span(s: Span | None) -> Span | None:
        return None if s is None else (moved(s[0]), moved(s[1]))

    sections = []
    for section in article.sections:
        start, end = moved(section.start), moved(section.end)
        paragraphs = [Paragraph(a, b) for a, b in (span((p.start, p.end)) for p in section.paragraphs) if a < b]
        sections.append(Section(section.heading, span(section.heading_span), start, end, paragraphs))
    article.sections = sections
    article.speakers = [Speaker(sp.id, sp.name, sp.titles, sp.roles, sp.kind, [span(m) for m in sp.mentions])
                        for sp in article.speakers]
    quotes = []
    for q in article.quotes:
        start, end = moved(q.start), moved(q.end)
        if start < end:
            quotes.append(Quote(q.id, q.kind, start, end, q.cue, span(q.cue_span), q.speaker, q.section))
    article.quotes = quotes


def expand_paths(paths: list[str | Path], report: Warn | None = None) -> list[Path]:
    """Files as given, and the article files inside given folders (sorted, hidden folders skipped).

    A folder that cannot be read, or holds no article file, is reported (one
    SourceError each) and the other paths go on; files are checked when loaded.
    """
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if not p.is_dir():
            out.append(p)
            continue
        found, problem = _article_files(p)
        if problem is None and not found:
            kinds = " ".join(sorted(ARTICLE_EXTENSIONS))
            problem = SourceError(p, f"no article files ({kinds})")
        if problem is not None and report is not None:
            report(problem)
        out.extend(found)
    return out


def _article_files(folder: Path) -> tuple[list[Path], SourceError | None]:
    errors: list[OSError] = []
    found = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            f = Path(root, name)
            if not name.startswith(".") and f.suffix.lower() in ARTICLE_EXTENSIONS and f.is_file():
                found.append(f)
    problem = None
    if errors:
        e = errors[0]
        where = e.filename or folder
        problem = SourceError(where, f"cannot read this folder ({e.strerror or e})")
    return sorted(found), problem
