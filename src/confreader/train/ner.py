"""Train the mention tagger (a linear-chain CRF) from ANERcorp, gold speaker mentions,
corpus statistics and name lists.

    python -m confreader.train.ner [--out DIR] [--shared ../shared]

Writes ``ner.crfsuite`` (the CRF) and ``ner_words.tsv`` (corpus statistics and
name-list flags of words, the tagger's features) into DIR (default: the
package's models folder). Deterministic: sorted inputs, fixed settings.
"""
from __future__ import annotations

import argparse
import gzip
import json
import math
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

from confreader.extract import mentions
from confreader.extract.lexicon import ARABIC
from confreader.extract.ner_features import (WORD, Sentence, WordStats, fold, sentence_features,
                                             sentence_ranges, sentence_words)
from confreader.train import gold_articles, locate_all, read_gold

DEFAULT_SHARED = Path(__file__).resolve().parents[3].parent / "shared"
ANER_TRAIN_FRACTION = 5 / 6          # the published split: first five sixths train
GOLD_REPEATS = 2                      # gold sentences carry our span conventions: weigh them up
MIN_CORPUS_COUNT = 3                  # rarer words get no statistics (a "rare" feature instead)
STAT_NAMES = ("fq", "al", "atitle", "acue", "agiven", "bgiven")
CRF_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 120, "feature.minfreq": 2,
              "feature.possible_transitions": True}
BASE_MODEL_FILE = "ner_base.crfsuite"  # ANERcorp only; completes the gold labels, not shipped
GOLD_KINDS = {"person": "PERS", "organisation": "ORG", "unnamed": "UNN"}

Tagged = tuple[list[str], list[str], list[str]]  # folded words, gaps, BIO tags


# -- ANERcorp --------------------------------------------------------------

def read_anercorp(path: Path) -> list[Tagged]:
    """Sentences of an ANERcorp file (``token TAG`` lines, sentences end at "."),
    as the tagger sees text: words without punctuation, punctuation in the gaps."""
    sentences: list[Tagged] = []
    words: list[str] = []
    gaps: list[str] = []
    tags: list[str] = []
    pending = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.rsplit(maxsplit=1)
        if len(parts) != 2:
            continue
        token, tag = parts
        pieces = WORD.findall(token)
        if not pieces:
            pending += " " + token
        for k, piece in enumerate(pieces):
            lead = token.split(piece, 1)[0] if k == 0 else ""
            words.append(fold(piece))
            gaps.append(pending + " " + lead)
            pending = ""
            tags.append(tag if k == 0 or tag == "O" else "I-" + tag[2:])
        if token == "." and words:
            sentences.append((words, gaps, tags))
            words, gaps, tags, pending = [], [], [], ""
    if words:
        sentences.append((words, gaps, tags))
    return sentences


def anercorp_split(shared: Path) -> tuple[list[Tagged], list[Tagged]]:
    """(train, test): the first five sixths of ANERcorp, and CAMeL Lab's test split."""
    full = read_anercorp(shared / "ner" / "ANERCorp.txt")
    total = sum(len(s[0]) for s in full)
    train, seen = [], 0
    for s in full:
        if seen >= total * ANER_TRAIN_FRACTION:
            break
        train.append(s)
        seen += len(s[0])
    return train, read_anercorp(shared / "ner" / "ANERCorp_CamelLab_test.txt")


# -- gold speaker mentions -------------------------------------------------

def gold_mention_spans(article) -> list[tuple[int, int, str]]:
    """Where the article names its gold speakers: names and name-like aliases.
    Aliases that are roles or common nouns (رئيس الأكاديمية، الصحيفة) are no names."""
    lx = ARABIC
    needles = []
    for sp in article.gold.get("speakers", []):
        label = GOLD_KINDS.get(sp.get("kind", "person"), "PERS")
        roles = set(sp.get("roles", []))
        for form in [sp["name"], *sp.get("aliases", [])]:
            form = form.strip()
            first = fold(form.split()[0]) if form.split() else ""
            if form != sp["name"] and (form in roles or first in lx.role_heads or first in lx.titles
                                       or (label != "UNN" and first in lx.org_heads and len(form.split()) == 1)):
                continue
            needles.append((form, label))
    return locate_all(article.text, needles)


def gold_sentences(paths: list[Path]) -> list[Tagged]:
    out = []
    for path in sorted(paths):
        article = read_gold(path)
        out += tag_sentences(article.text, gold_mention_spans(article))
    return out


def tag_sentences(text: str, spans: list[tuple[int, int, str]]) -> list[Tagged]:
    """Word-level BIO tags of every sentence of text: the word a span starts in
    (with its proclitics, as ANERcorp tags them) is B, the other words inside it I."""
    out = []
    for a, b in sentence_ranges(text, 0, len(text)):
        s = sentence_words(text, a, b)
        if not s.words:
            continue
        tags = ["O"] * len(s.words)
        for x, y, label in spans:
            if y <= a or x >= b:
                continue
            inside = [i for i in range(len(s.words)) if s.ends[i] > x and s.starts[i] < y]
            for k, i in enumerate(inside):
                tags[i] = ("B-" if k == 0 else "I-") + label
        out.append((s.words, s.gaps, tags))
    return out


# -- corpus statistics and name lists -------------------------------------

def _bucket_ratio(part: int, whole: int) -> str:
    if whole < 3:
        return "u"
    r = part / whole
    return "a" if r == 0 else "b" if r < 0.02 else "c" if r < 0.1 else "d" if r < 0.3 else "e"


def corpus_statistics(shared: Path, exclude_texts: set[str]) -> dict[str, str]:
    """Folded word -> bucket letters for STAT_NAMES, over SaudiNewsNet without the
    eval articles (their text must not inform the scores)."""
    lx = ARABIC
    titles = lx.titles | lx.role_heads
    cues = set(lx.cues)
    given = lx.given_names
    freq: Counter[str] = Counter()
    after_title: Counter[str] = Counter()
    after_cue: Counter[str] = Counter()
    after_given: Counter[str] = Counter()
    before_given: Counter[str] = Counter()
    for zpath in sorted((shared / "corpora" / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(zpath) as zf:
            for name in sorted(zf.namelist()):
                if not name.endswith(".json"):
                    continue
                for item in json.loads(zf.read(name).decode("utf-8")):
                    content = (item.get("content") or "").strip()
                    if not content or content in exclude_texts:
                        continue
                    ws = [fold(w) for w in WORD.findall(content)]
                    freq.update(ws)
                    pairs = list(zip(ws, ws[1:]))
                    after_title.update(b for a, b in pairs if a in titles)
                    after_cue.update(b for a, b in pairs if a in cues)
                    after_given.update(b for a, b in pairs if a in given)
                    before_given.update(a for a, b in pairs if b in given)
    out = {}
    for w, n in freq.items():
        if n < MIN_CORPUS_COUNT:
            continue
        fq = chr(ord("a") + min(9, int(math.log2(n))))
        al = _bucket_ratio(freq.get("ال" + w, 0), n + freq.get("ال" + w, 0))
        out[w] = fq + al + "".join(_bucket_ratio(c[w], n) for c in
                                   (after_title, after_cue, after_given, before_given))
    return out


def name_lists() -> dict[str, str]:
    """Folded given names and surnames from the CC0 Wikidata index inside the
    arabic-name-romanizer wheel (the ``train`` extra); empty without it."""
    try:
        from importlib.resources import files
        db = files("arabic_name_romanizer") / "resources" / "names.sqlite3"
    except ModuleNotFoundError:
        return {}
    import sqlite3
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT arabic_key, role, SUM(count) FROM units WHERE source = 'wikidata' "
                           "AND role IN ('given', 'surname') GROUP BY arabic_key, role "
                           "ORDER BY arabic_key, role").fetchall()
    finally:
        con.close()
    out: dict[str, str] = {}
    for key, role, count in rows:
        w = fold(key)
        if " " not in w:
            out[w] = "".join(sorted(set(out.get(w, "") + role[0])))
    return out


def write_word_table(path: Path, stats: dict[str, str], names: dict[str, str]) -> None:
    lines = [" ".join(STAT_NAMES)]
    for w in sorted(set(stats) | set(names)):
        lines.append(f"{w}\t{stats.get(w, '')}\t{names.get(w, '')}")
    with gzip.GzipFile(path, "wb", mtime=0) as fh:  # mtime 0: the same bytes on every build
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))


# -- training and measuring ------------------------------------------------

def train_crf(sentences: list[Tagged], stats: WordStats, model_path: Path,
              params: dict | None = None) -> None:
    import pycrfsuite
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, gaps, tags in sentences:
        trainer.append(sentence_features(words, gaps, stats), tags)
    trainer.set_params(params or CRF_PARAMS)
    trainer.train(str(model_path))


def entity_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """CoNLL chunks (start, end, type) of a BIO sequence; a stray I- starts a chunk."""
    out, start, kind = set(), None, None
    for i, t in enumerate(tags + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != kind):
            if start is not None:
                out.add((start, i, kind))
            start, kind = (i, t[2:]) if t != "O" else (None, None)
    return out


def conll_scores(gold: list[list[str]], predicted: list[list[str]]) -> dict[str, tuple[float, float, float]]:
    """Exact-chunk precision, recall and F1 per type."""
    counts: dict[str, list[int]] = {}
    for g, p in zip(gold, predicted):
        gs, ps = entity_spans(g), entity_spans(p)
        for s in gs | ps:
            c = counts.setdefault(s[2], [0, 0, 0])
            c[0] += s in gs and s in ps
            c[1] += s in ps and s not in gs
            c[2] += s in gs and s not in ps
    out = {}
    for kind, (tp, fp, fn) in sorted(counts.items()):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out[kind] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def tag_all(model_path: Path, sentences: list[Tagged], stats: WordStats) -> list[list[str]]:
    import pycrfsuite
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    try:
        return [tagger.tag(sentence_features(w, g, stats)) for w, g, _ in sentences]
    finally:
        tagger.close()


def eval_texts(shared: Path) -> set[str]:
    paths = gold_articles([shared / "eval" / "train", shared / "eval" / "dev"])
    return {read_gold(p).text.strip() for p in paths}


def build_word_table(out_dir: Path, shared: Path) -> WordStats:
    table = out_dir / mentions.WORDS_FILE
    write_word_table(table, corpus_statistics(shared, eval_texts(shared)), name_lists())
    return mentions.read_word_table(table)


def complete_labels(gold: list[Tagged], base_model: Path, stats: WordStats) -> list[Tagged]:
    """Gold files name only sources and titled people: the other names, places and
    organisations of their sentences are not O. Fill them in from a model trained on
    ANERcorp alone, wherever they do not touch a gold mention."""
    out = []
    for (words, gaps, tags), predicted in zip(gold, tag_all(base_model, gold, stats)):
        tags = list(tags)
        for i, j, kind in sorted(entity_spans(predicted)):
            if all(t == "O" for t in tags[max(0, i - 1):j + 1]):
                tags[i:j] = ["B-" + kind] + ["I-" + kind] * (j - i - 1)
        out.append((words, gaps, tags))
    return out


def train_ner(out_dir: Path, gold_articles: list[Path], shared: Path,
              stats: WordStats | None = None, base_model: Path | None = None) -> dict:
    """Train the tagger into out_dir from ANERcorp's training part and the gold
    speaker mentions of ``gold_articles``; return the numbers. ``stats`` (a word table
    already in out_dir) and ``base_model`` (the ANERcorp-only model) reuse what an
    earlier call built: neither depends on the gold articles (the CV bench)."""
    t0 = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    if stats is None:
        stats = build_word_table(out_dir, shared)
    elif not (out_dir / mentions.WORDS_FILE).exists():
        raise ValueError(f"{out_dir / mentions.WORDS_FILE}: no word table beside the model")
    t_stats = time.perf_counter() - t0
    aner_train, aner_test = anercorp_split(shared)
    if base_model is None:
        base_model = out_dir / BASE_MODEL_FILE
        train_crf(aner_train, stats, base_model)
    gold = complete_labels(gold_sentences(gold_articles), base_model, stats)
    model_path = out_dir / mentions.MODEL_FILE
    train_crf(aner_train + gold * GOLD_REPEATS, stats, model_path)
    t_train = time.perf_counter() - t0 - t_stats
    scores = conll_scores([t for _, _, t in aner_test], tag_all(model_path, aner_test, stats))
    return {
        "anercorp_train_tokens": sum(len(s[0]) for s in aner_train),
        "gold_articles": len(gold_articles),
        "gold_mention_words": sum(t != "O" for s in gold for t in s[2]),
        "word_table_entries": len(stats.buckets) + len(stats.names),
        "seconds_statistics": round(t_stats, 1),
        "seconds_training": round(t_train, 1),
        "model_bytes": model_path.stat().st_size + (out_dir / mentions.WORDS_FILE).stat().st_size,
        "anercorp_test": {k: [round(x, 3) for x in v] for k, v in scores.items()},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Train confreader's mention tagger.")
    ap.add_argument("--out", type=Path, default=mentions.PACKAGE_MODELS)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = ap.parse_args(argv)
    gold = gold_articles([args.shared / "eval" / "train", args.shared / "eval" / "dev"])
    numbers = train_ner(args.out, gold, args.shared)
    json.dump(numbers, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
