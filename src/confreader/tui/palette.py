"""The reader's colours, from the active Textual theme: speakers, headings, quotes, matches, keys.

Every colour is taken from the theme's design variables (``$primary``,
``$accent``, ``$surface``…) and then nudged lighter or darker until it reads
on the panes' background (WCAG contrast >= 4.5:1), so light themes work as
well as dark ones. One colour per speaker, stable within an article.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.style import Style
from textual.color import Color

from confreader.model import Article

if TYPE_CHECKING:
    from textual.app import App

# Enough to tell apart a panel's speakers; plenty for text (WCAG AA).
MIN_CONTRAST = 4.5
# Theme colours speakers are drawn in, in order; hue-shifted copies follow when a
# theme repeats itself (several themes use one colour for accent and warning).
SPEAKER_VARIABLES = ("primary", "accent", "success", "error", "secondary", "warning")
SPEAKER_COUNT = 10
# Two colours closer than this (RGB distance) look the same in a pane.
DISTINCT = 60


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = color.rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: Color, b: Color) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(color: Color, background: Color, minimum: float = MIN_CONTRAST) -> Color:
    """`color`, made lighter (dark background) or darker (light one) until it reads."""
    dark_background = luminance(background) < 0.5
    step = 0
    while contrast(color, background) < minimum and step < 20:
        color = color.lighten(0.05) if dark_background else color.darken(0.05)
        step += 1
    return color


def _distance(a: Color, b: Color) -> float:
    return sum((x - y) ** 2 for x, y in zip(a.rgb, b.rgb)) ** 0.5


def _speaker_colours(variables: Mapping[str, str], background: Color) -> tuple[str, ...]:
    bases = [Color.parse(variables[name]) for name in SPEAKER_VARIABLES if name in variables]
    candidates = list(bases)
    # Hue-rotated copies of the theme's own colours, for articles with many speakers.
    for turn in (0.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875):
        for base in bases:
            h, s, l = base.hsl
            candidates.append(Color.from_hsl((h + turn) % 1.0, max(s, 0.5), min(max(l, 0.35), 0.65)))
    chosen: list[Color] = []
    for candidate in candidates:
        colour = readable(candidate, background)
        if all(_distance(colour, other) >= DISTINCT for other in chosen):
            chosen.append(colour)
        if len(chosen) == SPEAKER_COUNT:
            break
    return tuple(colour.hex6 for colour in chosen)


@dataclass(frozen=True)
class Palette:
    speakers: tuple[str, ...]
    unattributed: str
    heading: Style
    current_quote: Style
    match: Style
    key: Style
    key_cell: Style  # the keys column of the help


def palette_from_variables(variables: Mapping[str, str]) -> Palette:
    """The reader's colours from a theme's CSS variables (``App.get_css_variables()``)."""
    background = Color.parse(variables.get("surface", "#1e1e1e"))
    foreground = Color.parse(variables.get("foreground", "#e0e0e0"))
    accent = Color.parse(variables.get("accent", "#fea62b"))
    muted = readable(foreground.blend(background, 0.35), background)
    match_background = readable(Color.parse(variables.get("warning", accent.hex)), background, 3.0)
    match_text = Color(0, 0, 0) if luminance(match_background) > 0.18 else Color(255, 255, 255)
    key = readable(Color.parse(variables.get("footer-key-foreground", accent.hex)),
                   Color.parse(variables.get("footer-background", background.hex)))
    heading = readable(accent, background)
    return Palette(
        speakers=_speaker_colours(variables, background),
        unattributed=muted.hex6,
        heading=Style(bold=True, color=heading.hex6),
        # The quote's own (readable) colour as its background: always legible, in any theme.
        current_quote=Style(reverse=True, bold=True),
        match=Style(bgcolor=match_background.hex6, color=match_text.hex6, bold=True),
        key=Style(bold=True, color=key.hex6),
        key_cell=Style(bold=True, color=readable(Color.parse(variables.get("primary", accent.hex)),
                                                  background).hex6),
    )


_by_theme: dict[str, Palette] = {}


def palette_of(app: App) -> Palette:
    """The palette of the app's active theme (computed once per theme)."""
    name = app.theme
    if name not in _by_theme:
        _by_theme[name] = palette_from_variables(app.get_css_variables())
    return _by_theme[name]


class SpeakerColours:
    """Speaker id -> colour, in the order the speakers appear in the article.

    The palette can be swapped (a theme change) and every holder sees the new colours.
    """

    def __init__(self, article: Article, palette: Palette) -> None:
        self.palette = palette
        self._order = {speaker.id: i for i, speaker in enumerate(article.speakers)}

    def colour(self, speaker_id: str | None) -> str:
        index = self._order.get(speaker_id) if speaker_id else None
        if index is None:
            return self.palette.unattributed
        return self.palette.speakers[index % len(self.palette.speakers)]

    def quote_style(self, speaker_id: str | None, kind: str) -> Style:
        # Indirect (reported) speech is underlined so it is told apart without colour.
        return Style(color=self.colour(speaker_id), underline=kind == "indirect")
