"""User settings from ``config.toml`` in the platform's config folder.

Only key remapping for now::

    [keys]
    quit = "ctrl+q"
    copy_quote = "c,y"

Each name is a binding id (see the help screen, ``?``); the value is one key
or a comma-separated list of keys, in Textual's key names.
"""
from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path

import platformdirs

APP_NAME = "confreader"


class ConfigError(Exception):
    """A config file that cannot be used; the message is one line naming the file."""


def config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def load_keymap(known_ids: Iterable[str], path: Path | None = None) -> dict[str, str]:
    """The ``[keys]`` table as {binding id: keys}; {} when there is no config file."""
    path = config_path() if path is None else path
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{path}: {_one_line(e)}") from None
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        raise ConfigError(f"{path}: [keys] must be a table of binding id = \"key\"")
    known = set(known_ids)
    keymap: dict[str, str] = {}
    for binding_id, value in keys.items():
        if binding_id not in known:
            raise ConfigError(f"{path}: unknown binding id {binding_id!r} (press ? in the reader for the list)")
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{path}: keys.{binding_id} must be a non-empty string such as \"ctrl+q\"")
        keymap[binding_id] = ",".join(k.strip() for k in value.split(",") if k.strip())
    return keymap


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split()) or type(error).__name__

