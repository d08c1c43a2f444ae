"""Map Elasticsearch highlight fragments (on normalised text) back to the original text.

The engine highlights the normalised (simplified, NFKC) copy; the page shows
the original, possibly traditional, text. The fragment is located in the
normalised original and its marks are re-applied to the original characters,
HTML-escaped.
"""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe

from gi_wagtail.search.highlight import ELLIPSIS, _render
from gi_wagtail.text.normalise import normalise_with_offsets

# Private-use characters: never in real text, so they cannot be forged by content.
HL_PRE = "\ue000"
HL_POST = "\ue001"


def _strip(fragment: str) -> tuple[str, list[tuple[int, int]]]:
    plain, spans, start = [], [], None
    pos = 0
    for ch in fragment:
        if ch == HL_PRE:
            start = pos
        elif ch == HL_POST:
            if start is not None and pos > start:
                if spans and spans[-1][1] == start:  # adjacent tokens read as one mark
                    spans[-1] = (spans[-1][0], pos)
                else:
                    spans.append((start, pos))
            start = None
        else:
            plain.append(ch)
            pos += 1
    return "".join(plain), spans


def render_fragment(original: str, fragment: str, whole: bool = False) -> SafeString:
    plain, spans = _strip(fragment)
    norm, offsets = normalise_with_offsets(original)
    at = norm.find(plain) if plain else -1
    if at < 0 or not offsets:
        # Not locatable (rare normalisation change): show the engine's text, escaped.
        html = escape(fragment).replace(HL_PRE, "<mark>").replace(HL_POST, "</mark>")
        return mark_safe(html)
    mapped = [(offsets[at + s], offsets[at + e - 1] + 1) for s, e in spans]
    start, end = (0, len(original)) if whole else (offsets[at], offsets[at + len(plain) - 1] + 1)
    html = _render(original, mapped, start, end)
    if start > 0:
        html = ELLIPSIS + html
    if end < len(original):
        html += ELLIPSIS
    return mark_safe(html)
