"""A one-line footer of the useful keys, drawn from the active bindings.

Textual's Footer mounts a widget per key, which costs a good part of the
start-up budget; one Static showing the same bindings (remapped keys
included) is enough for a keyboard-driven reader.

The keys a journalist reaches for first come first, and only whole entries
that fit the width are shown (never a key cut in half); help is always there,
since it lists the rest.
"""
from __future__ import annotations

from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widgets import Static

from confreader.tui.palette import palette_of

# Actions by usefulness; others follow in binding order.
PRIORITY = (
    "search", "select_cursor", "focus_pane('quotes')", "focus_pane('speakers')", "copy_quote", "back", "close",
    "help", "focus_pane('sections')", "quit", "command_palette", "flip_layout", "cycle_bidi",
)
# Kept whatever the width: it lists every other key.
ALWAYS = "help"


def _rank(action: str) -> int:
    return PRIORITY.index(action) if action in PRIORITY else len(PRIORITY)


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    _keys_shown: Text | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.show_keys())
        self.show_keys()

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.show_keys()

    def on_resize(self, event: events.Resize) -> None:
        self.show_keys()

    def entries(self) -> list[tuple[str, str, str, bool]]:
        """(action, key, description, enabled) of each key to show, most useful first."""
        found: list[tuple[str, str, str, bool]] = []
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            found.append((binding.action, self.app.get_key_display(binding), binding.description, enabled))
        if self.app.ENABLE_COMMAND_PALETTE:
            found.append(("command_palette", "^p", "Commands", True))
        return sorted(found, key=lambda entry: _rank(entry[0]))  # stable: binding order within a rank

    def show_keys(self) -> None:
        width = self.size.width or self.app.size.width
        key_style = palette_of(self.app).key
        entries = [(action, Text.assemble((f" {key} ", key_style if enabled else "dim"),
                                          (f"{description} ", "" if enabled else "dim")))
                   for action, key, description, enabled in self.entries()]
        # Choose what fits (help first, then by usefulness), then show it by usefulness.
        chosen: set[str] = set()
        used = 0
        for action, entry in sorted(entries, key=lambda item: item[0] != ALWAYS):
            if used + entry.cell_len <= width:  # a shorter entry further on may still fit
                chosen.add(action)
                used += entry.cell_len
        text = Text(no_wrap=True, overflow="crop")
        for action, entry in entries:
            if action in chosen:
                text.append_text(entry)
        # Focus moves re-announce the bindings, mostly unchanged; an update relayouts the screen.
        if text != self._keys_shown:
            self._keys_shown = text
            self.update(text)
