"""How a search result row frames its quote (pure functions, no app)."""
from __future__ import annotations

from confreader.tui.search import LEAD, quote_window


def test_a_match_deep_in_a_long_quote_is_brought_to_the_start_of_its_row():
    quote = " ".join(f"word{i}" for i in range(60)) + " target " + "tail " * 5
    start = quote.index("target")
    window, spans = quote_window(quote, [(start, start + len("target"))])
    assert window.startswith("…")
    (s, e), = spans
    assert window[s:e] == "target"
    assert LEAD <= s <= LEAD + len("word59 ") + 1, "some context is kept before the match"
    # A match near the start leaves the quote whole.
    assert quote_window(quote, [(0, 5)]) == (quote, [(0, 5)])
