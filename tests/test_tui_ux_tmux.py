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
        assert cursor(first) == (left - 1, field_row), "the cursor waits left of the RTL text"
        send(first, "Home")
        assert cursor(first) == (left + len(shown) - 1, field_row), "Home: on the first (rightmost) letter"
        send(first, "Escape")
        send(first, "PageDown")
        send(first, "PageDown")
        top_line = wait_for(first, lambda lines: "quotes match" not in "".join(lines))[2]
        send(first, "q")
        wait_for(first, lambda lines: not lines, timeout=10)
        launch(second, sample_json, tmp_path / "state")
        assert wait_for(second, lambda lines: lines[2] == top_line, timeout=5)[2] == top_line
        send(second, "q")
    finally:
        tmux("kill-server")
