"""Training the mention tagger on a tiny made-up copy of ../shared: the same input
gives the same files, the gold articles given are the ones learned from, and the
result loads and tags sentences it was not trained on."""
import io
import json
import zipfile

import pytest

from confreader.extract import mentions
from confreader.train import ner

pytest.importorskip("numpy")

NAMES = ["سامر الحلبي", "نادر الكعبي", "وليد العمري", "هشام الدوسري", "ماجد الشمري",
         "فراس الزعبي", "رامي الخطيب", "ياسر الحربي", "طارق المالكي", "باسل الجبوري"]
PLACES = ["عمان", "دمشق", "بغداد", "الرياض", "القاهرة"]


def _anercorp_lines(names, places):
    lines = []
    for k, name in enumerate(names):
        first, last = name.split()
        place = places[k % len(places)]
        lines += ["وقال O", "الوزير O", f"{first} B-PERS", f"{last} I-PERS", "في O", f"{place} B-LOC",
                  "إن O", "الاجتماع O", "انتهى O", ". O"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def shared(tmp_path):
    root = tmp_path / "shared"
    (root / "ner").mkdir(parents=True)
    (root / "ner" / "ANERCorp.txt").write_text(_anercorp_lines(NAMES * 3, PLACES), encoding="utf-8")
    (root / "ner" / "ANERCorp_CamelLab_test.txt").write_text(_anercorp_lines(NAMES[:3], PLACES),
                                                             encoding="utf-8")
    gold = root / "eval" / "train"
    gold.mkdir(parents=True)
    for k in range(3):
        text = (f"وقالت مصادر مطلعة إن الوفد {k} وصل.\nوأضافت مصادر مطلعة أن اللقاء كان مثمرا.\n"
                f"وقال الوزير {NAMES[k]} إن الاتفاق قريب.\n")
        (gold / f"g{k}.txt").write_text(text, encoding="utf-8")
        (gold / f"g{k}.gold.json").write_text(json.dumps({"speakers": [
            {"name": "مصادر مطلعة", "aliases": [], "titles": [], "roles": [], "kind": "unnamed"},
            {"name": NAMES[k], "aliases": [], "titles": [], "roles": ["الوزير"], "kind": "person"}]},
            ensure_ascii=False), encoding="utf-8")
    corpus = root / "corpora" / "saudinewsnet"
    corpus.mkdir(parents=True)
    articles = [{"content": f"وقال الوزير {n} إن الاجتماع في {p} انتهى. " * 3} for n in NAMES for p in PLACES]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("2015-01-01.json", json.dumps(articles, ensure_ascii=False))
    (corpus / "2015-01-01.zip").write_bytes(buf.getvalue())
    return root


def _files(folder):
    return {name: (folder / name).read_bytes() for name in (mentions.MODEL_FILE, mentions.WORDS_FILE)}


def test_training_is_deterministic_and_learns_from_the_gold_it_is_given(shared, tmp_path, monkeypatch):
    golds = sorted((shared / "eval" / "train").glob("*.gold.json"))
    one = ner.train_ner(tmp_path / "one", golds, shared)
    two = ner.train_ner(tmp_path / "two", list(reversed(golds)), shared)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    assert one["anercorp_test"] == two["anercorp_test"] and one["gold_articles"] == 3
    ner.train_ner(tmp_path / "none", [], shared)
    assert _files(tmp_path / "none")[mentions.MODEL_FILE] != _files(tmp_path / "one")[mentions.MODEL_FILE]

    # The trained files load through CONFREADER_MODELS and tag unseen sentences.
    monkeypatch.setenv(mentions.MODELS_ENV, str(tmp_path / "one"))
    text = "وقال الوزير كمال الأيوبي إن الاجتماع انتهى. وذكرت مصادر مطلعة أن الوفد غادر."
    found = {text[m.start:m.end]: m.kind for m in mentions.find_mentions(text)}
    assert found.get("كمال الأيوبي") == "person"
    assert found.get("مصادر مطلعة") == "group"
    monkeypatch.setenv(mentions.MODELS_ENV, str(tmp_path / "none"))
    found = {text[m.start:m.end]: m.kind for m in mentions.find_mentions(text)}
    assert "مصادر مطلعة" not in found  # ANERcorp tags no unnamed sources: that came from gold
