"""`confreader parse` as a user runs it: output formats, bad input, exit codes."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "articles" / "tunis-it-crime-conference.txt"


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "confreader", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=120)


def test_json_spans_point_into_the_text():
    out = run("parse", SAMPLE)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["schema"] == "confreader.article/1"
    assert doc["text"] == SAMPLE.read_text(encoding="utf-8")
    for section in doc["sections"]:
        for p in section["paragraphs"]:
            assert doc["text"][p["start"]:p["end"]].strip() == doc["text"][p["start"]:p["end"]]
    for q in doc["quotes"]:
        assert doc["text"][q["start"]:q["end"]] == q["text"]


def test_json_read_back_gives_the_same_article(tmp_path):
    first = run("parse", SAMPLE)
    saved = tmp_path / "article.json"
    saved.write_text(first.stdout, encoding="utf-8")
    second = run("parse", saved)
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout) == json.loads(first.stdout)


def test_jsonl_is_one_article_per_line(tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("قال الوزير إن الاجتماع كان مثمرا.\n", encoding="utf-8")
    out = run("parse", SAMPLE, other, "--format", "jsonl")
    lines = out.stdout.splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["source"] for line in lines] == [str(SAMPLE), str(other)]


@pytest.mark.parametrize("content, problem", [
    (b"", "empty file"),
    (b"\x00\x01\x02\x03binary\x00\xff" * 50, "binary"),
    (b"{not json", "invalid JSON"),
], ids=["empty", "binary", "bad-json"])
def test_bad_file_is_one_line_naming_it_and_others_still_print(tmp_path, content, problem):
    bad = tmp_path / "bad.json" if problem == "invalid JSON" else tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = run("parse", bad, SAMPLE, "--format", "jsonl")
    assert out.returncode == 1
    err = out.stderr.strip().splitlines()
    assert len(err) == 1 and str(bad) in err[0] and problem in err[0]
    assert "Traceback" not in out.stderr
    assert json.loads(out.stdout)["source"] == str(SAMPLE)


def test_exit_2_when_every_file_failed(tmp_path):
    out = run("parse", tmp_path / "missing.txt")
    assert out.returncode == 2
    assert "missing.txt: no such file" in out.stderr


def test_cp1256_and_utf16_are_decoded(tmp_path):
    text = "قال الوزير: «نعمل على تطوير الخدمات الرقمية للمواطنين»."
    for name, data in (("a.txt", text.encode("cp1256")), ("b.txt", text.encode("utf-16"))):
        path = tmp_path / name
        path.write_bytes(data)
        out = run("parse", path)
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout)["text"] == text


def test_terminal_control_sequences_are_stripped(tmp_path):
    path = tmp_path / "esc.txt"
    path.write_text("قال \x1b[31mالوزير\x1b[0m \x1b]52;c;ZXZpbA==\x07كلاما.\n", encoding="utf-8")
    doc = json.loads(run("parse", path).stdout)
    assert "\x1b" not in doc["text"] and "\x07" not in doc["text"]
    assert "الوزير" in doc["text"]


def test_source_files_are_never_written(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("قال الوزير إن الاجتماع كان مثمرا.\n", encoding="utf-8")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    run("parse", path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
