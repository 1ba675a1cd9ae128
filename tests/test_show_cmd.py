"""`confreader show`: articles printed shaped, ordered, wrapped and aligned, quotes in colour."""
from __future__ import annotations

import json
from pathlib import Path

import arabic_reshaper
import pytest

from confreader.cli import main
from confreader.export.json_schema import article_to_dict
from confreader.model import Article, Paragraph, Quote, Section

HEADING = "عنوان الخبر"
BODY = "قال الوزير إن الخطة جاهزة"
QUOTED = "الخطة جاهزة"
ASIDE = "وأضاف أن العمل مستمر"


def ar(text: str) -> str:
    """Arabic words as a right-to-left line shows them."""
    return " ".join(arabic_reshaper.reshape(word)[::-1] for word in reversed(text.split()))


def _article(kind: str = "direct") -> Article:
    text = f"{HEADING}\n{BODY}\n{ASIDE}"
    body_start = len(HEADING) + 1
    aside_start = body_start + len(BODY) + 1
    quote_start = text.index(QUOTED)
    return Article(
        source="news.json", text=text, title=HEADING,
        sections=[Section(HEADING, (0, len(HEADING)), 0, len(text),
                          [Paragraph(body_start, body_start + len(BODY)),
                           Paragraph(aside_start, aside_start + len(ASIDE))])],
        quotes=[Quote("q1", kind, quote_start, quote_start + len(QUOTED))])


def _write(folder: Path, article: Article, name: str = "news.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(article_to_dict(article), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _no_colour_preferences(monkeypatch):
    for name in ("NO_COLOR", "CONFREADER_BIDI", "KONSOLE_VERSION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


def test_plain_prints_headings_and_paragraphs_right_aligned_with_blank_lines(tmp_path, capsys):
    path = _write(tmp_path, _article())
    assert main(["show", str(path), "--width", "30", "--plain", "--visual"]) == 0
    lines = capsys.readouterr().out.split("\n")
    assert lines == [
        " " * (30 - len(ar(HEADING))) + ar(HEADING), "",
        " " * (30 - len(ar(BODY))) + ar(BODY), "",
        " " * (30 - len(ar(ASIDE))) + ar(ASIDE), ""]


def test_long_paragraph_wraps_with_its_first_words_on_the_first_line(tmp_path, capsys):
    path = _write(tmp_path, _article())
    assert main(["show", str(path), "--width", "20", "--plain", "--visual"]) == 0
    lines = [line.strip() for line in capsys.readouterr().out.split("\n") if line.strip()]
    assert lines[1] == ar("قال الوزير إن الخطة")
    assert lines[2] == ar("جاهزة")


def test_direct_quote_is_coloured_on_its_own_glyphs(tmp_path, capsys):
    path = _write(tmp_path, _article())
    assert main(["show", str(path), "--width", "30", "--color", "--visual"]) == 0
    out = capsys.readouterr().out
    body = next(line for line in out.split("\n") if ar("الوزير") in line)
    coloured = ar(QUOTED)
    assert "\x1b[36m" + coloured + "\x1b[0m" in body
    assert body.endswith(" " + ar("قال الوزير إن"))
    assert "\x1b[1m" in out  # the heading is bold


def test_indirect_quote_is_not_coloured(tmp_path, capsys):
    path = _write(tmp_path, _article(kind="indirect"))
    assert main(["show", str(path), "--width", "30", "--color"]) == 0
    assert "\x1b[36m" not in capsys.readouterr().out


def test_no_colour_in_a_pipe_or_with_no_color(tmp_path, capsys, monkeypatch):
    path = _write(tmp_path, _article())
    assert main(["show", str(path), "--width", "30"]) == 0
    assert "\x1b" not in capsys.readouterr().out  # pytest's stdout is not a terminal
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["show", str(path), "--width", "30"]) == 0
    assert "\x1b" not in capsys.readouterr().out
    assert main(["show", str(path), "--width", "30", "--no-color"]) == 0
    assert "\x1b" not in capsys.readouterr().out


def test_terminal_bidi_mode_prints_logical_text(tmp_path, capsys):
    path = _write(tmp_path, _article())
    assert main(["show", str(path), "--width", "40", "--plain", "--bidi", "terminal"]) == 0
    assert capsys.readouterr().out.split("\n")[:3] == [HEADING, "", BODY]


def test_environment_chooses_the_mode_when_no_flag_does(tmp_path, capsys, monkeypatch):
    path = _write(tmp_path, _article())
    monkeypatch.setenv("CONFREADER_BIDI", "off")
    assert main(["show", str(path), "--width", "40", "--plain"]) == 0
    assert capsys.readouterr().out.startswith(HEADING + "\n")


def test_width_defaults_to_the_terminal_width(tmp_path, capsys, monkeypatch):
    path = _write(tmp_path, _article())
    monkeypatch.setenv("COLUMNS", "20")
    assert main(["show", str(path), "--plain", "--visual"]) == 0
    lines = capsys.readouterr().out.split("\n")
    assert max(len(line) for line in lines) == 20


def test_reads_text_files_like_parse_does(tmp_path, capsys):
    path = tmp_path / "plain.txt"
    path.write_text("Breaking news\n\nThe minister (Mr X) spoke in 2024.\n", encoding="utf-8")
    assert main(["show", str(path), "--width", "40", "--plain"]) == 0
    out = capsys.readouterr().out
    assert "The minister (Mr X) spoke in 2024." in out
    assert "Breaking news" in out


def test_bad_files_are_named_in_one_line_and_set_the_exit_code(tmp_path, capsys):
    good = _write(tmp_path, _article())
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    assert main(["show", str(bad), str(missing), "--width", "30"]) == 2
    err = capsys.readouterr().err.strip().split("\n")
    assert len(err) == 2 and "broken.json" in err[0] and "missing.txt" in err[1]
    assert "Traceback" not in "".join(err)
    assert main(["show", str(bad), str(good), "--width", "30", "--plain", "--visual"]) == 1
    captured = capsys.readouterr()
    assert ar(BODY) in captured.out and "broken.json" in captured.err


def test_several_articles_are_separated_by_a_blank_line(tmp_path, capsys):
    first = _write(tmp_path, _article(), "a.json")
    second = _write(tmp_path, _article(), "b.json")
    assert main(["show", str(first), str(second), "--width", "30", "--plain", "--visual"]) == 0
    out = capsys.readouterr().out
    assert out.count(ar(HEADING)) == 2 and "\n\n\n" not in out


def test_width_must_be_positive(tmp_path, capsys):
    path = _write(tmp_path, _article())
    with pytest.raises(SystemExit) as exit_info:
        main(["show", str(path), "--width", "0"])
    assert exit_info.value.code == 2
    assert "--width" in capsys.readouterr().err
