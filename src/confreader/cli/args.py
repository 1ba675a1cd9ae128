"""Command-line parsing shared by the commands: a usage mistake is one line, like every error."""
from __future__ import annotations

import argparse
import sys
from typing import NoReturn


class ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse prints the whole usage block first; the mistake and where to look suffice.
        from confreader.sources.names import one_line  # only now: the reader starts without it

        print(f"{self.prog}: {one_line(message)} (see {self.prog} --help)", file=sys.stderr)
        sys.exit(2)
