"""Direct quotes: pair quotation marks of every style news sites publish.

Each mark is judged by what touches it: a mark followed by a letter and
preceded by space or punctuation opens, one preceded by a letter and followed
by space or punctuation closes, and a mark with the same on both sides (" … ")
closes an open quote of its family or else opens one. Marks pair within a
paragraph, one stack per family (straight, guillemets, curly), so nesting and
reversed guillemets (»…«) work. A mark left without partner still yields the
passage it most likely encloses. Scare quotes (names, labels, one- or
two-word terms) are dropped. Everything here is linear in the paragraph.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from confreader.extract.arabic import fold_word
from confreader.extract.lexicon import ARABIC

FAMILY = {'"': "straight", "«": "guillemet", "»": "guillemet",
          "“": "curly", "”": "curly", "„": "curly", "‟": "curly"}
MARKS = re.compile('["«»“”„‟]')
_SENTENCE_END = re.compile(r"[.!?؟](?=\s|$|[\"«»“”])|[!?؟]")
MIN_QUOTE_WORDS = 3
MAX_UNPAIRED_CHARS = 3000  # how far a mark without partner may reach
MAX_UNPAIRED_MARKS = 40    # per paragraph; more is noise, not typos
# Nouns before a quoted name of a newspaper, a group, an operation, a campaign…
LABEL_NOUNS = frozenset((
    "صحيفة صحيفه جريدة جريده مجلة مجله قناة قناه وكالة وكاله موقع برنامج عملية عمليه "
    "تنظيم جماعة جماعه حركة حركه حزب كتاب فيلم مسلسل رواية روايه حملة حمله مبادرة "
    "مبادره مشروع شعار وسم هاشتاق هاشتاج جائزة جائزه مهرجان مؤتمر ملتقى ملتقي منتدى "
    "منتدي معرض مسابقة مسابقه قانون نظام لقب اسم عنوان سورة سوره شركة شركه مجموعة "
    "مجموعه تطبيق مركز شبكة شبكه شبكتا قناتا صحيفتا مسمى مسمي يسمى يسمي يدعى يدعي بعنوان باسم تسمية تسميه عبارة عباره "
    "كلمة كلمه مصطلح وثيقة وثيقه اتفاقية اتفاقيه خطة خطه استراتيجية استراتيجيه منصة منصه"
).split())
_ATTACHED_PREFIX = set("لبكوف")


@dataclass(slots=True)
class DirectQuote:
    start: int          # first character of the content (inside the marks)
    end: int            # end of the content
    open_mark: int | None   # offset of the opening mark, None when missing
    close_mark: int | None  # offset of the closing mark, None when missing


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "\u0640"


def _mark_roles(text: str, start: int, end: int):
    """(offset, family, can_open, can_close) for each mark in text[start:end]."""
    for m in MARKS.finditer(text, start, end):
        i = m.start()
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        prev_word = _is_word_char(prev)
        # An opening mark may also stand before a bracket or an ellipsis ("...بل", "(…)").
        next_word = _is_word_char(nxt) or (nxt in "(…" or text.startswith("..", i + 1)) \
            and i + 2 < end and text[i + 2] != " "
        can_open = next_word and (not prev_word or prev == "\u0640" or prev in _ATTACHED_PREFIX
                                  and (i - 1 == start or not _is_word_char(text[i - 2])))
        can_close = (prev_word or prev in ".!?؟…)]،,") and not next_word
        yield i, FAMILY[m.group()], can_open, can_close


def find_direct_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[DirectQuote]:
    quotes: list[DirectQuote] = []
    for index, (pstart, pend) in enumerate(paragraphs):
        pairs, unopened, unclosed, marks = _pair_marks(text, pstart, pend)
        for o, c in pairs:
            quotes.append(DirectQuote(o + 1, c, o, c))
        # A few marks without partner are typos; hundreds in one paragraph are noise,
        # and passages guessed around them would only bury the real quotes.
        if (unclosed or unopened) and len(unclosed) + len(unopened) <= MAX_UNPAIRED_MARKS:
            ends = [m.end() for m in _SENTENCE_END.finditer(text, pstart, pend)]
            next_para_opens = (index + 1 < len(paragraphs)
                               and text[paragraphs[index + 1][0]] in FAMILY)
            for o in unclosed:
                # A passage runs to the end of its sentence, never past another mark;
                # to the paragraph's end when the quote goes on into the next paragraph.
                k = bisect_right(marks, o)
                bound = min(marks[k] if k < len(marks) else pend, o + MAX_UNPAIRED_CHARS)
                # After a colon (قال: «…) the speech is the rest of the paragraph.
                after_colon = text[max(pstart, o - 3):o].rstrip().endswith(":")
                if (next_para_opens or after_colon) and bound == pend:
                    stop = pend
                else:
                    k = bisect_right(ends, o + 1)
                    stop = min(ends[k] - 1 if k < len(ends) else pend, bound)
                quotes.append(DirectQuote(o + 1, stop, o, None))
            for c in unopened:
                k = bisect_left(marks, c) - 1
                bound = max(marks[k] + 1 if k >= 0 else pstart, c - MAX_UNPAIRED_CHARS)
                k = bisect_left(ends, c) - 1
                begin = max(ends[k] if k >= 0 else pstart, bound)
                colon = text.rfind(":", begin, c)
                quotes.append(DirectQuote(max(begin, colon + 1), c, None, c))
    quotes = [_trimmed(text, q) for q in quotes]
    quotes = [q for q in quotes if q.end > q.start and not is_scare_quote(text, q)]
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes


def _pair_marks(text: str, pstart: int, pend: int):
    stacks: dict[str, list[tuple[int, bool]]] = {}  # family -> [(offset, weak)]
    pairs, unopened, marks = [], [], []
    for i, family, can_open, can_close in _mark_roles(text, pstart, pend):
        marks.append(i)
        stack = stacks.setdefault(family, [])
        if can_close or not can_open and stack:
            if stack:
                o, _weak = stack.pop()
                pairs.append((o, i))
            elif can_close and i + 1 < pend and text[i + 1] == " ":
                # A closer with no opener before it but text after it: often an
                # opener misplaced against the previous word (البيان" وتتقدم …").
                stack.append((i, True))
            else:
                unopened.append(i)
        else:
            stack.append((i, False))
    unclosed = []
    for stack in stacks.values():
        for o, weak in stack:
            (unopened if weak else unclosed).append(o)
    return pairs, unopened, unclosed, marks


def _trimmed(text: str, q: DirectQuote) -> DirectQuote:
    start, end = q.start, q.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return DirectQuote(start, end, q.open_mark, q.close_mark)


def is_scare_quote(text: str, q: DirectQuote) -> bool:
    """Names, labels and short terms in marks are not speech."""
    content = text[q.start:min(q.end, q.start + 400)]  # enough to judge; keeps this O(1)
    words = content.split()
    if len(words) < MIN_QUOTE_WORDS:
        return True
    if len(words) <= 5 and fold_word(words[0]) in ARABIC.titles:
        return True  # a titled name in marks: "العميد يوسف الشراجي"
    if q.open_mark is None:
        return False
    before = text[max(0, q.open_mark - 30):q.open_mark]
    if before.endswith("\u0640") and len(words) <= 6:
        return True  # لـ"الاقتصادية" ، كـ"الدولة الإسلامية"
    if len(words) <= 4 and before and before[-1] in _ATTACHED_PREFIX \
            and (len(before) == 1 or not before[-2].isalnum()):
        return True  # و»ان تي في» ، ب"عاصفة الحزم": a name with a preposition attached
    previous = before.split()[-1:] if before and not before[-1].isalnum() else []
    if previous:
        word = previous[0].strip("،,:()")
        if word and word[0] in "وبل" and len(word) > 3:
            word_core = word[1:]
        else:
            word_core = word
        if (word in LABEL_NOUNS or word_core in LABEL_NOUNS) and len(words) <= 8 \
                and not _SENTENCE_END.search(content):
            return True
    return False
