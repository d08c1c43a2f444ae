"""The index's own vocabulary: completions (联想), pinyin input and "did you mean".

Words come from what is indexed, never from a fixed list: rjieba words (two or more
Chinese characters) of the page titles and pairs of neighbouring words, whole organisation, category and topic names, and
short titles, each with the number of pages it occurs in. Pinyin keys (full, without tones,
and initials: kejiju, kjj) come from pypinyin.

Lookups are prefix searches in sorted arrays (bisect), so a completion costs microseconds
whatever the size of the site. The vocabulary is rebuilt from ``SearchEntry`` when the index
changed; a large one at most every ``REFRESH_SECONDS`` (a word published a few minutes ago
may then be missing from completions; search itself is never stale).
"""

from __future__ import annotations

import bisect
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import pairwise

import rjieba
from pypinyin import Style, lazy_pinyin

from gi_wagtail.search.segment import runs
from gi_wagtail.text.normalise import normalise

MAX_WORDS = 50_000
MAX_TITLE_CHARS = 20
# Large vocabularies are rebuilt at most this often (small ones whenever the index changed).
REFRESH_SECONDS = 300
LARGE = 20_000
_LATIN = re.compile(r"[^a-z]")


class Vocabulary:
    def __init__(self, texts: Iterable[tuple[str, int]] = ()) -> None:
        weights: Counter[str] = Counter()
        for text, weight in texts:
            weights[text] += weight
        counts: Counter[str] = Counter()
        for text, weight in weights.items():
            for word in set(_words(text)):
                counts[word] += weight
        self.frequency = dict(counts.most_common(MAX_WORDS))
        self.words = sorted(self.frequency)
        full, initials = [], []
        for word in self.words:
            keys = pinyin_keys(word)
            if keys:
                full.append((keys[0], word))
                initials.append((keys[1], word))
        self.full, self.initials = sorted(full), sorted(initials)
        self._by_frequency = sorted(self.words, key=lambda w: -self.frequency[w])
        self._masked: dict[str, list[str]] = {}
        for word in self._by_frequency:
            if 2 <= len(word) <= 6:
                for i in range(len(word)):
                    self._masked.setdefault(word[:i] + "?" + word[i + 1 :], []).append(word)

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word: str) -> bool:
        return word in self.frequency

    # --- completions --------------------------------------------------------------------------

    def complete(self, prefix: str, limit: int = 8) -> list[str]:
        """Words and short titles that start with ``prefix`` (then contain it), most frequent
        first; a Latin prefix is read as pinyin or initials."""
        text = normalise(prefix or "").strip()
        if not text:
            return []
        latin = _LATIN.sub("", text)
        if latin and latin == text.replace(" ", "").replace("'", ""):
            return self.pinyin_terms(latin, limit=limit, prefix=True)
        starting = self._ranked(_prefixed(self.words, text, key=None))
        found = [w for w in starting if w != text][:limit]
        if len(found) < limit:
            for word in self._by_frequency:
                if text in word and word != text and word not in found and not word.startswith(text):
                    found.append(word)
                    if len(found) >= limit:
                        break
        return found

    def pinyin_terms(self, query: str, limit: int = 5, prefix: bool = False) -> list[str]:
        """The Chinese words a pinyin or initials query spells (kjj, keji, kejiju), best first:
        exact spellings before longer words."""
        key = _LATIN.sub("", (query or "").lower())
        if len(key) < 2 or key in self.frequency:
            return []
        exact, longer = [], []
        for table in (self.initials, self.full):
            for found_key, word in _prefixed(table, key, key=lambda pair: pair[0]):
                (exact if found_key == key else longer).append(word)
        ranked = self._ranked(dict.fromkeys(exact))
        if prefix or len(ranked) < limit:
            ranked += [w for w in self._ranked(dict.fromkeys(longer)) if w not in ranked]
        return ranked[:limit]

    # --- did you mean --------------------------------------------------------------------------

    def did_you_mean(self, query: str) -> str | None:
        """The query with each unknown Chinese word replaced by a known one that sounds the same
        (科计局 → 科技局) or differs by one character; None when nothing better is known."""
        text = normalise(query or "").strip()
        if not text:
            return None
        out, changed, pos = [], False, 0
        for run in runs(text):
            out.append(text[pos : run.start])
            pos = run.start + len(run.text)
            if not run.is_cjk or run.text in self.frequency:
                out.append(run.text)
                continue
            better = self._correct(run.text)
            if better is None:
                better = "".join(self._correct(span) or span for span in _spans(rjieba.cut(run.text, False)))
            changed = changed or better != run.text
            out.append(better)
        out.append(text[pos:])
        corrected = "".join(out).strip()
        return corrected if changed and corrected != text else None

    def _correct(self, word: str) -> str | None:
        if word in self.frequency or len(word) < 2:
            return None
        keys = pinyin_keys(word)
        if keys:
            same_sound = [w for k, w in _prefixed(self.full, keys[0], key=lambda pair: pair[0]) if k == keys[0]]
            if same_sound:
                return self._ranked(dict.fromkeys(same_sound))[0]
        candidates = {w for i in range(len(word)) for w in self._masked.get(word[:i] + "?" + word[i + 1 :], ())}
        return self._ranked(candidates)[0] if candidates else None

    def _ranked(self, words: Iterable[str]) -> list[str]:
        return sorted(words, key=lambda w: (-self.frequency.get(w, 0), len(w), w))


def _joined_characters(words: list[str]) -> list[str]:
    """Runs of single characters the dictionary does not know, joined (扬 尘 → 扬尘)."""
    out: list[str] = []
    single = ""
    for word in [*words, ""]:
        if len(word) == 1:
            single += word
            continue
        if single:
            out.append(single if len(single) <= 4 else single[:1])
            single = ""
        if word:
            out.append(word)
    return out


def _spans(words: list[str]) -> list[str]:
    """Words with the single characters after them: a typo splits a word into characters
    (公开值南 → 公开 值 南), which are corrected together."""
    spans: list[str] = []
    for word in words:
        if len(word) == 1 and spans:
            spans[-1] += word
        else:
            spans.append(word)
    return spans


def _prefixed(table: list, prefix: str, key: Callable[[tuple], str] | None) -> list:
    """The entries of a sorted table whose key starts with ``prefix``."""
    probe = prefix if key is None else (prefix,)
    start = bisect.bisect_left(table, probe)
    found = []
    for entry in table[start:]:
        value = entry if key is None else key(entry)
        if not value.startswith(prefix):
            break
        found.append(entry)
        if len(found) >= 500:
            break
    return found


def _words(text: str) -> list[str]:
    text = normalise(text or "")
    words = []
    for run in runs(text):
        if run.is_cjk:
            cut = _joined_characters(rjieba.cut(run.text, False))
            words.extend(w for w in cut if len(w) >= 2)
            # Two neighbouring words make the phrases people type (信息 + 公开 → 信息公开).
            words.extend(a + b for a, b in pairwise(cut) if len(a) >= 2 and len(b) >= 2 and len(a + b) <= 6)
    short = text.strip()
    if 2 <= len(short) <= MAX_TITLE_CHARS:
        words.append(short)
    return words


_PINYIN: dict[str, tuple[str, str] | None] = {}


def pinyin_keys(word: str) -> tuple[str, str] | None:
    """(full pinyin without tones, initials) of a Chinese word; None for other text."""
    if word in _PINYIN:
        return _PINYIN[word]
    syllables = lazy_pinyin(word, style=Style.NORMAL, errors="ignore")
    keys = None
    if syllables and len(syllables) == len(word):
        keys = ("".join(syllables), "".join(s[0] for s in syllables))
    if len(_PINYIN) > 200_000:
        _PINYIN.clear()
    _PINYIN[word] = keys
    return keys


# --- per database ----------------------------------------------------------------------------

_lock = threading.Lock()
_cache: dict[str, tuple[tuple, float, Vocabulary]] = {}
_building: set[str] = set()


def get_vocabulary(using: str | None = None) -> Vocabulary:
    """The vocabulary of the index in database ``using`` (rebuilt when the index changed, at
    most every REFRESH_SECONDS)."""
    from django.db import connections, router

    from gi_wagtail.search.models import SearchEntry

    alias = using or router.db_for_read(SearchEntry)
    table = SearchEntry._meta.db_table
    with connections[alias].cursor() as cursor:
        # Two index lookups (as docvalues): cheap enough for every request.
        cursor.execute(f"SELECT (SELECT MAX(id) FROM {table}), (SELECT MAX(indexed_at) FROM {table})")
        key = tuple(cursor.fetchone())
    with _lock:
        cached = _cache.get(alias)
        if cached and cached[0] == key:
            return cached[2]
        if cached and len(cached[2]) >= LARGE:
            # A large site: rebuild in the background (at most every REFRESH_SECONDS), serve the last one.
            if time.monotonic() - cached[1] >= REFRESH_SECONDS and alias not in _building:
                _building.add(alias)
                threading.Thread(target=_rebuild, args=(alias, key), daemon=True).start()
            return cached[2]
    return _rebuild(alias, key)


def _rebuild(alias: str, key: tuple) -> Vocabulary:
    from django.db import connections

    from gi_wagtail.search.models import SearchEntry

    try:
        rows = SearchEntry.objects.using(alias).values_list("title", "organisation", "category", "topic")
        texts = []
        for title, organisation, category, topic in rows.iterator(chunk_size=5000):
            texts.append((title, 1))
            texts.extend((name, 1) for name in (organisation, category, topic) if name)
        vocabulary = Vocabulary(texts)
        with _lock:
            _cache[alias] = (key, time.monotonic(), vocabulary)
        return vocabulary
    finally:
        with _lock:
            _building.discard(alias)
        if threading.current_thread() is not threading.main_thread():
            connections.close_all()


def clear_cache() -> None:
    with _lock:
        _cache.clear()
