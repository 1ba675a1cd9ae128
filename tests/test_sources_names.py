"""File names are shown on one line, with nothing that can drive the terminal or reorder text."""
from confreader.sources.names import one_line


def test_escape_sequences_and_newlines_are_shown_not_sent():
    shown = one_line("evil\x1b]52;c;aGk=\x07\nname.txt")
    assert "\x1b" not in shown and "\x07" not in shown and "\n" not in shown
    assert shown == "evil\\x1b]52;c;aGk=\\x07\\x0aname.txt"


def test_bidi_overrides_are_escaped_but_arabic_stays_readable():
    assert one_line("تقرير\u202eexe.txt") == "تقرير\\u202eexe.txt"
    assert one_line("مؤتمر تونس.txt") == "مؤتمر تونس.txt"


def test_undecodable_bytes_of_a_file_name_show_as_bytes():
    name = b"caf\xe9.txt".decode("utf-8", "surrogateescape")
    assert one_line(name) == "caf\\xe9.txt"
