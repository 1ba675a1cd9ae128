"""The library's filter: outlet and dates, asked in a small modal."""
from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from confreader.tui import bindings
from confreader.tui.guard import Guarded

# A year, a month or a day: dates are compared on their first characters.
DATE_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
FIELDS = (("outlet", "Outlet (part of its name)", "aawsat"),
          ("since", "From date (YYYY, YYYY-MM or YYYY-MM-DD)", "2015-07"),
          ("until", "To date (included)", "2015-07-31"))


def whole_date(prefix: str, last: bool) -> str:
    """A year or a month as the day the range starts or ends on (libraries compare whole days;
    "-31" ends every month, as dates compare as text)."""
    if len(prefix) == 4:
        return prefix + ("-12-31" if last else "-01-01")
    if len(prefix) == 7:
        return prefix + ("-31" if last else "-01")
    return prefix


def shorter_date(date: str, year_end: str, month_end: str) -> str:
    """whole_date() undone, so the field shows what was typed."""
    if date.endswith(year_end) and len(date) == 10:
        return date[:4]
    if date.endswith(month_end) and len(date) == 10:
        return date[:7]
    return date


class FilterPrompt(Guarded, ModalScreen[dict[str, str] | None]):
    """Enter applies (empty fields: no filter), Escape leaves the filter as it was."""

    BINDINGS = bindings.FILTER

    def __init__(self, filters: dict[str, str]) -> None:
        super().__init__()
        self.filters = dict(filters)
        if "since" in self.filters:
            self.filters["since"] = shorter_date(self.filters["since"], "-01-01", "-01")
        if "until" in self.filters:
            self.filters["until"] = shorter_date(self.filters["until"], "-12-31", "-31")

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-box"):
            for key, label, example in FIELDS:
                yield Label(label)
                yield Input(self.filters.get(key, ""), placeholder=example, id=f"filter-{key}")
            yield Static(id="filter-status")

    def on_mount(self) -> None:
        self.query_one("#filter-box").border_title = "Filter the library"
        self.query_one("#filter-outlet", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        filters = {key: self.query_one(f"#filter-{key}", Input).value.strip() for key, _, _ in FIELDS}
        for key in ("since", "until"):
            if filters[key] and not DATE_PREFIX.fullmatch(filters[key]):
                self.query_one("#filter-status", Static).update(
                    f"Not a date: use YYYY, YYYY-MM or YYYY-MM-DD ({key}).")
                return
        self.dismiss({key: whole_date(value, key == "until") if key != "outlet" else value
                      for key, value in filters.items() if value})

    def action_close(self) -> None:
        self.dismiss(None)
