"""The command line as a user meets it: --version, pipes that close early, terminals and pipes."""
from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from importlib.metadata import version
from pathlib import Path

from rich.cells import cell_len

from confreader.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "articles" / "tunis-it-crime-conference.txt"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
COMMAND = [sys.executable, "-m", "confreader"]


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("COLUMNS", "LINES", "NO_COLOR", "CONFREADER_BIDI", "KONSOLE_VERSION")}
    env["TERM"] = "xterm-256color"
    return env


def on_terminal(args: list[str], columns: int) -> tuple[int, str]:
    """Run confreader with stdout on a pseudo-terminal ``columns`` wide; (exit code, what it showed)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    proc = subprocess.Popen([*COMMAND, *args], stdout=slave, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            cwd=ROOT, env=_environment())
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    proc.wait(timeout=60)
    assert proc.stderr is not None and proc.stderr.read() == b""
    return proc.returncode, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_version_comes_from_the_package_metadata():
    out = subprocess.run([*COMMAND, "--version"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and out.stdout == f"confreader {version('confreader')}\n"


def test_a_pipe_that_closes_early_is_not_a_failure(tmp_path):
    for i in range(60):  # far more than a pipe buffer holds
        (tmp_path / f"{i:02}.txt").write_bytes(SAMPLE.read_bytes())
    for sub in (["show"], ["parse"], ["parse", "--format", "text"]):
        proc = subprocess.Popen([*COMMAND, sub[0], str(tmp_path), *sub[1:]], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, cwd=ROOT, env=_environment())
        assert proc.stdout is not None and proc.stdout.readline()
        proc.stdout.close()  # what `| head -1` does
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, (sub, err)
        assert err == b"", (sub, err)


def test_the_reader_wants_a_terminal_and_says_what_to_use_instead(capsys):
    assert main([str(SAMPLE)]) == 2  # pytest's stdout is not a terminal
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "needs a terminal" in captured.err and "confreader show" in captured.err
    assert captured.err.count("\n") == 1


def test_show_on_a_pipe_keeps_logical_text_unless_asked_for_visual(capsys):
    assert main(["show", str(SAMPLE), "--plain"]) == 0
    logical = capsys.readouterr().out
    assert "مجلس وزراء الداخلية العرب" in logical and not PRESENTATION_FORMS.search(logical)
    assert main(["show", str(SAMPLE), "--plain", "--visual"]) == 0
    visual = capsys.readouterr().out
    assert PRESENTATION_FORMS.search(visual) and "مجلس وزراء" not in visual
    assert main(["show", str(SAMPLE), "--plain", "--logical"]) == 0
    assert capsys.readouterr().out == logical


def test_show_on_a_terminal_fits_its_width_and_shapes_arabic():
    code, screen = on_terminal(["show", str(SAMPLE)], columns=50)
    assert code == 0
    lines = [ANSI.sub("", line) for line in screen.split("\n")]
    assert max(map(cell_len, lines)) <= 50
    assert max(map(cell_len, lines)) >= 45  # wrapped at the terminal's width, not 80
    assert PRESENTATION_FORMS.search(screen)


def test_parse_text_on_a_terminal_fits_its_width_and_shapes_arabic():
    code, screen = on_terminal(["parse", str(SAMPLE), "--format", "text"], columns=60)
    assert code == 0
    lines = [ANSI.sub("", line) for line in screen.split("\n")]
    assert max(map(cell_len, lines)) <= 60
    assert PRESENTATION_FORMS.search(screen) and "## quotes" in screen
    piped = subprocess.run([*COMMAND, "parse", str(SAMPLE), "--format", "text"], capture_output=True,
                           text=True, cwd=ROOT, env=_environment())
    assert "مجلس وزراء الداخلية العرب" in piped.stdout and not PRESENTATION_FORMS.search(piped.stdout)
    assert max(map(len, piped.stdout.split("\n"))) > 60  # a pipe gets the listing as it is
