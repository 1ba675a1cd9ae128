"""Article JSON from anyone: every field checked, every string cleaned, never a traceback."""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from confreader.cli.show_cmd import article_lines
from confreader.display import DisplayOptions
from confreader.export.json_schema import article_to_dict
from confreader.export.text import article_to_text
from confreader.loading import load_article
from confreader.model import Article, Paragraph, Quote, Section, Speaker
from confreader.sources import SourceError

TEXT = "قال الوزير إن الخطة جاهزة\nوأضاف أن العمل مستمر"
QUOTED = "الخطة جاهزة"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _document() -> dict:
    start = TEXT.index(QUOTED)
    second = TEXT.index("\n") + 1
    article = Article(
        source="news.json", text=TEXT, title="عنوان",
        sections=[Section(None, None, 0, len(TEXT), [Paragraph(0, second - 1), Paragraph(second, len(TEXT))])],
        speakers=[Speaker("s1", "الوزير", roles=["وزير"], mentions=[(4, 10)])],
        quotes=[Quote("q1", "direct", start, start + len(QUOTED), speaker="s1")],
        metadata={"date": "2024-05-15"})
    return article_to_dict(article)


def _load(tmp_path, document, name="news.json") -> Article:
    path = tmp_path / name
    raw = document if isinstance(document, str) else json.dumps(document, ensure_ascii=True)
    path.write_text(raw, encoding="utf-8")
    return load_article(path)


def _every_string(article: Article):
    yield from (article.text, article.source, article.title or "", article.language)
    yield from article.metadata.keys()
    yield from article.metadata.values()
    for s in article.sections:
        yield s.heading or ""
    for sp in article.speakers:
        yield from (sp.id, sp.name, sp.kind, *sp.titles, *sp.roles)
    for q in article.quotes:
        yield from (q.id, q.kind, q.cue or "", q.speaker or "")


def test_escapes_inside_json_strings_are_cleaned_in_every_field(tmp_path):
    doc = _document()
    clipboard = "\u001b]52;c;ZXZpbA==\u0007"
    doc["source"] = "x" + clipboard
    doc["title"] = "\u001b]0;owned\u0007عنوان"
    doc["metadata"] = {"date": "2024\u009b31m-05", "outlet\u001b[2J": "\u0085الشرق"}
    doc["speakers"][0]["name"] += clipboard
    doc["speakers"][0]["roles"] = ["\u001b[31mوزير"]
    doc["quotes"][0]["cue"] = "قال" + clipboard
    doc["sections"][0]["heading"] = "\u009d0;x\u009cعنوان"
    article = _load(tmp_path, doc)
    assert not any(CONTROL.search(s) for s in _every_string(article))
    assert article.title == "عنوان" and article.metadata == {"date": "2024-05", "outlet": "الشرق"}
    assert article.speakers[0].name == "الوزير" and article.quotes[0].cue == "قال"


def test_controls_in_the_text_are_removed_and_every_span_moves_with_them(tmp_path):
    # The same article, with escapes and a CRLF inserted; its spans point into the dirty text.
    dirty = TEXT.replace("قال", "\u001b[31mقال\u001b[0m").replace("\n", "\r\n\u001b]0;x\u0007")
    article = Article(source="news.json", text=dirty)
    first_end = dirty.index("\r")
    second = dirty.index("وأضاف")
    article.sections = [Section(None, None, 0, len(dirty), [Paragraph(0, first_end), Paragraph(second, len(dirty))])]
    mention = dirty.index("الوزير")
    article.speakers = [Speaker("s1", "الوزير", mentions=[(mention, mention + len("الوزير"))])]
    quote = dirty.index(QUOTED)
    article.quotes = [Quote("q1", "direct", quote, quote + len(QUOTED), speaker="s1"),
                      Quote("q2", "indirect", first_end + 2, second)]  # only an escape: dropped
    loaded = _load(tmp_path, article_to_dict(article))
    assert loaded.text == TEXT
    assert [loaded.quote_text(q) for q in loaded.quotes] == [QUOTED]
    assert [loaded.text[p.start:p.end] for p in loaded.paragraphs()] == TEXT.split("\n")
    start, end = loaded.speakers[0].mentions[0]
    assert loaded.text[start:end] == "الوزير"


def test_lone_surrogates_become_replacement_characters(tmp_path):
    doc = _document()
    doc["title"] = "\ud800عنوان"
    doc["speakers"][0]["name"] = "الوزير\udfff"
    article = _load(tmp_path, doc)
    assert article.title == "\ufffdعنوان" and article.speakers[0].name == "الوزير\ufffd"
    article.title.encode("utf-8")  # printable without UnicodeEncodeError


def _broken(change):
    doc = _document()
    change(doc)
    return doc


MALFORMED = {
    "metadata-list": (lambda d: d.update(metadata=["a"]), "metadata: expected an object, got a list"),
    "sections-object": (lambda d: d.update(sections={"a": 1}), "sections: expected a list, got an object"),
    "section-number": (lambda d: d.update(sections=[3]), "sections[0]: expected an object, got a number"),
    "paragraphs-text": (lambda d: d["sections"][0].update(paragraphs="p"), "paragraphs: expected a list"),
    "paragraph-list": (lambda d: d["sections"][0].update(paragraphs=[[0, 3]]),
                       "sections[0].paragraphs[0]: expected an object, got a list"),
    "quote-section-text": (lambda d: d["quotes"][0].update(section="0"),
                           "quotes[0].section: expected a whole number, got text"),
    "quote-section-out": (lambda d: d["quotes"][0].update(section=7), "quotes[0].section: 7 is not the index"),
    "speaker-list": (lambda d: d["quotes"][0].update(speaker=["s1"]), "quotes[0].speaker: expected text, got a list"),
    "speaker-unknown": (lambda d: d["quotes"][0].update(speaker="s9"), "'s9' is not the id of a speaker"),
    "title-number": (lambda d: d.update(title=42), "title: expected text, got a number"),
    "duplicate-speaker": (lambda d: d["speakers"].append(dict(d["speakers"][0])), "speakers[1].id: 's1' is used twice"),
    "duplicate-quote": (lambda d: d["quotes"].append(dict(d["quotes"][0])), "quotes[1].id: 'q1' is used twice"),
    "span-outside": (lambda d: d["quotes"][0].update(end=10_000), "quotes[0].start/end"),
    "span-reversed": (lambda d: d["quotes"][0].update(start=20, end=5), "is not a span of the text"),
    "span-true": (lambda d: d["quotes"][0].update(start=True), "quotes[0].start: expected a whole number"),
    "paragraphs-overlap": (lambda d: d["sections"][0]["paragraphs"][1].update(start=2),
                           "paragraphs[1]: 2/"),
    "kind-escape": (lambda d: d["quotes"][0].update(kind="\u001b]52;c;ZXZpbA==\u0007"),
                    "quotes[0].kind: '\\x1b]52;c;ZXZpbA==\\x07' is not one of direct, indirect"),
    "direction": (lambda d: d.update(direction="up"), "direction: 'up' is not one of rtl, ltr"),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_documents_are_one_clear_line_naming_the_file(tmp_path, name):
    change, problem = MALFORMED[name]
    with pytest.raises(SourceError) as info:
        _load(tmp_path, _broken(change))
    message = str(info.value)
    assert message.startswith(str(tmp_path / "news.json") + ": ")
    assert problem in message, message
    assert "\n" not in message and not CONTROL.search(message)


@pytest.mark.parametrize("raw, problem", [
    ('{"schema": "confreader.article/1", "text": "x", "n": ' + "1" * 4400 + "}", "invalid JSON: Exceeds the limit"),
    ("[" * 5000 + "]" * 5000, "invalid JSON: nested too deeply"),
    ('{"schema": "confreader.article/1", "text": "x", "quotes": [{"section": NaN}]}', "NaN is not a JSON number"),
    ('{"schema": "other"}', "not a confreader.article/1 document"),
], ids=["huge-integer", "deep-nesting", "nan", "other-schema"])
def test_json_the_decoder_chokes_on_is_one_line(tmp_path, raw, problem):
    with pytest.raises(SourceError, match=re.escape(problem)):
        _load(tmp_path, raw)


def test_raw_controls_inside_json_strings_are_cleaned_not_refused(tmp_path):
    doc = json.dumps(_document(), ensure_ascii=False).replace('"عنوان"', '"عنو\x1b[2Jان"')
    assert _load(tmp_path, doc).title == "عنوان"


def test_html_entities_in_one_line_fields_are_decoded_but_the_spanned_text_is_kept(tmp_path):
    doc = _document()
    doc["title"] = "المؤتمر &quot;الأول&quot;"
    doc["speakers"][0]["name"] = "وزير&nbsp;الداخلية"
    doc["text"] = TEXT.replace("الوزير", "&amp;وزير")  # spans point into this exact text
    doc["speakers"][0]["mentions"] = []
    shift = len("&amp;وزير") - len("الوزير")
    for key in ("start", "end"):
        doc["quotes"][0][key] += shift
        doc["sections"][0]["paragraphs"][1][key] += shift
    doc["sections"][0]["paragraphs"][0]["end"] += shift
    doc["sections"][0]["end"] += shift
    article = _load(tmp_path, doc)
    assert article.title == 'المؤتمر "الأول"' and article.speakers[0].name == "وزير الداخلية"
    assert "&amp;وزير" in article.text and article.quote_text(article.quotes[0]) == QUOTED


def test_quotes_out_of_order_are_sorted_for_the_reader(tmp_path):
    doc = _document()
    first = dict(doc["quotes"][0], id="q0", start=0, end=3, kind="indirect")
    doc["quotes"].append(first)
    article = _load(tmp_path, doc)
    assert [q.id for q in article.quotes] == ["q0", "q1"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 10**6) | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8)


def _slots(value, path=()):
    """Every place in a JSON document (as a key path) a fuzzer can overwrite."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _slots(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _slots(item, (*path, index))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_mutation_loads_cleanly_or_is_one_line_and_shows_without_error(tmp_path, data):
    doc = _document()
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(list(_slots(doc))[1:]))
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = data.draw(json_values)
    try:
        article = _load(tmp_path, doc)
    except SourceError as e:
        assert "\n" not in str(e) and not CONTROL.search(str(e))
        return
    for q in article.quotes:
        assert 0 <= q.start < q.end <= len(article.text)
    lines = list(article_lines(article, 30, DisplayOptions(), styled=True))
    assert lines
    article_to_text(article)
