"""One analysis pipeline for indexing and querying.

Index side: ``index_terms(text)`` returns the terms of a text (characters,
bigrams and longer rjieba words of CJK runs, other words, 文号 pairs) and
``encode_terms`` turns them into fixed-length lowercase ASCII words that every
database full-text engine stores as they are (no stopwords, no minimum length
problems, no parser surprises).

Query side: ``parse_query(q)`` returns a ``ParsedQuery``: a conjunction of
groups, each group a disjunction of alternatives, each alternative a
conjunction of terms. Only terms leave this module; user syntax never reaches
a database.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from gi_wagtail.search import segment
from gi_wagtail.search.synonyms import SynonymTable, get_table
from gi_wagtail.text.normalise import normalise

MAX_QUERY_CHARS = 200
MAX_GROUPS = 16
MAX_TERMS = 96
MAX_INDEXED_CHARS = 20_000
# Single characters that carry no meaning on their own in a query (particles that rjieba leaves
# alone would otherwise glue onto the word before them: 公开要, 清理后).
QUERY_STOP_CHARS = frozenset("的了和与及之或等并于其把被在去看我想查哪吗呢吧啊呀么要后里有为是将对从向给让啥几")
# Question and filler words citizens type around what they look for (如何申请公开 → 申请 公开).
QUERY_STOP_WORDS = frozenset(
    [
        "怎么",
        "怎样",
        "怎么样",
        "如何",
        "哪里",
        "哪儿",
        "哪些",
        "哪个",
        "哪家",
        "在哪",
        "去哪",
        "什么",
        "请问",
        "查询",
        "查找",
        "查看",
        "查一下",
        "一下",
        "我想",
        "我要",
        "想要",
        "需要",
        "能否",
        "是否",
        "可以",
        "有没有",
        "有关",
        "相关",
        "关于",
        "一些",
        "那些",
        "这些",
        "请",
        "谢谢",
        "您好",
        "你好",
        "哪几",
        "几类",
        "几种",
        "几个",
        "有什么",
        "什么样",
        "是什么",
        "为什么",
    ]
)
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
ENCODED_LENGTH = 14  # 26**14 > 2**64


# Characters and bigrams repeat across documents: a plain dict lookup is the
# cheapest cache (an lru_cache call per term dominated indexing time).
_ENCODED: dict[str, str] = {}
_ENCODED_MAX = 500_000


def _encode(term: str) -> str:
    n = int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "big")
    chars = []
    for _ in range(ENCODED_LENGTH):
        n, r = divmod(n, 26)
        chars.append(_ALPHABET[r])
    return "".join(chars)


def encode_term(term: str) -> str:
    """A term as 14 lowercase ASCII letters (a 64-bit hash)."""
    encoded = _ENCODED.get(term)
    if encoded is None:
        if len(_ENCODED) >= _ENCODED_MAX:
            _ENCODED.clear()
        encoded = _ENCODED[term] = _encode(term)
    return encoded


def encode_terms(terms: list[str]) -> str:
    cache = _ENCODED
    try:
        return " ".join([cache[t] for t in terms])
    except KeyError:  # some terms not seen yet
        return " ".join([cache.get(t) or encode_term(t) for t in terms])


def index_terms(text: str) -> list[str]:
    """Index terms of a raw text, with repetitions (term frequency counts)."""
    text = normalise((text or "")[:MAX_INDEXED_CHARS])
    terms: list[str] = []
    for cjk, word in segment.run_texts(text):
        if cjk:
            segment.add_cjk_terms(cjk, terms)
        else:
            terms.append(word)
    if "号" in text:  # every 文号 ends with 号
        terms.extend(segment.docno_terms(text))
    return terms


def index_text(*texts: str) -> str:
    """Encoded terms of one or more texts, ready for a full-text column."""
    terms: list[str] = []
    for text in texts:
        terms.extend(index_terms(text))
    return encode_terms(terms)


@dataclass(frozen=True)
class Alternative:
    terms: tuple[str, ...]
    surface: str  # normalised text this alternative matches (for highlighting)

    @property
    def encoded(self) -> tuple[str, ...]:
        return tuple(encode_term(t) for t in self.terms)


@dataclass(frozen=True)
class Group:
    text: str
    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True)
class ParsedQuery:
    raw: str
    normalised: str
    groups: tuple[Group, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def surfaces(self) -> list[str]:
        """Normalised strings to highlight, longest first."""
        forms = {a.surface for g in self.groups for a in g.alternatives if a.surface.strip()}
        return sorted(forms, key=lambda s: (-len(s), s))

    def without(self, index: int) -> ParsedQuery:
        groups = self.groups[:index] + self.groups[index + 1 :]
        return ParsedQuery(self.raw, " ".join(g.text for g in groups), groups)


def _span_terms(text: str) -> tuple[str, ...]:
    """Conjunction of terms that finds ``text`` (no synonyms, no segmentation)."""
    terms: list[str] = []
    for run in segment.runs(text):
        if run.is_cjk:
            terms.extend(segment.bigrams(run.text) if len(run.text) > 1 else [run.text])
        else:
            terms.append(run.text)
    return tuple(dict.fromkeys(terms))


def _cjk_spans(run: str, loose: bool = False) -> list[str]:
    """Query spans of a CJK run: rjieba words, where a single character joins
    the adjacent word (a dropped function word breaks adjacency). ``loose``
    keeps single characters apart (used when the strict query finds nothing)."""
    words = segment.query_words(run)
    drop = len(words) > 1 and any(not _is_stop(w) for w in words)
    spans: list[str] = []
    adjacent = False  # is the last span directly before the current word?
    for word in words:
        if drop and _is_stop(word):
            adjacent = False
            continue
        if adjacent and not loose and (len(word) == 1 or len(spans[-1]) == 1):
            spans[-1] += word
        else:
            spans.append(word)
        adjacent = True
    return spans


def _is_stop(word: str) -> bool:
    return word in QUERY_STOP_WORDS or (len(word) == 1 and word in QUERY_STOP_CHARS)


def _plain_group(text: str) -> Group | None:
    terms = _span_terms(text)
    if not terms:
        return None
    alternatives = [Alternative(terms, text)]
    runs = segment.runs(text)
    if len(text) > 2 and len(runs) == 1 and runs[0].is_cjk:
        # A longer word is also indexed whole: matching it ranks higher.
        alternatives.append(Alternative((text,), text))
    return Group(text, tuple(alternatives))


def _synonym_group(form: str, table: SynonymTable) -> Group | None:
    alternatives = []
    for alt in table.alternatives(form):
        terms = _span_terms(alt)
        if terms:
            alternatives.append(Alternative(terms, alt))
    # An alternative whose terms include all terms of another one finds
    # nothing more ("县政府办公室" vs "县政府办"): drop it, keep its surface
    # for highlighting through the shorter one.
    kept = [a for a in alternatives if not any(b is not a and set(b.terms) < set(a.terms) for b in alternatives)]
    return Group(form, tuple(kept)) if kept else None


def parse_query(
    query: object, *, synonyms: bool = True, table: SynonymTable | None = None, loose: bool = False
) -> ParsedQuery:
    """Parse any user input into plain term groups. Never raises on text."""
    raw = query if isinstance(query, str) else ("" if query is None else str(query))
    raw = raw[: MAX_QUERY_CHARS * 4]
    text = normalise(raw)[:MAX_QUERY_CHARS]
    groups: list[Group] = []

    # Spans are blanked out once they have become a group.
    chars = list(text)

    def blank(start: int, end: int) -> None:
        chars[start:end] = " " * (end - start)

    for m in segment.DOCNO_RE.finditer(text):
        term = segment.docno_term(m.group(1), m.group(2))
        groups.append(Group(m.group(0), (Alternative((term,), m.group(0)),)))
        blank(m.start(), m.end())

    if synonyms:
        table = table or get_table()
        rest = "".join(chars)
        for start, end, form in table.find(rest):
            group = _synonym_group(form, table)
            if group:
                groups.append(group)
                blank(start, end)

    for run in segment.runs("".join(chars)):
        pieces = _cjk_spans(run.text, loose) if run.is_cjk else [run.text]
        for piece in pieces:
            group = _plain_group(piece)
            if group:
                groups.append(group)

    if any(not _is_stop(g.text) for g in groups):  # 请问 alone in a run between synonyms, too
        groups = [g for g in groups if not _is_stop(g.text)]
    unique: dict[tuple, Group] = {}
    for group in groups:
        unique.setdefault(tuple(a.terms for a in group.alternatives), group)
    kept: list[Group] = []
    budget = MAX_TERMS
    for group in list(unique.values())[:MAX_GROUPS]:
        cost = sum(len(a.terms) for a in group.alternatives)
        if cost > budget:
            break
        budget -= cost
        kept.append(group)
    return ParsedQuery(raw, text.strip(), tuple(kept))
