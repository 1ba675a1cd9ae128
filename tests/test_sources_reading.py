"""Reading files: regular files only, bounded, decoded right, entities decoded, folders reported."""
from __future__ import annotations

import os
import threading

import pytest

from confreader import loading
from confreader.loading import expand_paths, load_article
from confreader.sources import SourceError, decode_bytes, load_document
from confreader.sources import decode as decode_module

ARABIC = "قال الوزير: «نعمل على تطوير الخدمات الرقمية للمواطنين» في المؤتمر."


def test_a_fifo_is_refused_at_once_instead_of_hanging(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []
    reader = threading.Thread(target=lambda: _capture(outcome, fifo), daemon=True)
    reader.start()
    reader.join(timeout=5)
    if reader.is_alive():  # free the thread before failing
        with open(fifo, "wb"):
            pass
        pytest.fail("reading a FIFO blocked")
    assert isinstance(outcome[0], SourceError)
    assert "not a regular file" in str(outcome[0]) and "pipe.txt" in str(outcome[0])


def _capture(outcome, path):
    try:
        load_article(path)
    except BaseException as e:  # noqa: BLE001 - the test inspects whatever came out
        outcome.append(e)


def test_a_device_is_refused_without_reading_it():
    with pytest.raises(SourceError, match="not a regular file \\(a device\\)"):
        load_article("/dev/zero")


def test_the_byte_cap_holds_while_reading_not_only_by_the_size_on_disk(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_text("كلمة " * 1000, encoding="utf-8")
    monkeypatch.setattr(decode_module, "MAX_FILE_BYTES", 100)
    reads = []
    real_read = os.read

    def counting_read(fd, n):
        reads.append(n)
        return real_read(fd, n)

    # st_size lies for /proc files and growing files: the cap must also bound the reads.
    monkeypatch.setattr(decode_module.os, "fstat", lambda fd: os.stat_result((0o100644, 0, 0, 1, 0, 0, 0, 0, 0, 0)))
    monkeypatch.setattr(decode_module.os, "read", counting_read)
    with pytest.raises(SourceError, match="too large"):
        load_article(path)
    assert sum(reads) <= 101


def test_a_folder_given_as_a_file_is_named():
    with pytest.raises(SourceError, match="is a folder"):
        decode_module.read_file_bytes("/")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text(encoding):
    text, used, warning = decode_bytes(ARABIC.encode(encoding))
    assert text == ARABIC and used == encoding and warning is None


def test_latin_utf16_without_bom_is_text():
    text, _, _ = decode_bytes("The minister said the plan is ready.".encode("utf-16-le"))
    assert text == "The minister said the plan is ready."


def test_real_binary_is_still_refused():
    with pytest.raises(SourceError, match="binary"):
        decode_bytes(bytes(range(256)) * 20)


def test_one_bad_byte_in_utf8_is_replaced_and_reported_not_the_whole_file_misread():
    data = ARABIC.encode("utf-8") + b"\xff" + ARABIC.encode("utf-8")
    text, used, warning = decode_bytes(data)
    assert used == "utf-8" and text == ARABIC + "\ufffd" + ARABIC
    assert warning and "1 byte not valid UTF-8" in warning


def test_windows_1256_is_still_recognised():
    text, used, warning = decode_bytes(ARABIC.encode("cp1256"))
    assert (text, used, warning) == (ARABIC, "cp1256", None)


def test_the_utf8_warning_reaches_the_caller(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(ARABIC.encode("utf-8") + b"\xfe\n")
    heard = []
    article = load_article(path, warn=heard.append)
    assert article.text.startswith(ARABIC)
    assert len(heard) == 1 and "a.txt" in str(heard[0]) and "UTF-8" in str(heard[0])


def test_html_entities_are_decoded_and_offsets_point_into_the_decoded_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("أضاف &#8220;نعم&#8221;&nbsp;اليوم &amp; غدا\n"
                    "قال الوزير &quot;الخطة جاهزة للتنفيذ في العام المقبل&quot; خلال المؤتمر.\n"
                    "AT&T &parameter &#27;[31m\n", encoding="utf-8")
    article = load_article(path)
    assert article.text.startswith('أضاف “نعم”\u00a0اليوم & غدا\nقال الوزير "الخطة')
    # No semicolon, no entity; a numeric reference to a control brings no control back.
    assert "AT&T &parameter " in article.text and "\x1b" not in article.text
    for quote in article.quotes:
        assert "&quot;" not in article.quote_text(quote)
    assert [article.quote_text(q) for q in article.quotes if q.kind == "direct"] == [
        "الخطة جاهزة للتنفيذ في العام المقبل"]


def test_controls_are_stripped_from_text_files(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("قال \x1b]52;c;ZXZpbA==\x07الوزير \x9b31mكلاما\r\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.text == "قال الوزير كلاما\n"


def test_empty_folder_is_named(tmp_path):
    (tmp_path / "empty").mkdir()
    problems = []
    assert expand_paths([tmp_path / "empty"], problems.append) == []
    assert "empty: no article files (" in str(problems[0])


def test_an_unreadable_folder_is_reported_and_the_others_go_on(tmp_path, monkeypatch):
    good, locked = tmp_path / "good", tmp_path / "locked"
    good.mkdir()
    locked.mkdir()
    (good / "a.txt").write_text(ARABIC, encoding="utf-8")
    (locked / "b.txt").write_text(ARABIC, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):  # tests run as root, whom permissions do not stop
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)

    monkeypatch.setattr(loading.os, "scandir", scandir)
    problems = []
    assert expand_paths([locked, good], problems.append) == [good / "a.txt"]
    assert len(problems) == 1 and "locked: cannot read this folder (Permission denied)" in str(problems[0])


def test_hidden_files_and_folders_are_skipped(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / ".draft.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    assert expand_paths([tmp_path]) == [tmp_path / "a.json", tmp_path / "sub" / "b.md"]


def test_an_unexpected_error_is_a_one_line_source_error(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(ARABIC, encoding="utf-8")
    import confreader.extract as extract

    def broken(*args, **kwargs):
        raise IndexError("list index\nout of range")

    monkeypatch.setattr(extract, "parse_text", broken)
    with pytest.raises(SourceError) as info:
        load_article(path)
    assert str(info.value) == f"{path}: unexpected error: IndexError: list index out of range"
