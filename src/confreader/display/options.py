"""Display modes and options: who shapes and orders Arabic, and how marks and letters are drawn."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from rich.style import Style


class BidiMode(str, Enum):
    APP = "app"            # we shape and order; the terminal must not
    TERMINAL = "terminal"  # logical text, unshaped, for terminals that do bidi (Konsole, mlterm)
    OFF = "off"            # logical text, unshaped, no reordering


# ECMA-48 BiDi mode (BDSM): "l" makes terminals that implement it (VTE) leave
# our already ordered text alone; "h" gives them their own behaviour back.
ENTER_APP_BIDI = "\x1b[8l"
EXIT_APP_BIDI = "\x1b[8h"


def mode_from_environment(environ: Mapping[str, str] = os.environ) -> BidiMode:
    """CONFREADER_BIDI if set and valid; TERMINAL when KONSOLE_VERSION is set or
    TERM starts with 'mlterm'; otherwise APP."""
    requested = environ.get("CONFREADER_BIDI", "").strip().lower()
    if requested in {m.value for m in BidiMode}:
        return BidiMode(requested)
    if environ.get("KONSOLE_VERSION") or environ.get("TERM", "").startswith("mlterm"):
        return BidiMode.TERMINAL
    return BidiMode.APP


@dataclass(frozen=True)
class DisplayOptions:
    mode: BidiMode = BidiMode.APP
    # Harakat: "strip" (not drawn: terminals put a mark on the wrong cell once
    # text is reordered), "keep" (combined onto their letter's cell), "after"
    # (their spacing form, in a cell after their letter).
    harakat: Literal["strip", "keep", "after"] = "strip"
    direction: Literal["auto", "rtl", "ltr"] = "auto"   # paragraph base direction
    # Persian/Urdu and other letters beyond the basic Arabic alphabet: "shape"
    # them (Presentation Forms-A glyphs) or keep them "plain" for terminal fonts
    # that lack those glyphs.
    extended_letters: Literal["shape", "plain"] = "shape"


@dataclass(frozen=True)
class StyledSpan:
    start: int          # paragraph-local, inclusive
    end: int            # paragraph-local, exclusive
    style: Style
