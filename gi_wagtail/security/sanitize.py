"""Clean HTML that reaches rich text without passing through the Wagtail editor (imports, scripts).

Wagtail renders stored rich text as it is: only the editor whitelists tags and
attributes, on the way in. Code that writes rich text directly must run it
through an equivalent whitelist first; ``sanitize_rich_text`` is that whitelist,
built from the same feature names the editor uses. It never fails on malformed HTML.
"""

from __future__ import annotations

from collections.abc import Iterable

import nh3

# The features of the item body's paragraph block (gi_wagtail.blocks.text.ParagraphBlock).
DEFAULT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link", "h3", "h4"]

# Tags and attributes each editor feature stores in Wagtail's database format.
_FEATURE_TAGS = {
    "bold": {"b": set()},
    "italic": {"i": set()},
    "ol": {"ol": set(), "li": set()},
    "ul": {"ul": set(), "li": set()},
    "link": {"a": {"href", "linktype", "id"}},
    "document-link": {"a": {"linktype", "id"}},
    "superscript": {"sup": set()},
    "subscript": {"sub": set()},
    "strikethrough": {"s": set()},
    "code": {"code": set()},
    "hr": {"hr": set()},
    **{f"h{n}": {f"h{n}": set()} for n in range(1, 7)},
}
_ALWAYS = {"p": set(), "br": set()}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_rich_text(html: object, features: Iterable[str] | None = None) -> str:
    """Return ``html`` with only the tags and attributes the given editor features allow."""
    if not html:
        return ""
    allowed = {tag: set(attrs) for tag, attrs in _ALWAYS.items()}
    for feature in features or DEFAULT_FEATURES:
        for tag, attrs in _FEATURE_TAGS.get(feature, {}).items():
            allowed.setdefault(tag, set()).update(attrs)
    return nh3.clean(
        str(html), tags=set(allowed), attributes=allowed, url_schemes=URL_SCHEMES, link_rel=None, strip_comments=True
    )
