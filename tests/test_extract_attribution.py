"""Who said it, decided by the learned ranker over the rules' and the tagger's
candidates: a role and the name after it are one person, a later bare mention
of that name is the same person, nobody rather than a wrong speaker, and a
broken model file is one clear line, never a traceback."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from confreader.extract import ModelError, parse_text
from confreader.extract.attribution_model import MODEL_FILE, models_dir

ROOT = Path(__file__).resolve().parent.parent


def speaker_of(article, quote_text):
    quote = next(q for q in article.quotes if article.quote_text(q) == quote_text)
    return article.speaker_by_id(quote.speaker)


def test_a_role_before_an_unknown_foreign_name_is_one_person_with_that_role():
    article = parse_text("وقال وزير الخارجية الصيني وانغ يي في مؤتمر صحفي إن بلاده تدعم الحل السياسي. "
                         "وأضاف وانغ أن المحادثات ستستأنف الشهر المقبل.")
    first = speaker_of(article, "بلاده تدعم الحل السياسي")
    assert first.name == "وانغ يي"
    assert first.roles == ["وزير الخارجية الصيني"]
    assert speaker_of(article, "المحادثات ستستأنف الشهر المقبل") is first
    assert [s.name for s in article.speakers] == ["وانغ يي"]


def test_a_spokesman_role_and_the_name_after_it_make_one_speaker():
    article = parse_text("وقال الناطق باسم الوزارة لي جيان إن الزيارة ستتم قريبا.")
    speaker = speaker_of(article, "الزيارة ستتم قريبا")
    assert (speaker.name, speaker.roles) == ("لي جيان", ["الناطق باسم الوزارة"])


def test_a_quote_with_no_source_anywhere_has_no_speaker():
    article = parse_text('وجاء في النص المنشور على الجدار: "هذه كلمات لا يعرف أحد من كتبها".')
    assert speaker_of(article, "هذه كلمات لا يعرف أحد من كتبها") is None


def test_a_name_in_marks_is_not_a_quote_but_speech_after_a_colon_is():
    article = parse_text('وشارك فريق "جمعية الأمل الخيرية للتنمية" في الحملة. '
                         'وقال المنسق سعيد العمري: "نحن نعمل منذ سنوات على هذه المبادرة".')
    assert [article.quote_text(q) for q in article.quotes if q.kind == "direct"] == [
        "نحن نعمل منذ سنوات على هذه المبادرة"]


@pytest.fixture
def broken_models(tmp_path, monkeypatch):
    """A models folder whose attribution model is not JSON, the rest as shipped (models are
    cached by path, so a new folder is read afresh)."""
    for f in models_dir().iterdir():
        if f.is_file():
            shutil.copyfile(f, tmp_path / f.name)
    (tmp_path / MODEL_FILE).write_text("{ not json", encoding="utf-8")
    monkeypatch.setenv("CONFREADER_MODELS", str(tmp_path))
    return tmp_path


def test_a_corrupt_model_file_is_an_error_naming_it(broken_models):
    with pytest.raises(ModelError, match="attribution.json: unreadable model file"):
        parse_text('وقال سعيد العمري: "نحن نعمل منذ سنوات على هذه المبادرة".')


def test_the_command_reports_a_missing_model_in_one_line_without_a_traceback(broken_models):
    (broken_models / MODEL_FILE).unlink()
    article = ROOT / "articles" / "tunis-it-crime-conference.txt"
    out = subprocess.run([sys.executable, "-m", "confreader", "parse", str(article)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "attribution.json: model file missing" in lines[0], out.stderr
    assert "Traceback" not in out.stderr


SHARED = ROOT.parent / "shared"


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared/eval is not on this machine")
def test_training_the_ranker_is_deterministic(tmp_path):
    outs = []
    for run in ("a", "b"):
        out = tmp_path / run
        out.mkdir()
        for f in models_dir().glob("ner*"):
            shutil.copyfile(f, out / f.name)
        subprocess.run([sys.executable, "-m", "confreader.train", "--out", str(out), "--quiet",
                        "--models", "quotes", "attribution",
                        "--include", "trn-001", "trn-002", "trn-003", "snn-008", "snn-010"],
                       check=True, timeout=120)
        outs.append([(out / name).read_bytes() for name in (MODEL_FILE, "quotes.json")])
    assert outs[0] == outs[1]
    assert json.loads(outs[0][0])["weights"]  # it learned something
