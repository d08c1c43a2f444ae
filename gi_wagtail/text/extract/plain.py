"""Plain text and HTML: decoded (BOM, declared charset, UTF-8, else GB18030) and fed in chunks."""

from __future__ import annotations

import codecs
import re

from bs4 import BeautifulSoup

from gi_wagtail.text.extract import limits
from gi_wagtail.text.extract.cleaning import Sink

_CHUNK = 64 * 1024
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
# Not shown by a browser.
_INVISIBLE = ("script", "style", "noscript", "template", "iframe", "object", "svg")
# Elements a browser sets on lines of their own; table cells are tab-separated like DOCX and XLSX rows.
_BLOCKS = (
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "title",
    "tr",
    "ul",
)
_CELLS = ("td", "th")
_LINE_BREAKS = re.compile(r"\n[\s]*\n")


def decode(data: bytes, declared: str = "") -> str:
    """Text of ``data``: a BOM wins, then a declared charset, then strict UTF-8, then GB18030 (a superset of GBK)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    if declared:
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            codec = ""
        # GB2312 and GBK pages often hold characters only GB18030 has.
        if codec in ("gb2312", "gbk"):
            codec = "gb18030"
        if codec and codec not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
            return data.decode(codec, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace")


def read_text(data: bytes, sink: Sink) -> None:
    _feed(decode(data), sink)


def read_html(data: bytes, sink: Sink) -> None:
    """The text a browser shows: no scripts or styles, block elements on their own lines."""
    cut = len(data) > limits.MAX_HTML_BYTES  # the tree costs many times the page: parse a bounded prefix
    data = data[: limits.MAX_HTML_BYTES]
    match = _META_CHARSET.search(data[:4096])
    soup = BeautifulSoup(decode(data, match.group(1).decode("ascii") if match else ""), "html.parser")
    for tag in soup(_INVISIBLE):
        tag.decompose()
    for tag in soup(_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    for tag in soup(_CELLS):
        tag.insert_after("\t")
    # Nested blocks leave runs of line breaks: a page's lines are single-spaced.
    _feed(_LINE_BREAKS.sub("\n", soup.get_text()), sink)
    sink.truncated = sink.truncated or cut


def _feed(text: str, sink: Sink) -> None:
    # Chunks end at a line break, so the budget stops reading early and no line is cut by the chunking.
    start = 0
    while start < len(text):
        end = text.find("\n", start + _CHUNK)
        end = len(text) if end < 0 else end + 1
        if not sink.add(text[start:end]):
            return
        start = end
