"""Files of many articles: SaudiNewsNet JSON lists and lines, our JSON, zips read in place,
HTML pages; and every hostile shape of them (zip bombs, nested zips, bad records, odd names)."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import annotated_sample, english_article
from confreader.export.json_schema import article_to_dict
from confreader.loading import expand_paths, iter_file_articles, might_hold_many
from confreader.model import Article
from confreader.sources import SourceError, one_line
from confreader.sources import records
from confreader.sources.records import iter_records

CORPUS_DAY = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "saudinewsnet" / "2015-07-21.zip"


def news(content: str = "قال الوزير: \"الخطة جاهزة\".\nوأضاف أن العمل بدأ.", **fields) -> dict:
    record = {"source": "okaz", "url": "http://okaz.example/1", "date_extracted": "2015-07-21 02:51:32",
              "title": "الوزير يعلن الخطة", "author": "جدة: سارة", "content": content}
    record.update(fields)
    return {k: v for k, v in record.items() if v is not ...}


def articles_and_errors(path: Path, **kwargs) -> tuple[list[Article], list[SourceError]]:
    found, errors = [], []
    for item in iter_file_articles(path, **kwargs):
        (errors if isinstance(item, SourceError) else found).append(item)
    return found, errors


def write_zip(path: Path, members: dict[str, bytes | str], compression=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


# --- real shapes ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_records() -> list[dict]:
    """The first records with text of one real corpus day (read from ../shared, never copied)."""
    if not CORPUS_DAY.is_file():
        pytest.skip("the SaudiNewsNet corpus is not in ../shared/corpora")
    with zipfile.ZipFile(CORPUS_DAY) as archive:
        day = json.loads(archive.read(archive.namelist()[0]))
    return [r for r in day[:12] if r["content"].strip()][:6]


def test_a_real_corpus_day_as_a_json_list_gives_each_record_with_its_metadata(tmp_path, corpus_records):
    day = tmp_path / "2015-07-21.json"
    day.write_text(json.dumps(corpus_records, ensure_ascii=False), encoding="utf-8")
    found, errors = articles_and_errors(day)
    assert errors == []
    assert [a.source for a in found] == [f"{day}#{n}" for n in range(1, len(corpus_records) + 1)]
    for article, record in zip(found, corpus_records):
        assert article.title == record["title"].strip()
        assert article.metadata["outlet"] == record["source"]
        assert article.metadata["date"] == record["date_extracted"]
        assert article.metadata["url"] == record["url"]
        assert article.metadata.get("author", "") == record["author"].strip()
        assert record["content"].strip()[:40] in article.text
        for quote in article.quotes:
            assert article.quote_text(quote).strip()


def test_the_same_records_as_json_lines_and_in_a_zip_give_the_same_articles(tmp_path, corpus_records):
    as_list = tmp_path / "day.json"
    as_list.write_text(json.dumps(corpus_records, ensure_ascii=False), encoding="utf-8")
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in corpus_records) + "\n"
    as_lines = tmp_path / "day.jsonl"
    as_lines.write_text(lines, encoding="utf-8")
    archive = write_zip(tmp_path / "day.zip", {"day.json": as_list.read_bytes()})

    def seen(path):
        found, errors = articles_and_errors(path)
        assert errors == []
        return [(a.title, a.text, a.metadata, len(a.quotes)) for a in found]

    assert seen(as_lines) == seen(as_list) == seen(archive)
    assert [a.source for a in articles_and_errors(archive)[0]][:2] == [f"{archive}!day.json#1", f"{archive}!day.json#2"]


def test_records_with_no_text_are_skipped_with_one_warning(tmp_path):
    day = tmp_path / "day.json"
    day.write_text(json.dumps([news(), news(content=" "), news(content=""), news()]), encoding="utf-8")
    heard = []
    found, errors = articles_and_errors(day, warn=heard.append)
    assert len(found) == 2 and errors == []
    assert [str(w) for w in heard] == [f"{day}: 2 records with no text skipped"]


def test_our_own_json_as_a_list_and_one_after_another(tmp_path):
    docs = [article_to_dict(annotated_sample()), article_to_dict(english_article())]
    listed = tmp_path / "two.json"
    listed.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
    # What `confreader parse a b` prints: documents one after another.
    printed = tmp_path / "printed.json"
    printed.write_text("\n".join(json.dumps(d, ensure_ascii=False, indent=1) for d in docs), encoding="utf-8")
    for path in (listed, printed):
        found, errors = articles_and_errors(path)
        assert errors == []
        assert [a.title for a in found] == [annotated_sample().title, english_article().title]
        assert [a.source for a in found] == [f"{path}#1", f"{path}#2"]
        assert len(found[0].quotes) == len(annotated_sample().quotes)
    single = tmp_path / "one.json"
    single.write_text(json.dumps(docs[0], ensure_ascii=False), encoding="utf-8")
    [article], _ = articles_and_errors(single)
    assert article.source == annotated_sample().source  # alone in its file: the source it names


def test_a_zip_of_text_and_markdown_files_read_in_place(tmp_path):
    archive = write_zip(tmp_path / "a.zip", {
        "one.txt": "قال الوزير: \"الخطة جاهزة\".",
        "sub/two.md": "# عنوان\n\nوأضاف أن العمل بدأ.",
        "__MACOSX/._one.txt": b"\x00\x05\x16\x07",
        ".hidden.txt": "لا",
        "notes.pdf": b"%PDF-1.4",
        "folder/": b"",
    })
    before = sorted(p.name for p in tmp_path.iterdir())
    found, errors = articles_and_errors(archive)
    assert errors == []
    assert [a.source for a in found] == [f"{archive}!one.txt", f"{archive}!sub/two.md"]
    assert found[1].sections[-1].heading == "عنوان"
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing unpacked


def test_html_entities_in_news_content_are_decoded_with_offsets_into_the_decoded_text(tmp_path):
    path = tmp_path / "day.jsonl"
    record = news(content="قال الوزير: &quot;الخطة جاهزة للتنفيذ&quot;.\nوأضاف: &#8220;العمل بدأ&#8221;.",
                  title="&quot;الخطة&quot;")
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    [article], _ = articles_and_errors(path)
    assert "&quot;" not in article.text and "&#8220;" not in article.text
    assert article.title == '"الخطة"'
    assert article.text == 'قال الوزير: "الخطة جاهزة للتنفيذ".\nوأضاف: “العمل بدأ”.'
    assert article.quote_text(article.quotes[0]) == "الخطة جاهزة للتنفيذ"


def test_folders_pick_up_archives_lists_and_pages(tmp_path):
    for name in ("a.zip", "b.jsonl", "c.html", "d.htm", "e.json", "f.pdf"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in expand_paths([tmp_path])] == ["a.zip", "b.jsonl", "c.html", "d.htm", "e.json"]


def test_which_files_may_hold_many_articles(tmp_path):
    (tmp_path / "list.json").write_text('\ufeff  [{"content": "x"}]', encoding="utf-8")
    (tmp_path / "one.json").write_text('{"schema": "confreader.article/1"}', encoding="utf-8")
    write_zip(tmp_path / "a.zip", {"a.txt": "x"})
    assert [might_hold_many(tmp_path / n) for n in ("list.json", "one.json", "a.zip", "missing.jsonl")] == \
        [True, False, True, True]


# --- HTML pages ---------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>الوزير يفتتح المؤتمر | جريدة الاختبار</title>
<meta property="og:site_name" content="جريدة الاختبار">
<meta property="og:title" content="الوزير يفتتح المؤتمر">
<meta name="author" content="سارة أحمد">
<meta property="article:published_time" content="2024-03-05T10:00:00+03:00">
<link rel="canonical" href="https://example.com/news/123"></head><body>
<nav><a href="/">الرئيسية</a> | <a href="/sport">قائمة الرياضة</a></nav>
<article><h1>الوزير يفتتح المؤتمر</h1>
<p>افتتح وزير الداخلية اليوم المؤتمر العربي الأول لمكافحة الجرائم الإلكترونية في تونس بحضور عدد كبير من الخبراء.</p>
<p>وقال الوزير في كلمته: &quot;إن هذا المؤتمر يعد خطوة مهمة نحو تعزيز التعاون العربي في مجال الأمن&quot;.</p>
<p>وأضاف أن الدول العربية تواجه تحديات متزايدة في مجال الجرائم المعلوماتية تتطلب تنسيقاً أكبر.</p>
</article><footer>جميع الحقوق محفوظة للناشر</footer></body></html>"""


def test_a_saved_news_page_gives_its_main_text_title_and_metadata(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    [article], errors = articles_and_errors(page)
    assert errors == []
    assert article.source == str(page)
    assert article.title == "الوزير يفتتح المؤتمر"
    assert {k: article.metadata[k] for k in ("outlet", "date", "author", "url")} == {
        "outlet": "جريدة الاختبار", "date": "2024-03-05", "author": "سارة أحمد",
        "url": "https://example.com/news/123"}
    assert "الجرائم الإلكترونية" in article.text
    assert "قائمة الرياضة" not in article.text and "محفوظة للناشر" not in article.text
    direct = [article.quote_text(q) for q in article.quotes if q.kind == "direct"]
    assert direct == ["إن هذا المؤتمر يعد خطوة مهمة نحو تعزيز التعاون العربي في مجال الأمن"]


def test_a_page_with_no_article_text_is_one_line(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>t</title></head><body><script>var a = 1;</script></body></html>",
                    encoding="utf-8")
    [error] = list(iter_file_articles(page))
    assert str(error) == f"{page}: no article text found in this HTML page"


# --- bad records: that record's line, the others go on -----------------------------------

def test_records_with_missing_or_non_text_fields_are_their_own_errors(tmp_path):
    day = tmp_path / "day.json"
    day.write_text(json.dumps([news(), news(content=5), news(title=["x"]), "just text",
                               {"title": "no content"}, news(author=None), news(url=...)]), encoding="utf-8")
    found, errors = articles_and_errors(day)
    assert [str(e) for e in errors] == [
        f"{day}#2: content: expected text, got a number",
        f"{day}#3: title: expected text, got a list",
        f"{day}#4: expected an article (a JSON object), got text",
        f"{day}#5: not a confreader.article/1 document",
    ]
    assert [a.source for a in found] == [f"{day}#1", f"{day}#6", f"{day}#7"]
    assert "author" not in found[1].metadata and "url" not in found[2].metadata


def test_invalid_json_midway_keeps_the_records_before_it(tmp_path):
    day = tmp_path / "day.json"
    day.write_text("[" + json.dumps(news()) + ",\n" + json.dumps(news()) + ",\n{\"content\": oops}]",
                   encoding="utf-8")
    found, errors = articles_and_errors(day)
    assert len(found) == 2
    assert [str(e) for e in errors] == [f"{day}: invalid JSON at line 3: Expecting value"]


def test_an_empty_list_and_a_list_of_nothing_useful_are_one_line(tmp_path):
    empty = tmp_path / "empty.json"
    empty.write_text(" [ ] ", encoding="utf-8")
    assert [str(e) for e in iter_file_articles(empty)] == [f"{empty}: an empty list: no articles"]


def test_a_text_file_that_starts_with_a_brace_is_still_text(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("{ملاحظة} قال الوزير إن الخطة جاهزة.", encoding="utf-8")
    [article] = list(iter_file_articles(path))
    assert isinstance(article, Article) and article.text.startswith("{ملاحظة}")


# Run in a fresh interpreter, so the high-water mark of memory is this file's alone.
_STREAM_RECORDS = """
import resource, sys
from confreader.sources.decode import decode_bytes, read_file_bytes
from confreader.sources.records import Record, iter_records

def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

decode_bytes(read_file_bytes(sys.argv[1]))  # the file's own parse: its bytes and its text
before = peak_mb()
count = sum(1 for record in iter_records(sys.argv[1]) if isinstance(record, Record))
print(count, peak_mb() - before)
"""


def test_a_million_tiny_records_stream_without_holding_them(tmp_path):
    day = tmp_path / "tiny.json"
    day.write_text("[" + ",".join(['{"content":"x"}'] * 1_000_000) + "]", encoding="ascii")
    out = subprocess.run([sys.executable, "-c", _STREAM_RECORDS, str(day)], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    count, growth_mb = out.stdout.split()
    assert int(count) == 1_000_000
    # Holding the million records would take hundreds of MB; streaming them, the file's text once more at most.
    assert float(growth_mb) < day.stat().st_size / 1e6 * 1.5, f"memory grew {growth_mb} MB"


def test_the_first_record_arrives_before_the_rest_are_read(tmp_path):
    day = tmp_path / "day.json"
    day.write_text("[" + json.dumps(news()) + ", " + "{\"content\": " * 3 + "]", encoding="utf-8")
    items = iter_file_articles(day)
    assert isinstance(next(items), Article)
    assert isinstance(next(items), SourceError)


# --- hostile archives ---------------------------------------------------------------------

def test_a_zip_bomb_member_is_refused_and_the_others_go_on(tmp_path):
    archive = write_zip(tmp_path / "bomb.zip", {"a.txt": "قال الوزير إن الخطة جاهزة.",
                                                "bomb.txt": b"\0" * (20 * 1024 * 1024),
                                                "b.txt": "وأضاف أن العمل بدأ."})
    found, errors = articles_and_errors(archive)
    assert [a.source for a in found] == [f"{archive}!a.txt", f"{archive}!b.txt"]
    [error] = errors
    assert error.path == f"{archive}!bomb.txt" and "zip bomb" in error.problem


def test_inflated_bytes_are_counted_while_reading_whatever_the_header_says(tmp_path, monkeypatch):
    archive = write_zip(tmp_path / "big.zip", {"a.txt": "ق" * 3000, "b.txt": "ل" * 3000, "c.txt": "ا" * 3000})
    monkeypatch.setattr(records, "MAX_ARCHIVE_BYTES", 10_000)
    found, errors = articles_and_errors(archive)
    # The first member fits; the second inflates past what is left, and nothing after it is read.
    assert [a.source for a in found] == [f"{archive}!a.txt"]
    assert [e.path for e in errors] == [f"{archive}!b.txt"]


def test_an_archive_of_too_many_members_is_refused_whole(tmp_path, monkeypatch):
    archive = write_zip(tmp_path / "many.zip", {f"{n}.txt": "x" for n in range(5)})
    monkeypatch.setattr(records, "MAX_MEMBERS", 4)
    assert [str(e) for e in iter_file_articles(archive)] == [
        f"{archive}: 5 members in this archive: refused (the limit is 4)"]


def test_a_zip_inside_a_zip_is_not_read(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("deep.txt", "x")
    archive = write_zip(tmp_path / "outer.zip", {"inner.zip": inner.getvalue(), "a.txt": "قال الوزير."})
    found, errors = articles_and_errors(archive)
    assert [a.source for a in found] == [f"{archive}!a.txt"]
    assert [str(e) for e in errors] == [
        f"{archive}!inner.zip: a zip inside a zip: not read (unpack the inner archive first)"]


def test_hostile_member_names_are_shown_on_one_line_and_never_extracted(tmp_path):
    archive = write_zip(tmp_path / "names.zip", {"../../etc/passwd.txt": "قال الوزير.",
                                                 "\x1b]0;pwned\x07\u202e.txt": "وأضاف."})
    before = {p for p in tmp_path.parent.rglob("*")}
    found, errors = articles_and_errors(archive)
    assert errors == []
    assert [a.source for a in found] == [f"{archive}!../../etc/passwd.txt", f"{archive}!\\x1b]0;pwned\\x07\\u202e.txt"]
    assert {p for p in tmp_path.parent.rglob("*")} == before


def test_member_names_that_are_not_utf8_still_load(tmp_path):
    archive = write_zip(tmp_path / "cp.zip", {"NAME1.txt": "قال الوزير إن الخطة جاهزة."})
    raw = archive.read_bytes().replace(b"NAME1", b"\xff\xfe\x81\x8d1")  # in both headers, same length
    archive.write_bytes(raw)
    [article] = list(iter_file_articles(archive))
    assert isinstance(article, Article) and one_line(article.source) == article.source
    assert article.source.startswith(f"{archive}!") and article.source.endswith("1.txt")


def test_a_damaged_member_is_its_own_error(tmp_path):
    archive = write_zip(tmp_path / "crc.zip", {"a.txt": "قال الوزير إن الخطة جاهزة.", "b.txt": "وأضاف أن العمل بدأ."},
                        compression=zipfile.ZIP_STORED)
    raw = bytearray(archive.read_bytes())
    at = raw.index("وأضاف".encode())
    raw[at] ^= 0x01  # one bit of b.txt's data: its CRC no longer matches
    archive.write_bytes(bytes(raw))
    found, errors = articles_and_errors(archive)
    assert [a.source for a in found] == [f"{archive}!a.txt"]
    assert errors[0].path == f"{archive}!b.txt" and "damaged in the archive" in errors[0].problem


def test_a_file_named_zip_that_is_not_one(tmp_path):
    fake = tmp_path / "fake.zip"
    fake.write_text("not a zip", encoding="utf-8")
    [error] = list(iter_file_articles(fake))
    assert str(error).startswith(f"{fake}: not a readable zip archive")


def test_an_archive_with_no_article_files_says_so(tmp_path):
    archive = write_zip(tmp_path / "pdfs.zip", {"a.pdf": b"%PDF"})
    [error] = list(iter_file_articles(archive))
    assert str(error).startswith(f"{archive}: no article files in this archive (")


def test_only_one_locator_parses_just_that_article(tmp_path, monkeypatch):
    archive = write_zip(tmp_path / "a.zip", {"a.json": json.dumps([news(title="أول"), news(title="ثان")]),
                                             "b.txt": "x"})
    parsed = []
    import confreader.extract as extract

    real = extract.parse_text
    monkeypatch.setattr(extract, "parse_text", lambda *a, **k: parsed.append(1) or real(*a, **k))
    [article] = list(iter_file_articles(archive, only=f"{archive}!a.json#2"))
    assert article.title == "ثان" and len(parsed) == 1


def test_trafilatura_is_imported_only_when_a_page_is_read(tmp_path):
    # It costs a quarter of a second or more; text, JSON and zips never pay it.
    (tmp_path / "a.txt").write_text("قال الوزير إن الخطة جاهزة.", encoding="utf-8")
    (tmp_path / "b.html").write_text(PAGE, encoding="utf-8")
    script = ("import sys\nfrom confreader.loading import iter_file_articles\n"
              "list(iter_file_articles(sys.argv[1]))\nprint('trafilatura' in sys.modules)\n"
              "list(iter_file_articles(sys.argv[2]))\nprint('trafilatura' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path / "a.txt"), str(tmp_path / "b.html")],
                         capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["False", "True"], out.stderr


def test_an_archive_declaring_millions_of_members_is_refused_before_they_are_listed(tmp_path, monkeypatch):
    archive = write_zip(tmp_path / "a.zip", {"a.txt": "قال الوزير."})
    raw = bytearray(archive.read_bytes())
    end = raw.rindex(b"PK\x05\x06")
    raw[end + 8:end + 12] = (65000).to_bytes(2, "little") * 2  # entries on this disk, entries in all
    archive.write_bytes(bytes(raw))
    monkeypatch.setattr(records, "MAX_MEMBERS", 1000)
    opened = []
    monkeypatch.setattr(zipfile, "ZipFile", lambda *a, **k: opened.append(1))
    assert [str(e) for e in iter_file_articles(archive)] == [
        f"{archive}: 65,000 members in this archive: refused (the limit is 1,000)"]
    assert opened == []


def test_escapes_and_line_breaks_in_record_fields_never_survive(tmp_path):
    path = tmp_path / "day.jsonl"
    hostile = news(content="قال\x1b]52;c;ZXZpbA==\x07 الوزير: \"الخطة جاهزة للتنفيذ\".", title="عنوان\x1b[2J\nثان",
                   source="okaz\u0085\x9b31m", author="سارة\r\nأحمد")
    path.write_text(json.dumps(hostile, ensure_ascii=False), encoding="utf-8")
    [article] = list(iter_file_articles(path))
    assert article.text == 'قال الوزير: "الخطة جاهزة للتنفيذ".'
    assert article.quote_text(article.quotes[0]) == "الخطة جاهزة للتنفيذ"
    assert article.title == "عنوان ثان"
    assert (article.metadata["outlet"], article.metadata["author"]) == ("okaz", "سارة أحمد")


def test_an_html_page_too_large_to_extract_is_refused(tmp_path, monkeypatch):
    page = tmp_path / "big.html"
    monkeypatch.setattr(records, "MAX_HTML_BYTES", 1024 * 1024)
    page.write_text(PAGE.replace("<footer>", "<p>" + "و" * 1024 * 1024 + "</p><footer>"), encoding="utf-8")
    [error] = list(iter_file_articles(page))
    assert str(error) == f"{page}: too large (the limit is 1 MB)"


def test_an_encrypted_member_is_its_own_error(tmp_path):
    archive = write_zip(tmp_path / "locked.zip", {"a.txt": "قال الوزير إن الخطة جاهزة.", "b.txt": "وأضاف."})
    raw = bytearray(archive.read_bytes())
    local = raw.index(b"PK\x03\x04", 1)  # b.txt's local header
    central = raw.rindex(b"PK\x01\x02")  # b.txt's directory entry
    raw[local + 6] |= 0x01  # "encrypted"
    raw[central + 8] |= 0x01
    archive.write_bytes(bytes(raw))
    found, errors = articles_and_errors(archive)
    assert [a.source for a in found] == [f"{archive}!a.txt"]
    assert errors[0].path == f"{archive}!b.txt" and "password required" in errors[0].problem


def test_members_in_windows_1256_or_utf16_decode_like_files(tmp_path):
    text = "قال الوزير إن الخطة جاهزة."
    archive = write_zip(tmp_path / "enc.zip", {"a.txt": text.encode("cp1256"), "b.txt": text.encode("utf-16")})
    found, errors = articles_and_errors(archive)
    assert errors == []
    assert [(a.text, a.metadata["encoding"]) for a in found] == [(text, "cp1256"), (text, "utf-16")]


def test_a_bad_line_of_json_lines_is_that_records_error_and_the_lines_after_go_on(tmp_path):
    path = tmp_path / "day.jsonl"
    path.write_text("\n".join([json.dumps(news(title="أ")), '{"content": "unterminated', "",
                               json.dumps(news(title="ب")) + " {}", json.dumps(news(title="ج"))]) + "\n",
                    encoding="utf-8")
    found, errors = articles_and_errors(path)
    assert [a.title for a in found] == ["أ", "ج"]
    assert [a.source for a in found] == [f"{path}#1", f"{path}#4"]
    assert [str(e) for e in errors] == [
        f"{path}#2: invalid JSON at line 2: Unterminated string starting at",
        f"{path}#3: invalid JSON at line 4: more than one value on the line"]
