"""The reader's memory between launches: what to restore at start, what to save at exit.

Files are named by resolved path (what the user opened), so two copies of an
article keep their own places. The CLI's --bidi and CONFREADER_BIDI beat the
remembered bidi mode; a remembered theme that no longer exists is ignored.
"""
from __future__ import annotations

import os

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from confreader.tui.state import ReaderState, load_state, save_state, state_path

if TYPE_CHECKING:
    from confreader.library import ArticleSummary
    from confreader.tui.app import ReaderApp
    from confreader.tui.article_view import ArticleView

BIDI_MODES = ("app", "terminal", "off")


class Memory:
    def __init__(self, state: ReaderState, path: Path) -> None:
        self.state = state
        self.path = path
        self._files: dict[str, str] = {}  # article id -> file
        self._reopened = False
        # Over an index: what names an article for the next launch (its index and locator).
        self.locate: Callable[[str], str] | None = None

    @classmethod
    def load(cls) -> Memory:
        path = state_path()
        return cls(load_state(path), path)

    # --- while loading ----------------------------------------------------------

    def loaded_from(self, article_id: str, path: Path) -> None:
        """Note the file an article came from (called from the loading thread)."""
        self._files[article_id] = str(Path(path).resolve())

    def file_of(self, article_id: str | None) -> str | None:
        if not article_id:
            return None
        known = self._files.get(article_id)
        if known is None and self.locate is not None:
            try:
                return self.locate(article_id)
            except KeyError:  # not (or no longer) in the index
                return None
        return known

    def theme(self, available: set[str]) -> str | None:
        return self.state.theme if self.state.theme in available else None

    def bidi_mode(self, environ: os._Environ[str] | dict[str, str] = os.environ) -> str | None:
        """The remembered mode, unless the environment asks for one."""
        if environ.get("CONFREADER_BIDI", "").strip().lower() in BIDI_MODES:
            return None
        return self.state.bidi_mode if self.state.bidi_mode in BIDI_MODES else None

    def position(self, article_id: str | None) -> int | None:
        file = self.file_of(article_id)
        return self.state.positions.get(file) if file else None

    def leave(self, article_id: str | None, offset: int | None) -> None:
        """The reader moves away from an article that was read down to `offset`."""
        file = self.file_of(article_id)
        if file and offset is not None:
            self.state.remember_position(file, offset)

    def follow(self, view: ArticleView, article_id: str) -> None:
        """The reader shows `article_id` in `view`: back to where it was left, and note where it is left."""
        view.leaving = partial(self.leave, article_id)
        view.restore_offset(self.position(article_id))

    def article_loaded(self, app: ReaderApp, summary: ArticleSummary) -> None:
        """In the library: put the cursor back on its row, and reopen the article left open."""
        file = self.file_of(summary.id)
        library = app.library_screen
        if file is None or library is None:
            return
        if file == self.state.library_cursor and library.is_mounted:
            library.move_cursor_to(summary.id)
        untouched = app.screen is library and app.reader.article_id is None
        if file == self.state.last_article and untouched and not self._reopened:
            self._reopened = True
            app.open_article(summary.id)

    # --- at exit ------------------------------------------------------------------

    def save(self, app: ReaderApp) -> bool:
        """Note what the app shows and write it; False if it could not be saved (quitting goes on)."""
        try:
            self._note(app)
        except Exception:  # noqa: BLE001 - a screen in an odd state must not stop the quit
            pass
        return save_state(self.state, self.path)

    def _note(self, app: ReaderApp) -> None:
        state = self.state
        state.theme = app.theme
        if app.bidi_mode is not None:
            state.bidi_mode = app.bidi_mode.value
        reader = app.reader
        showing = reader in app.screen_stack  # under any modal; out of the stack once back in the library
        if showing and reader.article_id is not None:
            # (A reader taken off the screen noted its position as it left.)
            self.leave(reader.article_id, reader.view.offset_at_top())
        state.last_article = self.file_of(reader.article_id) if showing else None
        library = app.library_screen
        if library is not None and library.is_mounted:
            cursor = library.cursor_article_id()
            if cursor is not None:
                state.library_cursor = self.file_of(cursor)
