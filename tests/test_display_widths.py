"""The display measures every glyph as Rich does, so no line overflows what the renderer crops."""
from __future__ import annotations

import pytest
from rich.cells import cell_len

from confreader.cli import main
from confreader.display import BidiMode, DisplayOptions, layout_paragraph

# Two cells to Rich though Python's East Asian Width calls them neutral (one cell).
WIDE_TO_RICH = "⚌☰\u4df2"
LIGATURES = "\ufdfa\ufdfb\ufdf2"  # ﷺ ﷻ ﷲ: terminals draw them far wider than one cell


@pytest.mark.parametrize("mode", list(BidiMode))
@pytest.mark.parametrize("width", [6, 11, 20, 40])
def test_lines_measure_what_rich_measures_and_fit(mode, width):
    text = f"قال {WIDE_TO_RICH} النبي {LIGATURES} وقال ☰☰☰ في المؤتمر 世界 abc"
    for line in layout_paragraph(text, width, DisplayOptions(mode=mode)).lines:
        assert line.cells == cell_len(line.visual)
        assert line.cells <= width or len(line.units()) == 1  # one glyph wider than the line: cropped
        assert cell_len("".join(s.text for s in line.to_segments())) == width


def test_word_ligatures_are_drawn_as_their_letters():
    line = layout_paragraph("النبي \ufdfa", 40, DisplayOptions(mode=BidiMode.OFF)).lines[0]
    assert not set(LIGATURES) & set(line.visual)
    assert line.cells == cell_len(line.visual) > 10  # صلى الله عليه وسلم, spelled out


def test_show_never_writes_a_line_wider_than_asked(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("عنوان\n\n" + f"قال {WIDE_TO_RICH} " * 30 + "\n", encoding="utf-8")
    assert main(["show", str(path), "--width", "24", "--plain", "--visual"]) == 0
    lines = capsys.readouterr().out.split("\n")
    assert max(map(cell_len, lines)) == 24
