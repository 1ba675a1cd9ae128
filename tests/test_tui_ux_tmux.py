"""The real `confreader` in a real terminal (tmux): typed Arabic reads right in the search field,
and the next launch comes back to where the reader was."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid

import pytest

from conftest import REPO
from confreader.display import layout_paragraph

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
SOCKET = f"confreader-ux-{uuid.uuid4().hex[:8]}"
QUERY = "العرب"


def tmux(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    # A private server: the user's own tmux sessions and options cannot change the window size.
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, env=env)


def screen(session: str) -> list[str]:
    return tmux("capture-pane", "-t", session, "-p").stdout.splitlines()


def wait_for(session: str, predicate, timeout: float = 20.0) -> list[str]:
    deadline = time.monotonic() + timeout
    lines: list[str] = []
    while time.monotonic() < deadline:
        lines = screen(session)
        if predicate(lines):
            return lines
        time.sleep(0.2)
    raise AssertionError("screen never matched; last screen:\n" + "\n".join(lines))


def cursor(session: str) -> tuple[int, int]:
    x, y = tmux("display", "-p", "-t", session, "#{cursor_x} #{cursor_y}").stdout.split()
    return int(x), int(y)


def cursor_reaches(session: str, expected: tuple[int, int], timeout: float = 10.0) -> tuple[int, int]:
    """The cursor once it is at `expected` (keys are handled a moment after they are sent)."""
    deadline = time.monotonic() + timeout
    while (where := cursor(session)) != expected and time.monotonic() < deadline:
        time.sleep(0.1)
    return where


def settled(session: str, timeout: float = 10.0) -> list[str]:
    """The screen once two captures a moment apart agree."""
    deadline = time.monotonic() + timeout
    previous = screen(session)
    while time.monotonic() < deadline:
        time.sleep(0.4)
        current = screen(session)
        if current == previous:
            return current
        previous = current
    return previous


def send(session: str, *keys: str, literal: bool = False) -> None:
    tmux("send-keys", "-t", session, *(["-l"] if literal else []), *keys)
    time.sleep(0.3)


def launch(session: str, article, state_dir) -> None:
    env = {**os.environ, "TERM": "xterm-256color", "CONFREADER_STATE_DIR": str(state_dir)}
    command = f"{sys.executable} -m confreader {article} --bidi app"
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "35", "-c", str(REPO),
         "-e", f"CONFREADER_STATE_DIR={state_dir}", command, env=env)
    wait_for(session, lambda lines: any("Quotes (4)" in line for line in lines))
    time.sleep(0.5)  # the first paint can come before the app reads keys


def test_typed_arabic_and_the_remembered_position_in_a_real_terminal(sample_json, tmp_path):
    shown = layout_paragraph(QUERY, 100).lines[0].visual
    first, second = f"ux-{uuid.uuid4().hex[:6]}", f"ux-{uuid.uuid4().hex[:6]}"
    try:
        launch(first, sample_json, tmp_path / "state")
        send(first, "/")
        send(first, QUERY, literal=True)
        lines = wait_for(first, lambda lines: any("quotes match" in line for line in lines))
        field_row = next(i for i, line in enumerate(lines) if shown in line)
        left = lines[field_row].index(shown)
        at_end = (left - 1, field_row)
        assert cursor_reaches(first, at_end) == at_end, "the cursor waits left of the RTL text"
        send(first, "Home")
        on_first_letter = (left + len(shown) - 1, field_row)
        assert cursor_reaches(first, on_first_letter) == on_first_letter, "Home: on the first (rightmost) letter"
        send(first, "Escape")
        wait_for(first, lambda lines: "quotes match" not in "".join(lines))
        send(first, "PageDown")
        send(first, "PageDown")
        top_line = settled(first)[2]
        send(first, "q")
        wait_for(first, lambda lines: not lines, timeout=10)
        launch(second, sample_json, tmp_path / "state")
        assert wait_for(second, lambda lines: len(lines) > 2 and lines[2] == top_line)[2] == top_line
        send(second, "q")
    finally:
        tmux("kill-server")
