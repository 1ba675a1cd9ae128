"""The `confreader` command: sub-commands `parse` and `show`, otherwise the reader."""
from __future__ import annotations

import sys

# Each sub-command lives in a module of its own with a `run(argv) -> int`.
SUBCOMMANDS = {
    "parse": "confreader.cli.parse_cmd",
    "show": "confreader.cli.show_cmd",
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
        # `confreader parse … | head`: the reader went away; that is not an error.
        sys.stderr.close()
        return 0
