"""`confreader index`, `search` and `export` as a user runs them: output, exit codes, faults."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from confreader.library.sqlite import SqliteLibrary

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "articles" / "tunis-it-crime-conference.txt"
COMMAND = [sys.executable, "-m", "confreader"]


def confreader(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *map(str, args)], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={**os.environ, **(env or {})})


def sample_copies(folder: Path, count: int) -> Path:
    """`count` articles: the sample, each with a line of its own so no two files are alike."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(count):
        (folder / f"{i:04}.txt").write_text(f"{text}\nوقال المتحدث رقم {i}: «هذا تصريح رقم {i}».\n", encoding="utf-8")
    return folder


def export_jsonl(db: Path) -> list[dict]:
    out = confreader("export", "--db", db, "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_index_then_search_and_export_from_the_command_line(tmp_path):
    folder = sample_copies(tmp_path / "in", 3)
    db = tmp_path / "x.db"
    first = confreader("index", folder, "--db", db, "--jobs", "2")
    assert first.returncode == 0 and first.stdout == ""
    assert "3 articles from 3 files, 0 unchanged" in first.stderr
    again = confreader("index", folder, "--db", db)
    assert "0 articles from 0 files, 3 unchanged" in again.stderr
    found = confreader("search", "تصريح رقم 1", "--db", db)
    assert found.returncode == 0
    assert found.stdout.count("\n") == 2 and "⟦تصريح رقم 1⟧" in found.stdout
    missing = confreader("search", "لا يوجد هذا", "--db", db)
    assert (missing.returncode, missing.stdout) == (1, "")


def test_the_database_comes_from_confreader_db_when_not_given(tmp_path):
    folder = sample_copies(tmp_path / "in", 1)
    env = {"CONFREADER_DB": str(tmp_path / "env.db")}
    assert confreader("index", folder, env=env).returncode == 0
    assert (tmp_path / "env.db").exists()
    assert confreader("search", "تصريح", env=env).returncode == 0


def test_one_line_per_bad_file_and_the_rest_are_indexed(tmp_path):
    folder = sample_copies(tmp_path / "in", 2)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    out = confreader("index", folder, "--db", tmp_path / "x.db")
    assert out.returncode == 1
    lines = out.stderr.splitlines()
    assert sum("empty.txt" in line for line in lines) == 1 and sum("binary.txt" in line for line in lines) == 1
    assert "Traceback" not in out.stderr
    assert SqliteLibrary(tmp_path / "x.db").count() == 2


@pytest.mark.parametrize("content, says", [
    (b"garbage " * 1000, "not a confreader index"),
    (None, "another program"),
])
def test_a_bad_database_is_one_line_and_exit_2(tmp_path, content, says):
    db = tmp_path / "x.db"
    if content is None:
        sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.close()
    else:
        db.write_bytes(content)
    for args in (["index", SAMPLE], ["search", "قال"], ["export", "--format", "csv"]):
        out = confreader(*args, "--db", db)
        assert out.returncode == 2 and out.stdout == ""
        assert len(out.stderr.splitlines()) == 1 and says in out.stderr and "Traceback" not in out.stderr


def test_an_index_killed_mid_run_resumes_to_what_a_clean_run_gives(tmp_path):
    folder = sample_copies(tmp_path / "in", 400)
    clean = tmp_path / "clean.db"
    assert confreader("index", folder, "--db", clean, "--jobs", "1").returncode == 0
    killed = tmp_path / "killed.db"
    proc = subprocess.Popen([*COMMAND, "index", str(folder), "--db", str(killed), "--jobs", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    written = 0
    deadline = time.monotonic() + 60
    while written < 20 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
        if killed.exists():
            try:
                with sqlite3.connect(f"file:{killed}?mode=ro", uri=True) as db:
                    written = db.execute("SELECT count(*) FROM files").fetchone()[0]
            except sqlite3.Error:
                pass  # the tables are being created
    assert proc.poll() is None, "the indexer finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = SqliteLibrary(killed)
    assert 20 <= partial.count() < 400
    # Whole files only: every article the index holds has all its quotes.
    assert {s.quote_count for s in partial.list()} == {s.quote_count for s in SqliteLibrary(clean).list()}
    resumed = confreader("index", folder, "--db", killed, "--jobs", "1")
    assert resumed.returncode == 0 and "unchanged" in resumed.stderr
    assert export_jsonl(killed) == export_jsonl(clean)


def test_export_csv_round_trips_through_the_csv_module(tmp_path):
    folder = sample_copies(tmp_path / "in", 2)
    db = tmp_path / "x.db"
    confreader("index", folder, "--db", db)
    out = confreader("export", "--db", db, "--format", "csv", "--bom", "-o", tmp_path / "q.csv")
    assert out.returncode == 0
    raw = (tmp_path / "q.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    expected = export_jsonl(db)
    assert len(rows) == len(expected) > 2
    for row, want in zip(rows, expected):
        assert row["quote"] == " ".join(want["quote"].split())
        assert (row["speaker"], row["kind"], row["article_id"]) == (want["speaker"] or "", want["kind"], want["article_id"])
        assert (int(row["start"]), int(row["end"])) == (want["start"], want["end"])
        assert row["roles"] == " | ".join(want["roles"])
    # The offsets point into the article: the quote is the article's text there.
    library = SqliteLibrary(db)
    for want in expected:
        assert library.get(want["article_id"]).text[want["start"]:want["end"]] == want["quote"]


def test_export_markdown_quotes_arabic_with_guillemets_and_attribution(tmp_path):
    folder = sample_copies(tmp_path / "in", 1)
    db = tmp_path / "x.db"
    confreader("index", folder, "--db", db)
    out = confreader("export", "--db", db, "--format", "md", "--kind", "direct", "--query", "تصريح")
    assert out.returncode == 0
    quote, attribution, blank = out.stdout.splitlines()
    title = SqliteLibrary(db).list()[0].title
    # No outlet is known for a text file: the citation names the article's title instead.
    assert (quote, blank) == ("> «هذا تصريح رقم 0»", "")
    assert attribution.startswith("> — ") and attribution.endswith(f"، {title}")


def test_names_with_control_sequences_are_escaped_in_every_format(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    evil = folder / "evil\x1b[31mred.txt"
    evil.write_text('عنوان الخبر\n\nقال الوزير إن "الأمن أولوية قصوى للجميع" في كلمته.\n', encoding="utf-8")
    db = tmp_path / "x.db"
    assert confreader("index", folder, "--db", db).returncode == 0
    for fmt in ("text", "jsonl", "csv"):
        out = confreader("search", "الامن", "--db", db, "--format", fmt)
        assert out.returncode == 0 and "\x1b" not in out.stdout, fmt
    for fmt in ("jsonl", "csv"):
        out = confreader("search", "الامن", "--db", db, "--format", fmt)
        assert "\\x1b[31mred.txt" in out.stdout, fmt  # the source, escaped on one line


def test_full_text_with_quote_filters_or_a_blank_query_is_a_usage_error(tmp_path):
    out = confreader("search", "الامن", "--full-text", "--kind", "direct", "--db", tmp_path / "x.db")
    assert out.returncode == 2 and len(out.stderr.splitlines()) == 1
    blank = confreader("search", " َ ", "--db", tmp_path / "x.db")  # a space and a haraka: nothing left
    assert blank.returncode == 2 and blank.stdout == "" and "nothing to search" in blank.stderr


def test_search_on_a_terminal_shapes_arabic_and_shows_matches_in_reverse_video(tmp_path):
    import fcntl
    import pty
    import re
    import struct
    import termios

    folder = sample_copies(tmp_path / "in", 1)
    db = tmp_path / "x.db"
    confreader("index", folder, "--db", db)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 60, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR", "CONFREADER_BIDI")}
    proc = subprocess.Popen([*COMMAND, "search", "تصريح", "--db", str(db)], stdout=slave, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, cwd=ROOT, env={**env, "TERM": "xterm-256color"})
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.wait(timeout=60) == 0
    screen = b"".join(chunks).decode("utf-8")
    assert "\x1b[7m" in screen and "⟦" not in screen           # reverse video, not brackets
    assert re.search("[\ufb50-\ufdff\ufe70-\ufeff]", screen)     # shaped glyphs
    lines = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen).replace("\r\n", "\n").splitlines()
    assert len(lines) >= 2 and all(len(line) <= 60 for line in lines)


def test_index_shows_a_progress_bar_on_a_terminal_and_none_on_a_pipe(tmp_path):
    import pty

    folder = sample_copies(tmp_path / "in", 30)
    master, slave = pty.openpty()
    proc = subprocess.Popen([*COMMAND, "index", str(folder), "--db", str(tmp_path / "tty.db"), "--jobs", "1"],
                            stdout=slave, stderr=slave, stdin=subprocess.DEVNULL, cwd=ROOT,
                            env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"})
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.wait(timeout=60) == 0
    screen = b"".join(chunks).decode("utf-8")
    assert "━" in screen and "30 articles from 30 files" in screen  # a bar was drawn, then the summary
    piped = confreader("index", folder, "--db", tmp_path / "pipe.db", "--jobs", "1")
    assert piped.returncode == 0 and "━" not in piped.stderr and "\x1b" not in piped.stderr
    assert len(piped.stderr.splitlines()) == 1 and "30 articles from 30 files" in piped.stderr


def test_a_zip_of_news_records_is_indexed_as_its_articles_with_their_outlets(tmp_path):
    import zipfile

    def record(n: int, outlet: str) -> dict:
        return {"source": outlet, "url": f"http://{outlet}.example/{n}", "date_extracted": "2015-07-21 02:51:32",
                "title": f"خبر رقم {n}", "author": "", "content": f'قال الوزير: "الخطة رقم {n} جاهزة للتنفيذ".'}

    archive = tmp_path / "day.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("day.json", json.dumps([record(n, "okaz" if n % 2 else "was") for n in range(6)],
                                          ensure_ascii=False))
    db = tmp_path / "x.db"
    assert confreader("index", archive, "--db", db).returncode == 0
    library = SqliteLibrary(db)
    assert library.count() == 6
    rows = export_jsonl(db)
    assert len(rows) == 6 and {r["outlet"] for r in rows} == {"okaz", "was"}
    only_okaz = confreader("search", "الخطة", "--outlet", "okaz", "--db", db, "--format", "jsonl")
    assert len(only_okaz.stdout.splitlines()) == 3
