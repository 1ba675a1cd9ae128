"""`confreader [PATH...] [--db FILE] [--bidi app|terminal|off]`: open articles, or the index, in the reader."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from confreader.cli.args import ArgumentParser


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
    ap = ArgumentParser(
        prog="confreader",
        description="Read articles and browse their quotes. Also: `confreader parse|show FILE...`.")
    ap.add_argument("paths", nargs="*", metavar="PATH",
                    help="article files or folders (default: ./articles, else the bundled sample)")
    ap.add_argument("--db", metavar="FILE",
                    help="open this index (made by `confreader index`); with no PATH and no --db the "
                         "default index is opened when there is one (CONFREADER_DB names another)")
    ap.add_argument("--bidi", choices=["app", "terminal", "off"],
                    help="who shapes and orders Arabic: app (this program), terminal, or off (nobody); "
                         "default: CONFREADER_BIDI, else terminal under Konsole/mlterm, else app")
    ap.add_argument("--version", action=_PrintVersion)
    return ap


class _PrintVersion(argparse.Action):
    """``--version``: read from the package metadata only when asked (it costs an import)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object):
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser, namespace, values, option_string=None) -> None:  # noqa: ANN001
        import confreader

        print(f"confreader {confreader.__version__}")
        parser.exit()


def open_index(given: str | None) -> tuple[object | None, Path | None, str | None]:
    """The index to read: (library, its path, None), (None, None, an error line), or
    (None, None, None) when none was asked for and there is no default one."""
    try:
        from confreader.library.sqlite import SqliteLibrary, default_db_path
    except ImportError:
        if given is None:
            return None, None, None
        return None, None, "confreader: --db: this build has no on-disk index (library/sqlite.py)"
    path = Path(given) if given is not None else default_db_path()
    if given is None and not path.is_file():
        return None, None, None
    from confreader.sources import one_line

    if not path.is_file():
        return None, None, f"confreader: {one_line(str(path))}: no such database (make one with `confreader index`)"
    try:
        return SqliteLibrary(path), path, None
    except Exception as error:  # noqa: BLE001 - any failure to open is one line, never a traceback
        return None, None, f"confreader: {one_line(str(path))}: cannot open the index ({one_line(' '.join(str(error).split()))})"


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    if args.db is not None and args.paths:
        print("confreader: give either PATH... or --db FILE, not both", file=sys.stderr)
        return 2
    archive, archive_path, problem = open_index(args.db) if not args.paths else (None, None, None)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    # Imported here so `confreader --help` stays instant.
    from confreader.config import ConfigError, load_keymap
    from confreader.loading import expand_paths, split_locator
    from confreader.sources import one_line
    from confreader.tui.app import ReaderApp
    from confreader.tui.bindings import REMAPPABLE_IDS

    paths: list[Path] = []
    if archive is None:
        given = args.paths or default_paths()
        existing = [p for p in given if Path(split_locator(p)[0]).exists()]
        if not existing:
            print(f"confreader: {one_line(given[0])}: no such file or folder", file=sys.stderr)
            return 2
        # Folders that cannot be read or hold no article are named here (the reader has
        # not taken the screen yet); a missing file among others is reported by the reader.
        folder_problems: list[str] = []
        paths = expand_paths(given, lambda error: folder_problems.append(f"confreader: {error}"))
        for line in folder_problems:
            print(line, file=sys.stderr)
        if not paths:
            return 2
    try:
        keymap = load_keymap(REMAPPABLE_IDS)
    except ConfigError as error:
        print(f"confreader: {error}", file=sys.stderr)
        return 2
    if not sys.stdout.isatty():
        print("confreader: the reader needs a terminal (stdout is not one); "
              "for text use `confreader show FILE` or `confreader parse FILE`", file=sys.stderr)
        return 2
    # No --bidi: the app picks the mode from the environment. It imports the display
    # engine after its first frame, so neither do we before.
    app = ReaderApp(paths, bidi_mode=args.bidi, keymap=keymap, archive=archive,
                    archive_name=one_line(str(archive_path)) if archive_path is not None else None)
    app.run()
    from confreader.display import EXIT_APP_BIDI, BidiMode

    if app.bidi_mode is BidiMode.APP:
        # Give the terminal its own bidi back (ECMA-48 BDSM), after Textual restored the screen.
        sys.stdout.write(EXIT_APP_BIDI)
        sys.stdout.flush()
    return app.return_code or 0
