"""`parse` and `show` on hostile input: one line per bad file, nothing raw reaches the terminal."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from confreader.cli import main
from confreader.cli.parse_cmd import to_json
from confreader.export.json_schema import article_to_dict
from confreader.export.text import article_to_text
from confreader.model import Article, Paragraph, Quote, Section, Speaker

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "articles" / "tunis-it-crime-conference.txt"
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
TEXT = "قال الوزير إن الخطة جاهزة"


def run(*args, timeout=60):
    return subprocess.run([sys.executable, "-m", "confreader", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=timeout)


def _article(**changes) -> Article:
    article = Article(source="news.json", text=TEXT, title="عنوان",
                      sections=[Section(None, None, 0, len(TEXT), [Paragraph(0, len(TEXT))])],
                      speakers=[Speaker("s1", "الوزير")],
                      quotes=[Quote("q1", "indirect", 14, len(TEXT), speaker="s1")])
    for key, value in changes.items():
        setattr(article, key, value)
    return article


def _write_json(path: Path, document) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=True), encoding="utf-8")
    return path


def test_a_batch_of_hostile_files_prints_every_good_one(tmp_path):
    good = article_to_dict(_article())
    bad_documents = [
        dict(good, metadata=["x"]), dict(good, title=7), dict(good, sections="x"),
        dict(good, quotes=[dict(good["quotes"][0], section="NaN")]),
        dict(good, speakers=good["speakers"] * 2),
        dict(good, quotes=[dict(good["quotes"][0], start=30, end=2)]),
    ]
    names = []
    for i in range(100):
        path = tmp_path / f"{i:03}.json"
        if i % 25 < len(bad_documents):
            _write_json(path, bad_documents[i % 25])
            names.append(path.name)
        else:
            _write_json(path, good)
    (tmp_path / "deep.json").write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    (tmp_path / "huge.json").write_text('{"n": ' + "9" * 5000 + "}", encoding="utf-8")
    (tmp_path / "surrogate.json").write_text(
        json.dumps(dict(good, title="\ud800")), encoding="utf-8")  # loads: U+FFFD
    fifo = tmp_path.parent / f"{tmp_path.name}-fifo.json"  # named: a folder's FIFOs are not articles
    os.mkfifo(fifo)
    out = run("parse", tmp_path, fifo, "--format", "jsonl", timeout=60)
    assert "Traceback" not in out.stderr
    errors = out.stderr.strip().split("\n")
    assert len(errors) == len(names) + 3, out.stderr  # + deep, huge, FIFO
    assert all(line.startswith(f"confreader: {tmp_path}") for line in errors)
    assert errors[-1] == f"confreader: {fifo}: not a regular file (a named pipe)"
    printed = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(printed) == 104 - len(names) - 3
    assert out.returncode == 1


def test_escapes_in_json_strings_never_reach_the_output(tmp_path):
    document = article_to_dict(_article())
    document["source"] = "x\u001b]52;c;ZXZpbA==\u0007"
    document["metadata"] = {"date": "\u001b]0;owned\u00072024"}
    document["speakers"][0]["name"] = "الوزير\u009b2J"
    path = _write_json(tmp_path / "a.json", document)
    for fmt in ("json", "text"):
        out = run("parse", path, "--format", fmt)
        assert out.returncode == 0, out.stderr
        assert not RAW_CONTROL.search(out.stdout.replace("\n", ""))
    shown = run("show", path, "--color")
    assert shown.returncode == 0 and "\x1b]" not in shown.stdout and "\x9b" not in shown.stdout


def test_a_quote_kind_carrying_an_escape_is_refused_with_the_escape_shown(tmp_path):
    document = article_to_dict(_article())
    document["quotes"][0]["kind"] = "\u001b]52;c;ZXZpbA==\u0007"
    path = _write_json(tmp_path / "a.json", document)
    out = run("parse", path, "--format", "text")
    assert out.returncode == 2
    assert not RAW_CONTROL.search(out.stderr.replace("\n", ""))
    assert "quotes[0].kind: '\\x1b]52;c;ZXZpbA==\\x07' is not one of direct, indirect" in out.stderr


def test_json_output_escapes_c1_controls_and_the_text_listing_escapes_every_control():
    # Loaded articles are clean; these outputs must be safe even for an article built in code.
    article = _article(title="\x9b2Jعنوان\x1b]0;x\x07", metadata={"date": "\x85\x7f"})
    dumped = to_json(article, None)
    assert not RAW_CONTROL.search(dumped) and "\\u009b2J" in dumped
    assert json.loads(dumped)["title"] == article.title
    listing = article_to_text(article)
    assert not RAW_CONTROL.search(listing.replace("\n", ""))


def test_markup_in_names_and_values_prints_literally(tmp_path, capsys):
    document = article_to_dict(_article(title="[/] [bold]عنوان[/bold] [link=file:///etc/passwd]x[/link]"))
    (tmp_path / "[").mkdir()
    path = _write_json(tmp_path / "[/].json", document)  # the folder "[" and the file "].json"
    assert main(["show", str(path), "--plain", "--logical"]) == 0
    assert "[/] [bold]عنوان[/bold] [link=file:///etc/passwd]x[/link]" in capsys.readouterr().out
    missing = tmp_path / "[bold]missing[/].txt"
    assert main(["show", str(missing)]) == 2
    assert f"confreader: {missing}: no such file" in capsys.readouterr().err


def test_file_names_in_error_lines_are_escaped_on_one_line(tmp_path):
    name = tmp_path / "evil\x1b]0;owned\x07\nname.txt"
    out = run("parse", name)
    assert out.returncode == 2
    assert out.stderr == f"confreader: {tmp_path}/evil\\x1b]0;owned\\x07\\x0aname.txt: no such file\n"


def test_an_empty_folder_is_named_and_others_still_load(tmp_path):
    (tmp_path / "empty").mkdir()
    out = run("parse", tmp_path / "empty", SAMPLE, "--format", "jsonl")
    assert out.returncode == 1
    assert out.stderr == f"confreader: {tmp_path}/empty: no article files (.htm .html .json .jsonl .markdown .md .text .txt .zip)\n"
    assert json.loads(out.stdout)["source"] == str(SAMPLE)
    alone = run("show", tmp_path / "empty")
    assert alone.returncode == 2 and "no article files" in alone.stderr


def test_a_bug_while_printing_one_article_does_not_stop_the_others(tmp_path, capsys, monkeypatch):
    import confreader.cli.parse_cmd as parse_cmd

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("خبر أول\n\nقال الوزير كلاما.\n", encoding="utf-8")
    second.write_text("خبر ثان\n\nقال الوزير كلاما آخر.\n", encoding="utf-8")
    real = parse_cmd.article_to_text

    def fragile(article):
        if article.source.endswith("a.txt"):
            raise KeyError("speaker")
        return real(article)

    monkeypatch.setattr(parse_cmd, "article_to_text", fragile)
    assert main(["parse", str(first), str(second), "--format", "text"]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"confreader: {first}: unexpected error: KeyError: 'speaker'\n"
    assert "# خبر ثان" in captured.out


@pytest.mark.parametrize("width", ["19", "1001", "1000000000", "wide"])
def test_show_width_is_bounded(tmp_path, capsys, width):
    with pytest.raises(SystemExit) as info:
        main(["show", str(SAMPLE), "--width", width])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("confreader show: argument --width: ") and err.count("\n") == 1


def test_a_few_bad_bytes_in_utf8_are_a_warning_line_and_the_article_prints(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("خبر\n\nقال الوزير إن الخطة جاهزة للتنفيذ.".encode("utf-8") + b"\xff\n")
    out = run("parse", path, "--format", "jsonl")
    assert out.returncode == 0
    assert out.stderr == f"confreader: {path}: warning: 1 byte not valid UTF-8, shown as \ufffd\n"
    assert "الخطة جاهزة للتنفيذ.\ufffd" in json.loads(out.stdout)["text"]
