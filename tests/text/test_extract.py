"""Text of attached files, and hostile files refused without harm."""

import importlib.util
import io
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from gi_wagtail.text.extract import MAX_UNZIPPED_BYTES, extract_text

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("demo_files", ROOT / "example_site" / "home" / "demo_files.py")
demo_files = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(demo_files)

LINES = ["第一条 为加快培育科技型中小企业，制定本办法。", "第二条 申报材料包括营业执照复印件。"]


def docx_bytes():
    import docx

    document = docx.Document()
    document.add_paragraph("关于印发《科技型中小企业认定办法》的通知")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "项目", "金额（万元）"
    table.cell(1, 0).text, table.cell(1, 1).text = "研发费用加计扣除", "120"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes():
    book = Workbook()
    book.active.title = "项目清单"
    book.active.append(["序号", "项目名称", "补助金额"])
    book.active.append([1, "智能农机研发", 50.0])
    other = book.create_sheet("汇总")
    other.append(["合计", 50])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_pdf_text_in_chinese_across_pages():
    data = demo_files.pdf("科技型中小企业认定办法", LINES * 30)
    result = extract_text(data, "附件.pdf")
    assert (result.format, result.error) == ("pdf", "")
    assert result.pages >= 2
    assert "营业执照复印件" in result.text and "科技型中小企业认定办法" in result.text
    # Lines broken where the page ends are joined inside Chinese text, so words stay whole.
    assert "培育科技型中小企业" in result.text


def test_docx_paragraphs_and_tables():
    result = extract_text(docx_bytes(), "通知.docx")
    assert result.format == "docx" and not result.error
    assert "《科技型中小企业认定办法》" in result.text
    assert "研发费用加计扣除\t120" in result.text


def test_xlsx_sheets_and_rows():
    result = extract_text(xlsx_bytes(), "清单.xlsx")
    assert result.format == "xlsx" and result.pages == 2
    assert result.text.splitlines()[:3] == ["项目清单", "序号\t项目名称\t补助金额", "1\t智能农机研发\t50"]
    assert "合计\t50" in result.text


def test_format_comes_from_content_not_name():
    assert extract_text(docx_bytes(), "misnamed.pdf").format == "docx"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512
    result = extract_text(ole, "old.doc")
    assert result.text == "" and result.error == "old_office"


def test_plain_text_in_utf8_and_gb18030():
    assert extract_text("申报说明".encode("gb18030"), "说明.txt").text == "申报说明"
    assert extract_text("\ufeff申报说明\x00\x07".encode(), "说明.txt").text == "申报说明"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n1 0 obj << /Type /Catalog",  # truncated
        b"PK\x03\x04garbage",  # a broken zip
        b"%PDF-" + bytes(range(256)) * 20,
    ],
)
def test_broken_files_give_a_message_not_an_exception(data):
    result = extract_text(data, "x.pdf")
    assert result.text == "" and result.error


def test_encrypted_pdf_is_reported():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(demo_files.pdf("密件", LINES))).pages:
        writer.add_page(page)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    result = extract_text(out.getvalue(), "x.pdf")
    assert result.text == "" and result.error


def test_zip_bomb_is_refused_quickly_without_inflating():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (MAX_UNZIPPED_BYTES + 1024 * 1024))
    bomb = out.getvalue()
    assert len(bomb) < 1024 * 1024
    tracemalloc.start()
    started = time.perf_counter()
    result = extract_text(bomb, "bomb.docx")
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert result.text == "" and result.error
    assert seconds < 1 and peak < 20 * 1024 * 1024


def test_text_is_cut_at_max_chars():
    result = extract_text(("政务公开" * 1000).encode(), "a.txt", max_chars=100)
    assert len(result.text) == 100 and result.truncated
