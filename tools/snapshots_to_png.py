"""Convert snapshot SVGs to PNGs that show what a terminal shows, to look at them.

A terminal puts each character in its cell as given; an SVG renderer runs its own
bidi algorithm (and spacing) over every text run, so already-ordered Arabic would
come out reversed. Each run is split into one text element per cell before
converting (with rsvg-convert: `apt-get install librsvg2-bin`).

    python tools/snapshots_to_png.py tests/__snapshots__/test_tui_snapshots_ux/*.svg -o /tmp/png
"""
from __future__ import annotations

import argparse
import html
import re
import subprocess
import sys
import tempfile
from pathlib import Path

RUN = re.compile(r'<text (?P<head>[^>]*?)x="(?P<x>[\d.]+)"(?P<mid>[^>]*?)textLength="(?P<length>[\d.]+)"'
                 r'(?P<tail>[^>]*)>(?P<body>[^<]*)</text>')


def one_text_per_cell(match: re.Match[str]) -> str:
    chars = html.unescape(match["body"])
    if not chars:
        return match[0]
    x, step = float(match["x"]), float(match["length"]) / len(chars)
    return "".join(f'<text {match["head"]}x="{x + i * step:.1f}"{match["mid"]}textLength="{step:.1f}"'
                   f'{match["tail"]}>{html.escape(ch)}</text>' for i, ch in enumerate(chars) if ch != "\xa0")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("svgs", nargs="+", type=Path)
    parser.add_argument("-o", "--out", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for svg in args.svgs:
        fixed = RUN.sub(one_text_per_cell, svg.read_text(encoding="utf-8"))
        with tempfile.NamedTemporaryFile("w", suffix=".svg", encoding="utf-8", delete=False) as handle:
            handle.write(fixed)
        png = args.out / (svg.stem + ".png")
        subprocess.run(["rsvg-convert", "-w", "1400", handle.name, "-o", str(png)], check=True)
        Path(handle.name).unlink()
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
