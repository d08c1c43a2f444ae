"""Notices as files: a DOCX laid out like an official document (GB/T 9704) and the printable HTML page.

The DOCX holds plain text runs (python-docx escapes XML); the print page is a Django template
with autoescaping, so an applicant's description can never inject markup into either.
"""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gi_wagtail.requests.notices import Notice

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PRINT_TEMPLATE = "gi_wagtail/requests/admin/notice_print.html"

# GB/T 9704-2012: title 二号 小标宋 (宋体 where that is missing), body 三号 仿宋, 28-point lines.
TITLE_FONT, BODY_FONT = "方正小标宋简体", "仿宋_GB2312"
TITLE_FALLBACK, BODY_FALLBACK = "宋体", "仿宋"
TITLE_SIZE, BODY_SIZE = Pt(22), Pt(16)
LINE = Pt(28)


def _font(run: Any, name: str, fallback: str, size: Pt, bold: bool = False) -> None:
    """Set a run's Latin and East Asian fonts (Word picks the East Asian one for Chinese text)."""
    run.font.name = fallback
    run.font.size = size
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:ascii"), fallback)
    fonts.set(qn("w:hAnsi"), fallback)


def _paragraph(
    document: Any,
    text: str,
    *,
    align: int = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = True,
    title: bool = False,
) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(36) if title else LINE
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = BODY_SIZE * 2  # two characters
    lines = text.split("\n")
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        if title:
            _font(run, TITLE_FONT, TITLE_FALLBACK, TITLE_SIZE)
        else:
            _font(run, BODY_FONT, BODY_FALLBACK, BODY_SIZE)
        if index < len(lines) - 1:
            run.add_break()


def is_salutation(text: str) -> bool:
    """The addressee line (``张三：``) is not indented."""
    return text.endswith(("：", ":")) and len(text) <= 60


def build_docx(notice: Notice) -> bytes:
    """The notice as a DOCX file (A4, official-document margins and fonts)."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FALLBACK, BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    # No personal data in the file's metadata: the title of the notice and the agency only.
    props = document.core_properties
    props.title, props.author, props.last_modified_by = notice.kind_label, notice.agency_name, notice.agency_name
    props.comments = props.subject = props.keywords = ""

    _paragraph(document, notice.title, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, title=True)
    _paragraph(document, notice.reference, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _paragraph(document, "", indent=False)
    for text in notice.paragraphs:
        _paragraph(document, text, indent=not is_salutation(text))
    _paragraph(document, "", indent=False)
    _paragraph(document, notice.agency_name, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _paragraph(document, notice.issued_on, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def print_html(notice: Notice, autoprint: bool = False, request: Any = None) -> str:
    """The printable page of the notice (A4 print CSS, a print button)."""
    paragraphs = [{"text": text, "salutation": is_salutation(text)} for text in notice.paragraphs]
    return render_to_string(
        PRINT_TEMPLATE,
        {"notice": notice, "paragraphs": paragraphs, "autoprint": autoprint},
        request=request,
    )
