"""DOCX text: python-docx opens the package; the text is read from its XML in reading order.

Body first (paragraphs, tables, content controls, text boxes), then footnotes, endnotes, comments,
headers and footers: a published file carries them all, and so may personal data. Paragraph
text is read from every run, including those python-docx's ``Paragraph.text`` leaves out: inline
content controls, tracked insertions, fields and smart tags (a name typed into a form field matters
to the personal-data scan). Deleted and moved-away text is left out.
"""

from __future__ import annotations

import io

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.package import Package

from gi_wagtail.text.extract.cleaning import Sink

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _TXBX = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}txbxContent"
# Content controls around ordinary blocks, and the notes and comments of their parts.
_WRAPPERS = {f"{_W}{tag}" for tag in ("sdt", "sdtContent", "customXml", "footnote", "endnote", "comment")}
# Parts read after the body, in this order.
_PARTS = (RT.FOOTNOTES, RT.ENDNOTES, RT.COMMENTS, RT.HEADER, RT.FOOTER)
_RUN_TEXT = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}
_RUN_TEXT[f"{_W}noBreakHyphen"] = "-"
# Text under these is not the document's current text (or is a copy of text read elsewhere).
_SKIPPED = {f"{_W}moveFrom", f"{_W}tabs", "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}


def read_docx(data: bytes, sink: Sink) -> None:
    # The package, not docx.Document: that refuses macro-enabled files and templates (.docm, .dotx),
    # whose text is laid out the same way.
    main = Package.open(io.BytesIO(data)).main_document_part
    body = _element(main).find(f"{_W}body")
    if body is None or not _blocks(body, sink):
        return
    rels = [rel for rel in main.rels.values() if not rel.is_external and rel.reltype in _PARTS]
    rels.sort(key=lambda rel: _PARTS.index(rel.reltype))
    # Each part once (sections share headers), the same text once (first-page and default headers).
    seen: set[str] = set()
    for rel in rels:
        collected = Sink(sink.max_chars)
        _blocks(_element(rel.target_part), collected)
        if collected.text and collected.text not in seen:
            seen.add(collected.text)
            sink.break_block()
            if not sink.add(collected.text):
                return


def _element(part: object) -> object:
    # python-docx parses the parts it knows; the others with its parser (entities are not resolved).
    return part.element if hasattr(part, "element") else parse_xml(part.blob)


def _blocks(element: object, sink: Sink) -> bool:
    """Paragraphs and tables under ``element`` in order; False once the sink is full."""
    for child in element.iterchildren():
        if child.tag == _P:
            ok = sink.add(_paragraph_text(child)) and _text_boxes(child, sink)
        elif child.tag == _TBL:
            ok = _table(child, sink)
        elif child.tag in _WRAPPERS:
            ok = _blocks(child, sink)
        else:
            continue
        if not ok:
            return False
    return True


def _paragraph_text(paragraph: object) -> str:
    parts = []
    for node in paragraph.iter(*_RUN_TEXT):
        # Only this paragraph's own runs: a text box inside it holds paragraphs of its own.
        if any(a.tag in _SKIPPED for a in node.iterancestors()) or next(node.iterancestors(_P), None) is not paragraph:
            continue
        parts.append(node.text or "" if _RUN_TEXT[node.tag] is None else _RUN_TEXT[node.tag])
    return "".join(parts)


def _text_boxes(paragraph: object, sink: Sink) -> bool:
    # A text box is stored twice, as DrawingML and as a VML fallback: the fallback is skipped.
    for box in paragraph.iter(_TXBX):
        if any(a.tag in _SKIPPED or a.tag == _TXBX for a in box.iterancestors()):
            continue
        if not _blocks(box, sink):
            return False
    return True


def _table(table: object, sink: Sink) -> bool:
    """Row by row, cells tab-separated (a merged cell once), nested tables after their row."""
    for row in _children(table, _TR):
        cells, nested = [], []
        for cell in _children(row, _TC):
            texts = (_paragraph_text(p).strip() for p in _children(cell, _P))
            cells.append(" ".join(t for t in texts if t).replace("\t", " ").replace("\n", " "))
            nested.extend(_children(cell, _TBL))
        line = "\t".join(cells).rstrip("\t")
        if line.strip() and not sink.add(line):
            return False
        if not all(_table(inner, sink) for inner in nested):
            return False
    return True


def _children(element: object, tag: str) -> list:
    """Children with ``tag``, looking through content controls (rows, cells and paragraphs may sit in one)."""
    found = []
    for child in element.iterchildren():
        if child.tag == tag:
            found.append(child)
        elif child.tag in _WRAPPERS:
            found.extend(_children(child, tag))
    return found
