"""The `confreader` command: sub-commands `parse`, `show`, `index`, `search`, `export`, otherwise the reader."""
from __future__ import annotations

import os
import sys

# Each sub-command lives in a module of its own with a `run(argv) -> int`.
SUBCOMMANDS = {
    "parse": "confreader.cli.parse_cmd",
    "show": "confreader.cli.show_cmd",
    "index": "confreader.cli.index_cmd",
    "search": "confreader.cli.search_cmd",
    "export": "confreader.cli.export_cmd",
}


def main(argv: list[str] | None = None) -> int:
    import importlib

    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            module = importlib.import_module(SUBCOMMANDS[argv[0]])
            return module.run(argv[1:])
        module = importlib.import_module("confreader.cli.read_cmd")
        return module.run(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `confreader show … | head`: the reader of our output went away; not a failure.
        _silence_stdout()
        return 0


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush cannot fail again
    ("Exception ignored … BrokenPipeError"), as the Python docs on SIGPIPE advise."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):  # not a real file (tests capture it)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)
