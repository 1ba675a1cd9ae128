"""End to end: the real `confreader` command in a real terminal (tmux), driven by keys."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid

import pytest

from conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
SOCKET = f"confreader-test-{uuid.uuid4().hex[:8]}"


def tmux(*args: str, check: bool = True, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    # A private server: the user's own tmux sessions and options cannot change the window size.
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=check, env=env)


def capture(session: str) -> str:
    return tmux("capture-pane", "-t", session, "-p", check=False).stdout


def wait_for(session: str, predicate, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = capture(session)
        if predicate(screen):
            return screen
        time.sleep(0.2)
    raise AssertionError(f"screen never matched; last screen:\n{screen}")


def is_shaped(text: str) -> bool:
    return any("\ufb50" <= ch <= "\ufeff" for ch in text)


def test_confreader_in_a_real_terminal(sample_json):
    session = f"confreader-test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "TERM": "xterm-256color"}
    command = f"{sys.executable} -m confreader {sample_json} --bidi app"
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "35", "-c", str(REPO), command, env=env)
    try:
        screen = wait_for(session, lambda s: "Quotes (4)" in s)
        assert "Sections" in screen and "Speakers" in screen and "Quit" in screen
        assert is_shaped(screen), "APP mode draws Arabic presentation forms"
        time.sleep(0.5)  # the first paint can come before the app reads keys
        for key in ["s", "j", "j", "Enter"]:
            press(session, key)
        wait_for(session, lambda s: "Quotes (1 of 4)" in s)
        press(session, "b")
        # Terminal mode hands over logical text: the first words appear as stored.
        wait_for(session, lambda s: "أكد كومان أن مجلس وزراء الداخلية" in s)
        press(session, "q")
        deadline = time.monotonic() + 10
        while session_alive(session) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not session_alive(session), "q ends the program (and with it the tmux session)"
    finally:
        tmux("kill-server", check=False)


def press(session: str, key: str) -> None:
    tmux("send-keys", "-t", session, key)
    time.sleep(0.15)


def session_alive(session: str) -> bool:
    return tmux("has-session", "-t", session, check=False).returncode == 0


def test_reopening_from_the_library_in_a_real_terminal(library_folder):
    # The path that crashed (NoMatches '#nav'): open, Escape, down, Enter; and Enter on the same row.
    session = f"confreader-test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "TERM": "xterm-256color"}
    command = f"{sys.executable} -m confreader {library_folder} --bidi app"
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "35", "-c", str(REPO), command, env=env)
    try:
        wait_for(session, lambda s: "2 articles open" in s)
        time.sleep(0.5)  # the first paint can come before the app reads keys
        press(session, "Enter")
        wait_for(session, lambda s: "Quotes (4)" in s)
        press(session, "Escape")
        wait_for(session, lambda s: "2 articles open" in s)
        press(session, "Down")
        press(session, "Enter")
        screen = wait_for(session, lambda s: "Quotes (1)" in s and "Cyber week" in s)
        assert "Traceback" not in screen
        press(session, "Escape")
        wait_for(session, lambda s: "2 articles open" in s)
        press(session, "Enter")  # the same row again
        wait_for(session, lambda s: "Quotes (1)" in s)
        press(session, "Escape")
        press(session, "/")
        for key in "partner":
            press(session, key)
        press(session, "Enter")
        wait_for(session, lambda s: "Quotes (1)" in s and "Cyber week" in s)
        press(session, "q")
        deadline = time.monotonic() + 10
        while session_alive(session) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not session_alive(session)
    finally:
        tmux("kill-server", check=False)


def test_confreader_alone_opens_the_default_index_in_a_real_terminal(library_folder, tmp_path):
    from confreader.library.indexing import index_paths

    db = tmp_path / "index" / "library.db"
    db.parent.mkdir()
    index_paths([library_folder], db)
    session = f"confreader-test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "TERM": "xterm-256color", "CONFREADER_DB": str(db)}
    command = f"{sys.executable} -m confreader --bidi app"
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "35", "-c", str(tmp_path), command, env=env)
    try:
        wait_for(session, lambda s: "2 articles in" in s)
        time.sleep(0.5)  # the first paint can come before the app reads keys
        press(session, "S")
        screen = wait_for(session, lambda s: "3 speakers" in s)
        assert "The minister" in screen
        press(session, "Enter")
        wait_for(session, lambda s: "oldest first" in s)
        press(session, "Enter")
        wait_for(session, lambda s: "Quotes (4)" in s)
        press(session, "q")
        deadline = time.monotonic() + 10
        while session_alive(session) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not session_alive(session)
    finally:
        tmux("kill-server", check=False)
