"""A one-line footer of the useful keys, drawn from the active bindings.

Textual's Footer mounts a widget per key, which costs a good part of the
start-up budget; one Static showing the same bindings (remapped keys
included) is enough for a keyboard-driven reader.
"""
from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static

from confreader.tui.palette import palette_of



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

    def show_keys(self) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        seen: set[str] = set()
        key_style = palette_of(self.app).key
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            text.append(f" {self.app.get_key_display(binding)} ", style=key_style if enabled else "dim")
            text.append(f"{binding.description} ", style="" if enabled else "dim")
        if self.app.ENABLE_COMMAND_PALETTE:
            text.append(" ^p ", style=key_style)
            text.append("Commands ")
        # Focus moves re-announce the bindings, mostly unchanged; an update relayouts the screen.
        if text != self._keys_shown:
            self._keys_shown = text
            self.update(text)
