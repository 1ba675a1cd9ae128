"""What the reader remembers between launches, as a small JSON file in the platform's state folder.

Load never fails: a missing, unreadable or corrupt file (or one from another
version) is the empty state, and a field of the wrong type is dropped alone.
Save writes a temporary file beside the real one and renames it over, so a
crash mid-write never leaves half a file; a save that cannot be made is
reported to the caller, never raised.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

STATE_DIR_ENV = "CONFREADER_STATE_DIR"
FILE_NAME = "state.json"
VERSION = 1
# Reading positions kept, most recent last; older ones are forgotten.
MAX_POSITIONS = 200


@dataclass
class ReaderState:
    theme: str | None = None
    bidi_mode: str | None = None
    # Files by resolved path: the article open in the reader at exit (None: the library
    # was showing), the library row under the cursor, and where each article was read to.
    last_article: str | None = None
    library_cursor: str | None = None
    positions: dict[str, int] = field(default_factory=dict)  # file -> article offset at the top

    def remember_position(self, file: str, offset: int) -> None:
        self.positions.pop(file, None)
        self.positions[file] = offset
        while len(self.positions) > MAX_POSITIONS:
            del self.positions[next(iter(self.positions))]


def state_path() -> Path:
    override = os.environ.get(STATE_DIR_ENV)
    if override:
        return Path(override) / FILE_NAME
    from platformdirs import user_state_dir

    return Path(user_state_dir("confreader")) / FILE_NAME


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def load_state(path: Path | None = None) -> ReaderState:
    path = path or state_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return ReaderState()
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return ReaderState()
    positions = data.get("positions")
    return ReaderState(
        theme=_text_or_none(data.get("theme")),
        bidi_mode=_text_or_none(data.get("bidi_mode")),
        last_article=_text_or_none(data.get("last_article")),
        library_cursor=_text_or_none(data.get("library_cursor")),
        positions={file: offset for file, offset in positions.items()
                   if isinstance(file, str) and type(offset) is int and offset >= 0}
        if isinstance(positions, dict) else {},
    )


def save_state(state: ReaderState, path: Path | None = None) -> bool:
    """Write the state atomically; False if it could not be written."""
    path = path or state_path()
    data = {"version": VERSION, **asdict(state)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=".state-",
                                             suffix=".tmp", delete=False)
    except OSError:
        return False
    temporary = Path(handle.name)
    try:
        with handle:
            json.dump(data, handle, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        return False
    return True
