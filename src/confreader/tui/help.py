"""The help modal: every key, generated from the bindings (with the user's remapping applied)."""
from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from confreader.config import config_path
from confreader.tui import bindings
from confreader.tui.guard import Guarded
from confreader.tui.palette import palette_of


def keys_table(keymap: dict[str, str], key_display: Callable[[Binding], str],
               key_style: Style | str = "bold") -> Table:
    """A table of group, keys, description and binding id."""
    table = Table(box=None, padding=(0, 2), show_header=True, header_style="bold")
    table.add_column("Keys", style=key_style, no_wrap=True)
    table.add_column("Does")
    table.add_column("Id (for config.toml)", style="dim", no_wrap=True)
    seen: set[tuple[str, str]] = set()
    for group, group_bindings in bindings.GROUPS:
        table.add_row(Text(group, style="bold underline"), "", "")
        for binding in group_bindings:
            if (binding.id or "", binding.description) in seen:
                continue
            seen.add((binding.id or "", binding.description))
            keys = keymap.get(binding.id or "", binding.key)
            shown = " ".join(key_display(Binding(key.strip(), binding.action)) for key in keys.split(","))
            remappable = binding.id in bindings.REMAPPABLE_IDS
            table.add_row(Text(shown), Text(binding.description), Text(binding.id if remappable else ""))
    return table


class HelpBox(VerticalScroll):
    """The scrolling keys table: j / k / g / G / space move it as the table says."""

    BINDINGS = bindings.ARTICLE


class HelpScreen(Guarded, ModalScreen[None]):
    BINDINGS = bindings.HELP
    AUTO_FOCUS = "#help-box"

    def __init__(self, keymap: dict[str, str]) -> None:
        super().__init__()
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        with HelpBox(id="help-box"):
            yield Static(keys_table(self.keymap, self.app.get_key_display, palette_of(self.app).key_cell))
            yield Static(Text(f"Remap keys in {config_path()} under [keys], e.g. quit = \"ctrl+q\".",
                              style="dim"))

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = "Keys"

    def action_close(self) -> None:
        self.dismiss(None)
