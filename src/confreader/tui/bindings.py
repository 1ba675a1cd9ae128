"""Every key binding of the reader, with ids, in one place.

Each binding has an id so a user can remap it in ``config.toml`` (see
``confreader.config``); the help screen and the config check read these
lists, so a binding added here is documented and remappable at once.
"""
from __future__ import annotations

from textual.binding import Binding

APP = [
    Binding("q", "quit", "Quit", id="quit"),
    Binding("question_mark,f1", "help", "Help", id="help"),
    Binding("slash", "search", "Search", id="search"),
    Binding("b", "cycle_bidi", "Bidi", id="cycle_bidi"),
]

READER = [
    Binding("t", "focus_pane('sections')", "Sections", id="focus_sections"),
    Binding("s", "focus_pane('speakers')", "Speakers", id="focus_speakers"),
    Binding("u", "focus_pane('quotes')", "Quotes", id="focus_quotes"),
    Binding("a", "focus_pane('article')", "Article", id="focus_article", show=False),
    Binding("y", "copy_quote", "Copy", id="copy_quote"),
    Binding("n", "next_match", "Next match", id="next_match", show=False),
    Binding("N", "previous_match", "Previous match", id="previous_match", show=False),
    Binding("left_square_bracket", "previous_article", "Previous article", id="previous_article", show=False),
    Binding("right_square_bracket", "next_article", "Next article", id="next_article", show=False),
    Binding("m", "flip_layout", "Mirror", id="flip_layout"),
    Binding("S", "app.archive_speakers", "All speakers", id="archive_speakers"),
    Binding("escape", "back", "Back", id="back"),
]

# Vim-style aliases; arrows, Home/End and PgUp/PgDn come with Textual's widgets.
MOVEMENT = [
    Binding("j", "cursor_down", "Down", id="line_down", show=False),
    Binding("k", "cursor_up", "Up", id="line_up", show=False),
    Binding("g", "first", "Top", id="top", show=False),
    Binding("G", "last", "Bottom", id="bottom", show=False),
    Binding("space", "page_down", "Page down", id="page_down", show=False),
]

# The same ids as MOVEMENT, for the article pane's scroll actions.
ARTICLE = [
    Binding("j", "scroll_down", "Down", id="line_down", show=False),
    Binding("k", "scroll_up", "Up", id="line_up", show=False),
    Binding("g", "scroll_home", "Top", id="top", show=False),
    Binding("G", "scroll_end", "Bottom", id="bottom", show=False),
    Binding("space", "page_down", "Page down", id="page_down", show=False),
]

# The same ids again, for the library's table.
TABLE_MOVEMENT = [
    Binding("j", "cursor_down", "Down", id="line_down", show=False),
    Binding("k", "cursor_up", "Up", id="line_up", show=False),
    Binding("g", "scroll_top", "Top", id="top", show=False),
    Binding("G", "scroll_bottom", "Bottom", id="bottom", show=False),
    Binding("space", "page_down", "Page down", id="page_down", show=False),
]

# On the library's table: Enter selects the row, and the screen opens it.
LIBRARY = [
    Binding("enter", "select_cursor", "Open", id="open_article"),
    Binding("o", "cycle_sort", "Sort", id="cycle_sort"),
    Binding("f", "filter", "Filter", id="filter_library"),
    Binding("S", "app.archive_speakers", "All speakers", id="archive_speakers"),
    # The table's own Home / End scroll sideways; in a list of articles they mean first / last.
    Binding("home", "scroll_top", "First article", id="first_article", show=False),
    Binding("end", "scroll_bottom", "Last article", id="last_article", show=False),
]

SEARCH = [
    Binding("escape", "close", "Close", id="close_search"),
    Binding("ctrl+t", "toggle_full_text", "Quotes / full text", id="toggle_full_text"),
    Binding("down", "move_result(1)", "Next result", id="result_down", show=False),
    Binding("up", "move_result(-1)", "Previous result", id="result_up", show=False),
]

SPEAKERS = [
    Binding("escape", "close", "Close", id="close_speakers"),
    Binding("down", "move_result(1)", "Next speaker", id="speaker_down", show=False),
    Binding("up", "move_result(-1)", "Previous speaker", id="speaker_up", show=False),
]

# One speaker's quotes: a list like the library's (Enter opens, arrows and the MOVEMENT ids move).
SPEAKER_QUOTES = [
    Binding("enter", "select_cursor", "Open at the quote", id="open_speaker_quote"),
    Binding("escape", "close", "Back to the speakers", id="close_speaker_quotes"),
]

FILTER = [
    Binding("escape", "close", "Close", id="close_filter"),
]

HELP = [
    Binding("escape,q,question_mark,f1", "close", "Close", id="close_help"),
]

# Shown by the help screen, in this order. Keys that come with Textual's own
# widgets are listed too so the help is the whole story.
GROUPS: list[tuple[str, list[Binding]]] = [
    ("Everywhere", APP + [Binding("ctrl+p", "command_palette", "Commands: quotes, speakers", id="command_palette")]),
    ("Reader", READER + [Binding("tab,shift+tab", "focus_next", "Next / previous pane", id="focus_next")]),
    ("Moving in a pane", MOVEMENT + [
        Binding("up,down", "", "Up / down", id="arrows"),
        Binding("pageup,pagedown", "", "Page up / down", id="pages"),
        Binding("home,end", "", "Top / bottom", id="ends"),
        Binding("enter", "", "Choose", id="choose"),
    ]),
    ("Library", LIBRARY),
    ("Speakers in every article", SPEAKERS + SPEAKER_QUOTES),
    ("Filter", FILTER),
    ("Search", SEARCH),
    ("This help", HELP),
]

# Ids a config file may remap: ours, not the rows above that only document Textual's keys.
REMAPPABLE_IDS = frozenset(b.id for b in APP + READER + MOVEMENT + ARTICLE + TABLE_MOVEMENT + LIBRARY + SPEAKERS + SPEAKER_QUOTES + FILTER + SEARCH + HELP if b.id)
