"""`parse`, `show` and the reader on files of many articles: one output per article,
`FILE#N` for one of them, one line per bad record, metadata shown where a user looks."""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import wait_until_loaded
from confreader.cli import main
from confreader.export.citation import format_citation
from confreader.loading import iter_file_articles
from confreader.tui.app import ReaderApp
from confreader.tui.library_screen import ArticleTable, LibraryScreen

ROOT = Path(__file__).resolve().parent.parent


def record(title: str, content: str, **fields) -> dict:
    return {"source": "okaz", "url": f"http://okaz.example/{title}", "date_extracted": "2015-07-21 02:51:32",
            "title": title, "author": "جدة: سارة", "content": content, **fields}


RECORDS = [
    record("الأول", 'قال وزير الصحة: "الخطة جاهزة للتنفيذ".\nوأضاف أن العمل بدأ.'),
    record("الثاني", "أكد المتحدث أن الاجتماع انتهى."),
    record("الثالث", "وأوضح المدير أن التقرير صدر."),
]


@pytest.fixture
def day(tmp_path: Path) -> Path:
    path = tmp_path / "day.json"
    path.write_text(json.dumps(RECORDS, ensure_ascii=False), encoding="utf-8")
    return path


def test_parse_prints_one_json_per_article_with_its_locator_and_metadata(day, capsys):
    assert main(["parse", str(day), "--format", "jsonl"]) == 0
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [d["source"] for d in docs] == [f"{day}#1", f"{day}#2", f"{day}#3"]
    assert [d["title"] for d in docs] == ["الأول", "الثاني", "الثالث"]
    assert {k: docs[0]["metadata"][k] for k in ("outlet", "date", "author", "url")} == {
        "outlet": "okaz", "date": "2015-07-21 02:51:32", "author": "جدة: سارة", "url": "http://okaz.example/الأول"}


def test_parse_reports_a_bad_record_by_its_locator_and_prints_the_rest(tmp_path, capsys):
    path = tmp_path / "day.jsonl"
    lines = [json.dumps(RECORDS[0], ensure_ascii=False), json.dumps({**RECORDS[1], "content": 5}),
             json.dumps(RECORDS[2], ensure_ascii=False)]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert main(["parse", str(path), "--format", "jsonl"]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"confreader: {path}#2: content: expected text, got a number\n"
    assert [json.loads(line)["title"] for line in captured.out.splitlines()] == ["الأول", "الثالث"]


def test_show_file_shows_every_article_and_file_hash_n_just_that_one(day, capsys):
    assert main(["show", str(day), "--plain", "--logical"]) == 0
    out = capsys.readouterr().out
    assert out.index("الأول") < out.index("الثاني") < out.index("الثالث")
    assert main(["show", f"{day}#2", "--plain", "--logical"]) == 0
    out = capsys.readouterr().out
    assert "الثاني" in out and "الأول" not in out and "الثالث" not in out


def test_show_an_article_inside_a_zip_by_the_source_parse_printed(tmp_path, day, capsys):
    archive = tmp_path / "day.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(day, "2015/day.json")
    assert main(["parse", str(archive), "--format", "jsonl"]) == 0
    sources = [json.loads(line)["source"] for line in capsys.readouterr().out.splitlines()]
    assert sources == [f"{archive}!2015/day.json#{n}" for n in (1, 2, 3)]
    assert main(["show", sources[2], "--plain", "--logical"]) == 0
    assert "الثالث" in capsys.readouterr().out


def test_a_locator_naming_no_article_is_one_line_and_exit_2(day, capsys):
    assert main(["show", f"{day}#9"]) == 2
    assert capsys.readouterr().err == f"confreader: {day}#9: no such article in this file\n"


def test_a_file_whose_name_has_a_hash_is_still_that_file(tmp_path, capsys):
    path = tmp_path / "issue#2.txt"
    path.write_text("قال الوزير إن الخطة جاهزة.", encoding="utf-8")
    assert main(["show", str(path), "--plain", "--logical"]) == 0
    assert "الخطة جاهزة" in capsys.readouterr().out


def test_a_zip_bomb_is_one_line_and_the_command_goes_on(tmp_path):
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("bomb.json", b" " * (30 * 1024 * 1024))
        z.writestr("ok.txt", "قال الوزير إن الخطة جاهزة.")
    out = subprocess.run([sys.executable, "-m", "confreader", "parse", str(archive), "--format", "jsonl"],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 1
    [line] = out.stderr.splitlines()
    assert line.startswith(f"confreader: {archive}!bomb.json: ") and "zip bomb" in line
    assert json.loads(out.stdout)["source"] == f"{archive}!ok.txt"


def test_the_copied_quote_names_the_records_outlet_and_date(day):
    # The first record with a direct quote: which one that is depends on the parser, not on this test.
    article, quote = next((a, q) for a in iter_file_articles(day) for q in a.quotes if q.kind == "direct")
    assert article.metadata["outlet"] == "okaz"
    assert format_citation(article, quote).endswith(f"، okaz، {article.metadata['date']}")


@pytest.mark.asyncio
async def test_a_folder_with_a_zip_of_500_articles_opens_as_500_library_rows(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    with zipfile.ZipFile(folder / "many.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("day.jsonl", "\n".join(json.dumps(record(f"خبر {n}", f"قال الوزير إن الخطة {n} جاهزة."),
                                                     ensure_ascii=False) for n in range(500)))
    app = ReaderApp([folder / "many.zip"])
    async with app.run_test(size=(120, 35)) as pilot:
        for _ in range(500):
            await pilot.pause(0.01)
            if app.loaded_count:
                break
        if not app.loading_done:
            assert "Loading… " in str(app.screen.query_one("#progress").render())
        await wait_until_loaded(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one(ArticleTable).row_count == 500
        assert str(app.screen.query_one("#progress").render()).startswith("500 articles open")
        summaries = app.library.list()
        assert summaries[0].title == "خبر 0" and summaries[-1].title == "خبر 499"
        assert (summaries[0].outlet, summaries[0].date, summaries[0].author) == (
            "okaz", "2015-07-21 02:51:32", "جدة: سارة")
        assert summaries[7].source == f"{folder / 'many.zip'}!day.jsonl#8"


@pytest.mark.asyncio
async def test_the_reader_opens_one_article_of_a_file_by_its_locator(day):
    app = ReaderApp([Path(f"{day}#3")])
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until_loaded(pilot)
        assert [s.title for s in app.library.list()] == ["الثالث"]
        assert app.reader.article is not None and app.reader.article.source == f"{day}#3"


@pytest.mark.asyncio
async def test_the_reader_says_when_a_locator_names_no_article(day):
    app = ReaderApp([Path(f"{day}#9")])
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until_loaded(pilot)
        assert [f.reason for f in app.library.failures()] == ["no such article in this file"]


def test_the_reader_command_takes_a_locator_as_an_existing_path(day):
    out = subprocess.run([sys.executable, "-m", "confreader", f"{day}#2"], capture_output=True, text=True,
                         cwd=ROOT, timeout=60)
    assert out.returncode == 2
    assert "needs a terminal" in out.stderr and "no such file" not in out.stderr
