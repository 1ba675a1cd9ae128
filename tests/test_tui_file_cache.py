"""`confreader PATH...` through the cache of parsed files: the second open parses nothing,
a changed file is parsed again, a deleted one is gone, and a bad cache never stops the reader."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import confreader.loading
from conftest import SAMPLE, notification_messages, wait_until_loaded
from confreader.tui.app import ReaderApp


def folder_of_two(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "a.txt")
    shutil.copy(SAMPLE, folder / "b.txt")
    return folder


def counting_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = confreader.loading.iter_file_articles

    def counted(path, *args, **kwargs):
        parsed.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(confreader.loading, "iter_file_articles", counted)
    return parsed


async def open_titles(paths: list[Path]) -> tuple[list[str], list[str]]:
    app = ReaderApp(paths)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until_loaded(pilot)
        return sorted(Path(s.source).name for s in app.library.list()), notification_messages(app)


@pytest.mark.asyncio
async def test_the_second_open_reads_the_cache_and_parses_nothing(tmp_path, monkeypatch):
    folder = folder_of_two(tmp_path)
    parsed = counting_parses(monkeypatch)
    first, _ = await open_titles([folder / "a.txt", folder / "b.txt"])
    assert sorted(parsed) == ["a.txt", "b.txt"]
    parsed.clear()
    second, notes = await open_titles([folder / "a.txt", folder / "b.txt"])
    assert parsed == []
    assert second == first == ["a.txt", "b.txt"]
    assert not any("cache" in note for note in notes)


@pytest.mark.asyncio
async def test_a_changed_file_is_parsed_again_and_a_deleted_one_is_gone(tmp_path, monkeypatch):
    folder = folder_of_two(tmp_path)
    parsed = counting_parses(monkeypatch)
    await open_titles([folder])
    parsed.clear()
    (folder / "a.txt").write_text("عنوان جديد\n\nقال الوزير إن الأمر انتهى.\n", encoding="utf-8")
    os.utime(folder / "a.txt", (1, 1))
    (folder / "b.txt").unlink()
    shutil.copy(SAMPLE, folder / "c.txt")
    app = ReaderApp([folder / "a.txt", folder / "c.txt"])
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until_loaded(pilot)
        assert sorted(parsed) == ["a.txt", "c.txt"]
        titles = {Path(s.source).name: s.title for s in app.library.list()}
    assert set(titles) == {"a.txt", "c.txt"}
    assert titles["a.txt"] == "عنوان جديد"


@pytest.mark.asyncio
async def test_a_corrupt_cache_still_opens_the_files_with_one_notice(tmp_path, monkeypatch):
    folder = folder_of_two(tmp_path)
    cache = Path(os.environ["CONFREADER_CACHE"])
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"this is not a database" * 100)
    titles, notes = await open_titles([folder / "a.txt", folder / "b.txt"])
    assert titles == ["a.txt", "b.txt"]
    assert len([note for note in notes if "parsed without it" in note]) == 1
    assert cache.read_bytes() == b"this is not a database" * 100  # never written over


@pytest.mark.asyncio
async def test_an_unwritable_cache_folder_still_opens_the_files(tmp_path, monkeypatch):
    folder = folder_of_two(tmp_path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("CONFREADER_CACHE", str(blocker / "files.db"))
    titles, notes = await open_titles([folder / "a.txt", folder / "b.txt"])
    assert titles == ["a.txt", "b.txt"]
    assert len([note for note in notes if "parsed without it" in note]) == 1
