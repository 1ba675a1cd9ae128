"""Time from launch to first paint: confreader on the sample article vs a bare Textual app.

Each run is a fresh Python process (imports included), headless, timed from
just before the process starts to the moment it reports its first frame;
confreader runs through its real command line (`confreader FILE --bidi app`).
For confreader two moments are reported: the first frame (the reader screen,
possibly still loading) and the first frame with the article's text on it.
Both apps load compiled bytecode, as an installed package does: the children
share a private bytecode cache, filled by one untimed run of each.

    python bench/tui_startup.py [--runs 5]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "articles" / "tunis-it-crime-conference.txt"

BARE_CHILD = """
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("hello")

    def on_ready(self):
        print("first-paint", flush=True)
        self.exit()

Bare().run(headless=True, size=(120, 35))
"""

# The real command line (`confreader FILE --bidi app`: argument parsing, config, path expansion),
# with the app hooked to report its frames and run headless.
READER_CHILD = """
import sys
from functools import partialmethod
from textual.app import App
from confreader.tui.app import ReaderApp

class Timed(ReaderApp):
    run = partialmethod(App.run, headless=True, size=(120, 35))

    def on_ready(self):
        print("first-paint", flush=True)
        super().on_ready()

    def on_article_loaded(self, message):
        super().on_article_loaded(message)
        self.call_after_refresh(self._painted)

    def _painted(self):
        print("article-paint", flush=True)
        self.exit()

import confreader.tui.app
confreader.tui.app.ReaderApp = Timed
from confreader.cli import main
main([sys.argv[1], "--bidi", "app"])
"""


def bytecode_cache_env(cache: str) -> dict[str, str]:
    """The environment with a bytecode cache both apps use alike. Without it, where
    PYTHONDONTWRITEBYTECODE is set, every run compiles confreader from source while
    Textual comes precompiled from its wheel: a cost no installed user pays."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    # The reader remembers its state between launches: a private folder, so the runs
    # neither read the user's own state nor write into it.
    env["CONFREADER_STATE_DIR"] = str(Path(cache) / "state")
    return env


def time_child(code: str, *args: str, env: dict[str, str]) -> dict[str, float]:
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, cwd=REPO,
                             env=env)
    moments = {}
    assert child.stdout is not None
    for line in child.stdout:
        moments[line.strip()] = time.perf_counter() - start
    child.wait()
    return moments


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    runs = ap.parse_args().runs
    bare, first, article = [], [], []
    with tempfile.TemporaryDirectory(prefix="tui-startup-bytecode-") as cache:
        env = bytecode_cache_env(cache)
        time_child(BARE_CHILD, env=env)  # untimed: fills the bytecode cache
        time_child(READER_CHILD, str(SAMPLE), env=env)
        for _ in range(runs):  # interleaved, so both see the same machine load
            bare.append(time_child(BARE_CHILD, env=env)["first-paint"])
            moments = time_child(READER_CHILD, str(SAMPLE), env=env)
            first.append(moments["first-paint"])
            article.append(moments["article-paint"])
    print(f"runs: {runs} (fresh process each, headless 120x35, bytecode cached); median, "
          "and best run (least disturbed by other load)")
    b, f, a = (statistics.median(x) for x in (bare, first, article))
    bm, fm, am = (min(x) for x in (bare, first, article))
    print(f"bare Textual app, one label, first paint:   {b * 1000:6.1f} ms   best {bm * 1000:6.1f} ms")
    print(f"confreader, first paint:                    {f * 1000:6.1f} ms   best {fm * 1000:6.1f} ms"
          f"   ({f / b:.2f}x bare, best {fm / bm:.2f}x)")
    print(f"confreader, article on screen:              {a * 1000:6.1f} ms   best {am * 1000:6.1f} ms"
          f"   ({a / b:.2f}x bare, best {am / bm:.2f}x)")


if __name__ == "__main__":
    main()
