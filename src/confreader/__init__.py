"""confreader: a terminal reader and quote browser for Arabic news articles."""
from __future__ import annotations


def __getattr__(name: str) -> str:
    # The version lives in pyproject.toml only; read from the installed metadata on demand,
    # so importing the package (every command does) costs nothing.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("confreader")
        except PackageNotFoundError:
            return "unknown"
    raise AttributeError(f"module 'confreader' has no attribute {name!r}")
