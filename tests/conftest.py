"""Shared fixtures for the reader's tests: hand-annotated articles and a deterministic environment.

The TUI tests build their quotes and speakers by hand on the sample article's
real text, so they test the reader and do not move when the parser improves;
they load them through the ordinary JSON path, as a user opening a parsed file would.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

from confreader.export.json_schema import article_to_dict
from confreader.model import Article, Paragraph, Quote, Section, Speaker

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "articles" / "tunis-it-crime-conference.txt"

# A landing must not fail on an example no earlier run drew: by default the property tests draw
# the same examples every run. `HYPOTHESIS_PROFILE=explore pytest tests/test_display_properties.py`
# draws new ones to hunt bugs; pin each one found with `@example` beside its property.
settings.register_profile("deterministic", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "expected_failures: the test makes the reader survive an exception on purpose")


def _span_of(text: str, start_marker: str, end_marker: str, after: int = 0) -> tuple[int, int]:
    start = text.index(start_marker, after)
    end = text.index(end_marker, start) + len(end_marker)
    return start, end


def annotated_sample() -> Article:
    """The sample article with headings, two speakers and four quotes marked by hand."""
    text = SAMPLE.read_text(encoding="utf-8")
    lines, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((pos, pos + len(line.rstrip())))
        pos += len(line) + 1
    heading_lines = {1, 3, 5}
    sections = [Section(None, None, lines[0][0], lines[0][1], [Paragraph(*lines[0])])]
    for index, (start, end) in enumerate(lines[1:], start=1):
        if index in heading_lines:
            sections.append(Section(text[start:end], (start, end), start, end, []))
        else:
            sections[-1].paragraphs.append(Paragraph(start, end))
            sections[-1].end = end
    koman = Speaker("s1", "محمد بن علي كومان", titles=["الدكتور"],
                    roles=["الأمين العام لمجلس وزراء الداخلية العرب"])
    hamoud = Speaker("s2", "حمد محمد الحمود", titles=["العقيد"], roles=["رئيس المؤتمر"])
    direct = _span_of(text, '"يشرفني', 'والاستقرار."')
    role = _span_of(text, "مجلس وزراء الداخلية العرب لعب", "المتزايدة")
    achievements = _span_of(text, "الإنجازات التي تحققت", "الإلكترونية", after=text.index("أشار الدكتور"))
    step = _span_of(text, "هذا المؤتمر يعد خطوة", "الأمن", after=text.index("إن هذا المؤتمر"))
    quotes = [
        Quote("q1", "indirect", *role, speaker="s1", section=0),
        Quote("q2", "direct", direct[0] + 1, direct[1] - 1, speaker="s1", section=2),
        Quote("q3", "indirect", *achievements, speaker="s1", section=3),
        Quote("q4", "indirect", *step, speaker="s2", section=3),
    ]
    return Article(source="articles/tunis-it-crime-conference.txt", text=text, title=text[slice(*lines[1])],
                   language="ar",
                   direction="rtl", sections=sections, speakers=[koman, hamoud], quotes=quotes,
                   metadata={"date": "2024-05-15"})


def english_article() -> Article:
    text = "Cyber week\nThe minister said: \"We will share data with every partner.\" Then he left."
    quote_start = text.index("We will")
    return Article(source="english.txt", text=text, title="Cyber week", language="en", direction="ltr",
                   sections=[Section("Cyber week", (0, 10), 0, len(text), [Paragraph(11, len(text))])],
                   speakers=[Speaker("s1", "The minister", roles=["minister"])],
                   quotes=[Quote("q1", "direct", quote_start, text.index(".\"") + 1, speaker="s1")],
                   metadata={"date": "2024-01-02"})


def write_article(folder: Path, name: str, article: Article) -> Path:
    path = folder / name
    path.write_text(json.dumps(article_to_dict(article), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def sample_json(tmp_path: Path) -> Path:
    return write_article(tmp_path, "tunis.json", annotated_sample())


@pytest.fixture
def library_folder(tmp_path: Path) -> Path:
    """Two good articles and one file that cannot be read."""
    folder = tmp_path / "articles"
    folder.mkdir()
    write_article(folder, "a-tunis.json", annotated_sample())
    write_article(folder, "b-english.json", english_article())
    (folder / "c-broken.json").write_text("{ this is not json", encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def survived_failures_fail_the_test(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """The reader turns a handler's exception into a notification and keeps going; in a test
    that is still a bug, so it fails the test (unless the test is about that, marked
    `expected_failures`)."""
    from confreader.tui.app import ReaderApp

    survived: list = []
    report = ReaderApp.report_failure

    def recording_report(app, failure) -> None:
        survived.append(failure)
        report(app, failure)

    monkeypatch.setattr(ReaderApp, "report_failure", recording_report)
    yield survived
    if survived and request.node.get_closest_marker("expected_failures") is None:
        pytest.fail("the reader survived exceptions: " + "; ".join(f.line for f in survived), pytrace=False)


@pytest.fixture(autouse=True)
def predictable_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No user config, no remembered state, no terminal-specific bidi detection, fixed config
    path shown in help."""
    monkeypatch.setenv("XDG_CONFIG_HOME", "/nonexistent/confreader-test-config")
    # The reader remembers theme, bidi mode and positions: a developer's own would move snapshots.
    monkeypatch.setenv("CONFREADER_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("CONFREADER_BIDI", raising=False)
    # `confreader` alone opens the default index: never a developer's own.
    monkeypatch.delenv("CONFREADER_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    # The cache of parsed files: never a developer's own, and empty at each test's start.
    monkeypatch.setenv("CONFREADER_CACHE", str(tmp_path / "cache" / "files.db"))
    monkeypatch.delenv("KONSOLE_VERSION", raising=False)


async def wait_until_loaded(pilot) -> None:
    """Let the loading worker finish and the screens catch up."""
    app = pilot.app
    for _ in range(500):
        if app.loading_done:
            break
        await pilot.pause(0.01)
    await pilot.pause()
    await pilot.pause()


def notification_messages(app) -> list[str]:
    # Textual keeps live notifications here; reading them beats parsing toasts off the screen.
    return [notification.message for notification in app._notifications]
