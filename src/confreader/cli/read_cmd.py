"""`confreader [PATH...] [--bidi app|terminal|off]`: open articles in the reader."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def default_paths() -> list[str]:
    here = Path("articles")
    if here.is_dir():
        return [str(here)]
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "samples", package.parent.parent / "articles"):
        if candidate.is_dir():
            return [str(candidate)]
    return [str(here)]


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="confreader",
        description="Read articles and browse their quotes. Also: `confreader parse|show FILE...`.")
    ap.add_argument("paths", nargs="*", metavar="PATH",
                    help="article files or folders (default: ./articles, else the bundled sample)")
    ap.add_argument("--bidi", choices=["app", "terminal", "off"],
                    help="who shapes and orders Arabic: app (this program), terminal, or off (nobody); "
                         "default: CONFREADER_BIDI, else terminal under Konsole/mlterm, else app")
    return ap


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    # Imported here so `confreader --help` stays instant.
    from confreader.config import ConfigError, load_keymap
    from confreader.loading import expand_paths
    from confreader.sources.formats import ARTICLE_EXTENSIONS
    from confreader.tui.app import ReaderApp
    from confreader.tui.bindings import REMAPPABLE_IDS

    given = args.paths or default_paths()
    missing = [p for p in given if not Path(p).exists()]
    if missing:
        print(f"confreader: {missing[0]}: no such file or folder", file=sys.stderr)
        return 2
    paths = expand_paths(given)
    if not paths:
        kinds = ", ".join(sorted(ARTICLE_EXTENSIONS))
        print(f"confreader: {', '.join(given)}: no article files ({kinds}) found", file=sys.stderr)
        return 2
    try:
        keymap = load_keymap(REMAPPABLE_IDS)
    except ConfigError as error:
        print(f"confreader: {error}", file=sys.stderr)
        return 2
    # No --bidi: the app picks the mode from the environment. It imports the display
    # engine after its first frame, so neither do we before.
    app = ReaderApp(paths, bidi_mode=args.bidi, keymap=keymap)
    app.run()
    from confreader.display import EXIT_APP_BIDI, BidiMode

    if app.bidi_mode is BidiMode.APP:
        # Give the terminal its own bidi back (ECMA-48 BDSM), after Textual restored the screen.
        sys.stdout.write(EXIT_APP_BIDI)
        sys.stdout.flush()
    return app.return_code or 0
