"""Synonym groups: the shipped ``data/synonyms.txt`` plus editor-defined groups.

A group is a set of interchangeable forms; at query time an occurrence of any
member becomes "any member" (an OR). Members are stored normalised.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable
from importlib import resources

from gi_wagtail.conf import gi_settings
from gi_wagtail.text.normalise import normalise

logger = logging.getLogger(__name__)
_SPLIT_RE = re.compile(r"[\s,，;；]+")
_lock = threading.Lock()
_cache: SynonymTable | None = None
# Callables returning extra groups (the snippet model registers one).
_providers: list[Callable[[], Iterable[Iterable[str]]]] = []


def parse_lines(lines: Iterable[str]) -> list[list[str]]:
    groups = []
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        # Members may contain "、" (lists inside a full name), so split only
        # on whitespace, commas and semicolons.
        members = [m for m in _SPLIT_RE.split(line) if m]
        if len(members) >= 2:
            groups.append(members)
    return groups


def shipped_groups() -> list[list[str]]:
    text = resources.files("gi_wagtail").joinpath("search/data/synonyms.txt").read_text("utf-8")
    return parse_lines(text.splitlines())


def settings_file_groups() -> list[list[str]]:
    """Groups from ``GI_WAGTAIL["SYNONYMS_FILE"]`` (same format as data/synonyms.txt)."""
    try:
        path = gi_settings.SYNONYMS_FILE
    except Exception:  # noqa: BLE001 settings not configured (pure analysis use)
        return []
    if not path:
        return []
    try:
        with open(path, encoding="utf-8") as handle:
            return parse_lines(handle)
    except (OSError, UnicodeDecodeError) as exc:
        logger.warning("gi_wagtail: cannot read SYNONYMS_FILE %s: %s", path, exc)
        return []


class SynonymTable:
    def __init__(self, groups: Iterable[Iterable[str]]):
        # member -> set of all forms in every group it belongs to
        self._forms: dict[str, set[str]] = {}
        for group in groups:
            forms = {normalise(m).strip() for m in group}
            forms.discard("")
            if len(forms) < 2:
                continue
            for form in forms:
                self._forms.setdefault(form, set()).update(forms)
        self._max_len = max((len(f) for f in self._forms), default=0)

    def __len__(self) -> int:
        return len(self._forms)

    def alternatives(self, form: str) -> list[str]:
        """All forms equivalent to ``form`` (``form`` first)."""
        others = sorted(self._forms.get(form, set()) - {form}, key=lambda f: (len(f), f))
        return [form, *others]

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, form) matches, longest first from the left."""
        found = []
        i, n = 0, len(text)
        while i < n:
            for length in range(min(self._max_len, n - i), 0, -1):
                piece = text[i : i + length]
                if piece in self._forms and _word_boundary(text, i, i + length):
                    found.append((i, i + length, piece))
                    i += length
                    break
            else:
                i += 1
        return found


def _word_boundary(text: str, start: int, end: int) -> bool:
    # ASCII members ("ip", "gdp") must not match inside longer words.
    if text[start:end].isascii():
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())
    return True


def register_provider(provider: Callable[[], Iterable[Iterable[str]]]) -> None:
    if provider not in _providers:
        _providers.append(provider)
    invalidate()


def invalidate() -> None:
    global _cache
    with _lock:
        _cache = None


def get_table() -> SynonymTable:
    global _cache
    table = _cache
    if table is None:
        groups = shipped_groups() + settings_file_groups()
        for provider in list(_providers):
            groups.extend(provider())
        table = SynonymTable(groups)
        with _lock:
            _cache = table
    return table
