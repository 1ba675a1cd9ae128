"""Turn snapshot SVGs into PNGs to look at, drawn as a terminal without bidi would draw them.

Not a benchmark: a viewing aid for `tests/__snapshots__`. The reader puts Arabic on
screen already shaped and in visual order; an SVG renderer would apply its own bidi
algorithm on top and show it reversed, so every text run is forced left to right here.

    python bench/snapshot_png.py tests/__snapshots__/test_tui_snapshots/test_library.svg [OUT_DIR]

Needs `rsvg-convert` (Debian: librsvg2-bin).
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

AS_A_TERMINAL_DRAWS = "<style>text { direction: ltr; unicode-bidi: bidi-override; }</style>"


def to_png(svg: Path, out_dir: Path) -> Path:
    source = svg.read_text(encoding="utf-8")
    # After the root element's opening tag, so it applies to every text element.
    opening_end = source.index(">", source.index("<svg")) + 1
    # Leading blanks are cells too (right-aligned Arabic, numbers): keep them, as a terminal does.
    opening = source[:opening_end - 1] + ' xml:space="preserve">'
    forced = opening + AS_A_TERMINAL_DRAWS + source[opening_end:]
    png = out_dir / (svg.stem + ".png")
    with tempfile.NamedTemporaryFile("w", suffix=".svg", encoding="utf-8", delete=False) as handle:
        handle.write(forced)
    subprocess.run(["rsvg-convert", "-o", str(png), handle.name], check=True)
    Path(handle.name).unlink()
    return png


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    out_dir = Path(argv[1]) if len(argv) > 1 else Path(tempfile.gettempdir())
    print(to_png(Path(argv[0]), out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
