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


def capture(session: str) -> str:
    return subprocess.run(["tmux", "capture-pane", "-t", session, "-p"],
                          capture_output=True, text=True, check=False).stdout


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
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "35", "-c", str(REPO),
                    command], check=True, env=env)
    try:
        screen = wait_for(session, lambda s: "Quotes (4)" in s)
        assert "Sections" in screen and "Speakers" in screen and "Quit" in screen
        assert is_shaped(screen), "APP mode draws Arabic presentation forms"
        time.sleep(0.5)  # the first paint can come before the app reads keys
        for key in ["s", "j", "j", "Enter"]:
            press(session, key)
        wait_for(session, lambda s: "Quotes (1 of 4)" in s)
        press(session, "b")
        # Terminal mode hands over logical text: the heading appears as stored.
        wait_for(session, lambda s: "كلمة الأمين العام لمجلس وزراء الداخلية العرب" in s)
        press(session, "q")
        deadline = time.monotonic() + 10
        while session_alive(session) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not session_alive(session), "q ends the program (and with it the tmux session)"
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, check=False)


def press(session: str, key: str) -> None:
    subprocess.run(["tmux", "send-keys", "-t", session, key], check=True)
    time.sleep(0.15)


def session_alive(session: str) -> bool:
    return subprocess.run(["tmux", "has-session", "-t", session], capture_output=True).returncode == 0
