"""Snapshots of what a journalist sees: the reader in a light theme, and search with typed Arabic.

Regenerate after a deliberate change with
``pytest --snapshot-update tests/test_tui_snapshots_ux.py``, then look at them as a terminal
shows them: ``python tools/snapshots_to_png.py tests/__snapshots__/test_tui_snapshots_ux/*.svg -o /tmp/png``.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import annotated_sample, english_article, wait_until_loaded, write_article
from confreader.display import BidiMode
from confreader.loading import expand_paths
from confreader.tui.app import ReaderApp


@pytest.fixture(autouse=True)
def private_state(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFREADER_STATE_DIR", str(tmp_path / "state"))


@pytest.fixture
def annotated_folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = Path("articles")
    folder.mkdir()
    write_article(folder, "a-tunis.json", annotated_sample())
    write_article(folder, "b-english.json", english_article())
    return folder


def test_reader_in_a_light_theme(snap_compare, annotated_folder):
    app = ReaderApp([annotated_folder / "a-tunis.json"], bidi_mode=BidiMode.APP)

    async def light_theme_with_a_quote_selected(pilot):
        await wait_until_loaded(pilot)
        pilot.app.theme = "textual-light"
        await pilot.press("u", "j", "j")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 35), run_before=light_theme_with_a_quote_selected)


def test_search_with_typed_arabic(snap_compare, annotated_folder):
    app = ReaderApp(expand_paths([annotated_folder]), bidi_mode=BidiMode.APP)

    async def type_arabic(pilot):
        await wait_until_loaded(pilot)
        await pilot.press("slash", *"مجلس وزراء")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=type_arabic)
