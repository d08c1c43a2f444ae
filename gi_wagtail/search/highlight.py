"""Highlighted, HTML-escaped snippets of the original text."""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe

from gi_wagtail.search.analysis import ParsedQuery
from gi_wagtail.text.normalise import normalise_with_offsets

ELLIPSIS = "…"


def match_spans(text: str, parsed: ParsedQuery) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of ``text`` matching the query."""
    if not text or not parsed:
        return []
    norm, offsets = normalise_with_offsets(text)
    taken = [False] * len(norm)
    spans = []
    for surface in parsed.surfaces:
        surface = surface.strip()
        if not surface:
            continue
        start = norm.find(surface)
        while start != -1:
            end = start + len(surface)
            if not any(taken[start:end]) and _boundary_ok(norm, start, end):
                taken[start:end] = [True] * (end - start)
                spans.append((offsets[start], offsets[end - 1] + 1))
            start = norm.find(surface, start + 1)
    return sorted(spans)


def _boundary_ok(norm: str, start: int, end: int) -> bool:
    # ASCII words and numbers only match whole ("12" must not light up in "2012").
    piece = norm[start:end]
    if not (piece[0].isascii() and piece[0].isalnum()) and not (piece[-1].isascii() and piece[-1].isalnum()):
        return True
    before = norm[start - 1] if start else " "
    after = norm[end] if end < len(norm) else " "
    if piece[0].isascii() and piece[0].isalnum() and before.isascii() and before.isalnum():
        return False
    return not (piece[-1].isascii() and piece[-1].isalnum() and after.isascii() and after.isalnum())


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out, pos = [], start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(escape(text[pos:s]))
        out.append("<mark>" + escape(text[s:e]) + "</mark>")
        pos = e
    out.append(escape(text[pos:end]))
    return "".join(out)


def highlight_title(title: str, parsed: ParsedQuery) -> SafeString:
    return mark_safe(_render(title, match_spans(title, parsed), 0, len(title)))


def snippet(text: str, parsed: ParsedQuery, length: int = 120) -> SafeString:
    """The window of ``text`` with the most matches, escaped, matches in <mark>."""
    text = " ".join((text or "").split())
    if not text:
        return mark_safe("")
    spans = match_spans(text, parsed)
    start = 0
    if spans:
        best = -1
        for s, _ in spans:
            candidate = max(0, min(s - length // 5, len(text) - length))
            count = sum(1 for a, b in spans if a >= candidate and b <= candidate + length)
            if count > best:
                best, start = count, candidate
    end = min(len(text), start + length)
    html = _render(text, spans, start, end)
    if start > 0:
        html = ELLIPSIS + html
    if end < len(text):
        html += ELLIPSIS
    return mark_safe(html)
