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
import hashlib
import json
import math
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

from confreader.extract import mentions
from confreader.extract.lexicon import ARABIC
from confreader.extract.ner_features import (WORD, WordStats, fold, sentence_features,
                                             sentence_ranges, sentence_words)
from confreader.train import gold_articles, locate_all, read_gold

DEFAULT_SHARED = Path(__file__).resolve().parents[3].parent / "shared"
ANER_TRAIN_FRACTION = 5 / 6          # the published split: first five sixths train
GOLD_REPEATS = 2                      # gold sentences carry our span conventions: weigh them up
MIN_CORPUS_COUNT = 3                  # rarer words get no statistics (a "rare" feature instead)
CLUSTER_VOCAB = 40_000            # words that get a cluster (the most frequent)
CLUSTER_CONTEXTS = 400            # neighbours that describe a word
CLUSTER_DIMS = 60
CLUSTERS_COARSE, CLUSTERS_FINE = 64, 320
STAT_NAMES = ("fq", "al", "atitle", "acue", "agiven", "bgiven")
CRF_PARAMS = {"c1": 0.15, "c2": 0.05, "max_iterations": 120, "feature.minfreq": 2,
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


def mark_unnamed_sources(sentences: list[Tagged]) -> list[Tagged]:
    """ANERcorp tags no unnamed sources, so its "مصادر أمنية" would teach O against the
    gold's UNN. Mark them the way the gold does (a source head from the lexicon with its
    nisba adjectives) where a reporting verb or a complementiser stands next to them."""
    lx = ARABIC
    out = []
    for words, gaps, tags in sentences:
        tags = list(tags)
        for i, w in enumerate(words):
            if w not in lx.unnamed_heads or tags[i] != "O" or w in ("احد", "احدي", "عدد", "بعض"):
                continue
            j = i + 1
            while j < len(words) and j - i <= 2 and tags[j] == "O" and not gaps[j].strip() \
                    and words[j].endswith(("ي", "يه", "ون", "ين", "يون", "يين")) and words[j] not in lx.not_names:
                j += 1
            before = words[i - 1] if i else ""
            after = words[j] if j < len(words) else ""
            if before in lx.cues or after in lx.cues or after in lx.default_complements:
                tags[i:j] = ["B-UNN"] + ["I-UNN"] * (j - i - 1)
        out.append((words, gaps, tags))
    return out


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


def corpus_articles(shared: Path, exclude_texts: set[str]):
    """Folded words of every SaudiNewsNet article, in a fixed order, without the eval
    articles (their text must not inform the scores)."""
    for zpath in sorted((shared / "corpora" / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(zpath) as zf:
            for name in sorted(zf.namelist()):
                if not name.endswith(".json"):
                    continue
                for item in json.loads(zf.read(name).decode("utf-8")):
                    content = (item.get("content") or "").strip()
                    if content and content not in exclude_texts:
                        yield [fold(w) for w in WORD.findall(content)]


def corpus_statistics(shared: Path, exclude_texts: set[str]) -> tuple[dict[str, str], Counter[str]]:
    """Folded word -> bucket letters for STAT_NAMES, and the word frequencies."""
    lx = ARABIC
    titles = lx.titles | lx.role_heads
    cues = set(lx.cues)
    given = lx.given_names
    freq: Counter[str] = Counter()
    after_title: Counter[str] = Counter()
    after_cue: Counter[str] = Counter()
    after_given: Counter[str] = Counter()
    before_given: Counter[str] = Counter()
    for ws in corpus_articles(shared, exclude_texts):
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
    return out, freq


def word_clusters(shared: Path, exclude_texts: set[str], freq: Counter[str]) -> dict[str, str]:
    """Folded word -> "coarse.fine" cluster ids: k-means over the words' left and right
    neighbours in the corpus (a cheap stand-in for Brown clusters), so an unseen name
    shares features with the names that occur in the same contexts."""
    import numpy as np
    ranked = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))
    vocab = {w: i for i, (w, n) in enumerate(ranked[:CLUSTER_VOCAB]) if n >= MIN_CORPUS_COUNT * 2}
    contexts = {w: i for i, (w, _) in enumerate(ranked[:CLUSTER_CONTEXTS])}
    c = len(contexts)
    if not vocab:
        return {}
    counts: Counter[int] = Counter()
    for ws in corpus_articles(shared, exclude_texts):
        ids = [vocab.get(w, -1) for w in ws]
        ctx = [contexts.get(w, -1) for w in ws]
        counts.update(ids[k] * 2 * c + ctx[k - 1] for k in range(1, len(ws)) if ids[k] >= 0 <= ctx[k - 1])
        counts.update(ids[k] * 2 * c + c + ctx[k + 1] for k in range(len(ws) - 1) if ids[k] >= 0 <= ctx[k + 1])
    keys = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
    vals = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
    matrix = np.zeros((len(vocab), 2 * c))
    matrix[keys // (2 * c), keys % (2 * c)] = np.log1p(vals)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-9
    u, sv, _ = np.linalg.svd(matrix - matrix.mean(axis=0), full_matrices=False)
    points = u[:, :CLUSTER_DIMS] * sv[:CLUSTER_DIMS]
    points /= np.linalg.norm(points, axis=1, keepdims=True) + 1e-9
    coarse = _kmeans(points, CLUSTERS_COARSE)
    fine = _kmeans(points, CLUSTERS_FINE)
    words = sorted(vocab, key=vocab.get)
    return {w: f"{coarse[i]}.{fine[i]}" for i, w in enumerate(words)}


def _kmeans(points, k: int, rounds: int = 25):
    """Spherical k-means from a fixed start (every n/k-th point): deterministic."""
    import numpy as np
    centres = points[np.linspace(0, len(points) - 1, k).astype(int)].copy()
    labels = np.zeros(len(points), dtype=int)
    for _ in range(rounds):
        labels = np.argmax(points @ centres.T, axis=1)
        for j in range(k):
            members = points[labels == j]
            if len(members):
                centre = members.sum(axis=0)
                centres[j] = centre / (np.linalg.norm(centre) + 1e-9)
    return labels.tolist()


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


def write_word_table(path: Path, stats: dict[str, str], names: dict[str, str],
                     clusters: dict[str, str], model_digest: str = "") -> None:
    lines = [" ".join(STAT_NAMES) + "\t" + model_digest]
    for w in sorted(set(stats) | set(names) | set(clusters)):
        lines.append(f"{w}\t{stats.get(w, '')}\t{names.get(w, '')}\t{clusters.get(w, '')}")
    _write_gzip(path, "\n".join(lines) + "\n")


def _write_gzip(path: Path, text: str) -> None:
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh:
        fh.write(text.encode("utf-8"))  # mtime 0, no name: the same bytes on every build


def seal_word_table(out_dir: Path) -> None:
    """Write the CRF file's SHA-256 into the word table's header: the loader opens
    only the model its table names (a damaged CRF file would crash the C library)."""
    table = out_dir / mentions.WORDS_FILE
    digest = hashlib.sha256((out_dir / mentions.MODEL_FILE).read_bytes()).hexdigest()
    with gzip.open(table, "rt", encoding="utf-8") as fh:
        header, rest = fh.read().split("\n", 1)
    _write_gzip(table, header.split("\t")[0] + "\t" + digest + "\n" + rest)


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
    exclude = eval_texts(shared)
    stats, freq = corpus_statistics(shared, exclude)
    write_word_table(table, stats, name_lists(), word_clusters(shared, exclude, freq))
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
    aner_train = mark_unnamed_sources(aner_train)
    with tempfile.TemporaryDirectory() as tmp:
        if base_model is None:
            base_model = Path(tmp) / BASE_MODEL_FILE
            train_crf(aner_train, stats, base_model)
        gold = complete_labels(gold_sentences(gold_articles), base_model, stats)
    model_path = out_dir / mentions.MODEL_FILE
    train_crf(aner_train + gold * GOLD_REPEATS, stats, model_path)
    seal_word_table(out_dir)
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
