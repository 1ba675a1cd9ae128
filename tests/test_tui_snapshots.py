"""Snapshot tests of the reader's screens (pytest-textual-snapshot).

Regenerate after a deliberate change with
``pytest --snapshot-update tests/test_tui_snapshots.py`` and look at the
SVGs under tests/__snapshots__/ before committing them.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, annotated_sample, english_article, wait_until_loaded, write_article
from confreader.display import BidiMode
from confreader.loading import expand_paths
from confreader.tui.app import ReaderApp

SAMPLE_RELATIVE = Path("articles/tunis-it-crime-conference.txt")


@pytest.fixture
def in_repo(monkeypatch):
    """Paths shown on screen are relative, so snapshots do not depend on where the checkout is."""
    monkeypatch.chdir(REPO)


@pytest.fixture
def annotated_folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = Path("articles")
    folder.mkdir()
    write_article(folder, "a-tunis.json", annotated_sample())
    write_article(folder, "b-english.json", english_article())
    return folder


def sample_reader() -> ReaderApp:
    return ReaderApp([SAMPLE_RELATIVE], bidi_mode=BidiMode.APP)


@pytest.mark.parametrize("size", [(120, 35), (80, 24)], ids=["120x35", "80x24"])
def test_reader_on_the_sample_article(snap_compare, in_repo, size):
    assert snap_compare(sample_reader(), terminal_size=size, run_before=wait_until_loaded)


def test_reader_with_a_quote_selected(snap_compare, annotated_folder):
    app = ReaderApp([annotated_folder / "a-tunis.json"], bidi_mode=BidiMode.APP)

    async def select_second_quote(pilot):
        await wait_until_loaded(pilot)
        await pilot.press("u", "j", "j")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 35), run_before=select_second_quote)


def test_library(snap_compare, annotated_folder):
    (annotated_folder / "c-broken.json").write_text("{ not json", encoding="utf-8")
    app = ReaderApp(expand_paths([annotated_folder]), bidi_mode=BidiMode.APP)
    assert snap_compare(app, terminal_size=(120, 35), run_before=wait_until_loaded)


def test_library_with_outlet_date_and_author(snap_compare, annotated_folder):
    """Mostly Arabic, so mirrored: the title column on the right; the metadata is made up."""
    first = annotated_sample()
    first.metadata.update({"outlet": "الشرق الأوسط", "author": "تونس: مراسلنا", "date": "2024-05-15"})
    second = annotated_sample()
    second.title = "ختام المؤتمر الثاني لمواجهة جرائم تقنية المعلومات"
    second.metadata.update({"outlet": "سبق", "date": "2024-05-17 09:30:00"})
    third = english_article()
    third.metadata.update({"outlet": "Reuters", "author": "Staff reporter"})
    for name, article in [("a-first.json", first), ("b-second.json", second), ("c-english.json", third)]:
        write_article(annotated_folder, name, article)
    (annotated_folder / "a-tunis.json").unlink()
    (annotated_folder / "b-english.json").unlink()
    app = ReaderApp(expand_paths([annotated_folder]), bidi_mode=BidiMode.APP)
    assert snap_compare(app, terminal_size=(120, 35), run_before=wait_until_loaded)


def test_search_results(snap_compare, annotated_folder):
    app = ReaderApp(expand_paths([annotated_folder]), bidi_mode=BidiMode.APP)

    async def search(pilot):
        await wait_until_loaded(pilot)
        await pilot.press("slash", *"العرب")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 35), run_before=search)


def test_help(snap_compare, in_repo):
    async def open_help(pilot):
        await wait_until_loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(sample_reader(), terminal_size=(120, 35), run_before=open_help)


def test_speakers_across_the_library(snap_compare, annotated_folder):
    """Speakers merged across two Arabic articles and an English one, most quoted first."""
    second = annotated_sample()
    second.title = "ختام المؤتمر الثاني لمواجهة جرائم تقنية المعلومات"
    write_article(annotated_folder, "c-second.json", second)
    app = ReaderApp(expand_paths([annotated_folder]), bidi_mode=BidiMode.APP)

    async def open_speakers(pilot):
        await wait_until_loaded(pilot)
        await pilot.press("S")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 35), run_before=open_speakers)


def test_one_speakers_quotes_in_date_order(snap_compare, annotated_folder):
    second = annotated_sample()
    second.title = "ختام المؤتمر الثاني لمواجهة جرائم تقنية المعلومات"
    second.metadata["date"] = "2024-05-17"
    write_article(annotated_folder, "c-second.json", second)
    app = ReaderApp(expand_paths([annotated_folder]), bidi_mode=BidiMode.APP)

    async def open_quotes(pilot):
        await wait_until_loaded(pilot)
        await pilot.press("S", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 35), run_before=open_quotes)
