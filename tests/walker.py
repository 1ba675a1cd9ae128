"""Seeded random walks through the reader, checking after every step that a user could explain the screen.

A walk presses every documented key (read from the bindings, so a new key is
walked as soon as it is bound), types Arabic into the search field and the
command palette, resizes the terminal (down to tiny sizes) and clicks random
cells. After each step it checks: the app runs, nothing was raised (neither to
Textual nor survived as a notification), a known screen is on top, the reader
is on the stack at most once, and the focused widget is on that screen and
shown. Used by tests/test_tui_walks.py (a few hundred steps per seed) and
bench/walk.py (thousands).
"""
from __future__ import annotations

import io
import json
import random
import traceback
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from textual import events
from textual.command import CommandPalette
from textual.keys import _character_to_key, _get_unicode_name_from_key

from confreader.export.json_schema import article_to_dict
from confreader.tui import bindings
from confreader.tui.app import ReaderApp
from confreader.tui.help import HelpScreen
from confreader.tui.library_screen import LibraryScreen
from confreader.tui.reader import ReaderScreen
from confreader.tui.filter_prompt import FilterPrompt
from confreader.tui.search import SearchScreen
from confreader.tui.speakers_screen import SpeakerQuotesScreen, SpeakersScreen

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "saudinewsnet"
KNOWN_SCREENS = (ReaderScreen, LibraryScreen, SearchScreen, HelpScreen, CommandPalette, SpeakersScreen,
                 SpeakerQuotesScreen, FilterPrompt)
# Screens with a field to type into.
TYPING_SCREENS = (SearchScreen, CommandPalette, SpeakersScreen, FilterPrompt)
# Widths and heights a user could give the terminal, the tiny ones included.
SIZES = [(120, 35), (80, 24), (100, 30), (60, 20), (40, 12), (20, 8), (12, 4), (3, 3), (200, 50)]
ARABIC_WORDS = ["العرب", "قال", "الأمن", "وزير", "مؤتمر", "أكد", "ال", "ة", "إن"]
# Quitting ends a walk: it is pressed once, at the end.
QUIT_ACTIONS = {"quit"}
# Keys of Textual's own widgets that the help lists without binding them itself.
WIDGET_KEYS = ["up", "down", "left", "right", "pageup", "pagedown", "home", "end", "enter",
               "tab", "shift+tab", "escape", "ctrl+p", "backspace"]


def documented_keys() -> list[str]:
    """Every key of every binding the reader declares (and the help shows), except quitting."""
    every = [binding for _, group in bindings.GROUPS for binding in group]
    every += bindings.MOVEMENT + bindings.ARTICLE + bindings.TABLE_MOVEMENT + bindings.LIBRARY + bindings.SEARCH
    every += bindings.SPEAKERS + bindings.SPEAKER_QUOTES + bindings.FILTER
    keys = {key.strip() for b in every if b.action not in QUIT_ACTIONS for key in b.key.split(",")}
    keys.update(WIDGET_KEYS)
    quit_keys = {key.strip() for b in bindings.APP if b.action in QUIT_ACTIONS for key in b.key.split(",")}
    return sorted(keys - quit_keys)


def corpus_library(folder: Path, count: int) -> list[Path]:
    """The first `count` articles of one day of SaudiNewsNet, parsed and written as article JSON
    with their outlet, date and author; [] when the corpus is not there."""
    days = sorted(CORPUS.glob("*.zip")) if CORPUS.is_dir() else []
    if not days:
        return []
    from confreader.extract import parse_text

    with zipfile.ZipFile(days[0]) as archive:
        name = archive.namelist()[0]
        records = json.load(io.TextIOWrapper(archive.open(name), encoding="utf-8"))[:count]
    paths = []
    for index, record in enumerate(records):
        article = parse_text(f"{record['title']}\n\n{record['content']}", source=f"corpus-{index:03}.txt", fmt="text")
        article.metadata.update({"outlet": record.get("source") or "", "date": record.get("date_extracted") or "",
                                 "author": record.get("author") or ""})
        path = folder / f"corpus-{index:03}.json"
        path.write_text(json.dumps(article_to_dict(article), ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


@dataclass
class WalkFailure(AssertionError):
    seed: int
    step: int
    history: list[str] = field(default_factory=list)
    problem: str = ""

    def __str__(self) -> str:
        recent = " → ".join(self.history[-12:])
        return f"seed {self.seed}, step {self.step}: {self.problem}\n  last steps: {recent}"


class Walk:
    """One seeded walk over a running app (driven by its Pilot)."""

    def __init__(self, pilot, seed: int) -> None:
        self.pilot = pilot
        self.app: ReaderApp = pilot.app
        self.seed = seed
        self.random = random.Random(seed)
        self.keys = documented_keys()
        self.history: list[str] = []
        self.size = self.app.size

    async def run(self, steps: int) -> None:
        for step in range(steps):
            await self.step()
            await self.check(step)

    async def press(self, *keys: str) -> None:
        """Keys as a fast typist presses them: each handled before the next, no idle wait between.

        Pilot.press sleeps until the process is idle after every key (~50 ms); a walk of
        thousands of steps cannot afford that, and a user does not wait either.
        """
        driver = self.app._driver
        assert driver is not None
        for key in keys:
            if len(key) == 1 and not key.isalnum():
                key = _character_to_key(key)
            try:
                char = unicodedata.lookup(_get_unicode_name_from_key(key))
            except KeyError:
                char = key if len(key) == 1 else None
            event = events.Key(key, char)
            event.set_sender(self.app)
            driver.send_message(event)
            await self.pilot.pause(0)
        await self.pilot.pause(0)

    async def step(self) -> None:
        roll = self.random.random()
        screen = self.app.screen
        if isinstance(screen, TYPING_SCREENS) and roll < 0.2:
            word = self.random.choice(ARABIC_WORDS)
            self.history.append(f"type {word}")
            await self.press(*word)
        elif roll < 0.05:
            width, height = self.random.choice(SIZES)
            self.history.append(f"resize {width}x{height}")
            await self.pilot.resize_terminal(width, height)
        elif roll < 0.12:
            width, height = self.app.size
            x, y = self.random.randrange(width), self.random.randrange(height)
            self.history.append(f"click {x},{y}")
            await self.pilot.click(offset=(x, y))
        else:
            key = self.random.choice(self.keys)
            self.history.append(key)
            await self.press(key)

    def fail(self, step: int, problem: str) -> None:
        raise WalkFailure(self.seed, step, list(self.history), problem)

    async def check(self, step: int) -> None:
        app = self.app
        if app._exception is not None:
            self.fail(step, f"raised {type(app._exception).__name__}: {app._exception}")
        if app.failures:
            failure = app.failures[0]
            where = "".join(traceback.format_exception(failure.error)[-6:])
            self.fail(step, f"survived an exception: {failure.line}\n{where}")
        if not app.is_running or app.return_code is not None:
            self.fail(step, "the app stopped")
        problem = self.screen_problem()
        if problem is not None:
            # Keys are sent without waiting for idle: let the screen settle before judging it.
            await self.pilot.pause()
            problem = self.screen_problem()
            if problem is not None:
                self.fail(step, problem)

    def screen_problem(self) -> str | None:
        """Why the screen is not one a user could explain, or None."""
        app = self.app
        screen = app.screen
        if not isinstance(screen, KNOWN_SCREENS):
            return f"unknown screen on top: {screen!r}"
        if app.screen_stack.count(app.reader) > 1:
            return "the reader is on the screen stack twice"
        if len(app.screen_stack) > 5:
            return f"screens pile up: {app.screen_stack}"
        focused = screen.focused
        if focused is not None and (focused.screen is not screen or not focused.display):
            return f"focus on a widget the user cannot see: {focused!r}"
        return None
