"""Text of attachments for search and the personal-data scan: real files built here, hostile ones refused."""

import ast
import datetime as dt
import importlib.util
import io
import random
import re
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

import gi_wagtail
from gi_wagtail.text.extract import Extracted, clean, extract_text, limits
from tests.text.attachments import (
    DOCX_SKELETON,
    docx_bomb,
    encrypt_pdf,
    make_docx,
    make_pdf,
    make_xlsx,
    ole_file,
    raw_zip,
    stored,
    with_last_stream,
    zeros_deflated,
)

PACKAGE = Path(gi_wagtail.__file__).parent
REPO = PACKAGE.parent
FRAGMENT = PACKAGE / "locale" / "fragments" / "extract.po"

NOTICE = ["关于印发《2024年政府信息公开工作要点》的通知", "各区人民政府，市政府各部门：", "联系电话：010-12345678"]
TABLE = [["序号", "事项", "责任单位"], ["1", "主动公开规范性文件", "市司法局"], ["2", "依申请公开答复", "市政务公开办"]]


def _fragment_entries():
    # The project's own merge step reads the fragments: parse them the same way.
    spec = importlib.util.spec_from_file_location("merge_translations", REPO / "scripts" / "merge_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.load(FRAGMENT)


def zh(message):
    """gettext over the zh-hans fragment, as the site's catalogue will have it."""
    return _fragment_entries().get(message, message)


def timed(function, *args, **kwargs):
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = function(*args, **kwargs)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, elapsed, peak


# --- the formats read ------------------------------------------------------------------------------------


def test_docx_body_in_reading_order_then_notes_comments_headers_footers():
    data = make_docx(
        NOTICE,
        TABLE,
        header="某某市人民政府办公厅文件",
        footer="第 1 页",
        text_box="市政府办公厅 2024年3月1日印发",
        content_control="附件：重点任务分工表",
        after_table="（此件公开发布）",
        footnote="注：数据截至2023年12月31日",
        comment="请核实申请人张三的联系方式",
    )
    result = extract_text(data, "通知.docx")
    assert result == Extracted(
        text="\n".join(
            [
                *NOTICE,
                "市政府办公厅 2024年3月1日印发",  # a text box, read once (not again from its VML fallback)
                "附件：重点任务分工表",
                *("\t".join(row) for row in TABLE),
                "（此件公开发布）",
                "",
                "注：数据截至2023年12月31日",  # footnotes, comments, then headers and footers
                "",
                "请核实申请人张三的联系方式",
                "",
                "某某市人民政府办公厅文件",
                "",
                "第 1 页",
            ]
        ),
        format="docx",
    )


def test_docx_runs_python_docx_leaves_out_and_text_that_is_not_there():
    # One paragraph: tab stops (not text), a tracked insertion, a tracked deletion, an inline content
    # control holding a name, a field and a text moved away (its new place holds the same words).
    paragraph = (
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
        "<w:r><w:t>申请人：</w:t></w:r>"
        "<w:sdt><w:sdtContent><w:r><w:t>张三</w:t></w:r></w:sdtContent></w:sdt>"
        "<w:r><w:tab/><w:t>电话：</w:t></w:r>"
        '<w:ins w:id="1" w:author="a"><w:r><w:t>13800000000</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="a"><w:r><w:delText>旧号码</w:delText></w:r></w:del>'
        '<w:fldSimple w:instr=" DATE "><w:r><w:t>2024年3月1日</w:t></w:r></w:fldSimple>'
        '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>移走的字</w:t></w:r></w:moveFrom>'
        "</w:p>"
    )
    document = docx.Document()
    document.element.body.sectPr.addprevious(parse_xml(paragraph))
    out = io.BytesIO()
    document.save(out)
    assert extract_text(out.getvalue(), "a.docx").text == "申请人：张三\t电话：138000000002024年3月1日"


def test_macro_enabled_docx_is_read():
    data = make_docx(["宏文档正文"], footnote="脚注")
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml",
                )
            target.writestr(info, content)
    with pytest.raises(ValueError, match="not a Word file"):
        docx.Document(io.BytesIO(out.getvalue()))  # what python-docx's own entry point says
    assert extract_text(out.getvalue(), "宏.docm").text == "宏文档正文\n\n脚注"


def test_docx_detected_by_content_whatever_its_name():
    data = make_docx(["政府信息公开指南"])
    assert extract_text(data, "指南.pdf").format == "docx"
    assert extract_text(io.BytesIO(data), "no-extension").text == "政府信息公开指南"
    assert extract_text(memoryview(data), "a.docx").text == extract_text(bytearray(data), "a.docx").text


def test_xlsx_sheets_rows_numbers_dates_and_chinese():
    data = make_xlsx(
        {
            "一般公共预算": [
                ["项目", "预算数（万元）", "决算数"],
                [None, None, None],  # empty rows are skipped
                ["教育支出", 1234.5, 1200],
                ["社会保障和就业支出", 88, 0.25],
                ["编制日期", dt.datetime(2024, 3, 1)],
            ],
            "三公经费": [["因公出国（境）费", 12.3], [], ["公务接待费", 4, True]],
        }
    )
    result = extract_text(data, "预算.xlsx")
    assert result.text == (
        "一般公共预算\n项目\t预算数（万元）\t决算数\n教育支出\t1234.5\t1200\n社会保障和就业支出\t88\t0.25\n"
        "编制日期\t2024-03-01\n\n三公经费\n因公出国（境）费\t12.3\n公务接待费\t4\tTRUE"
    )
    assert (result.format, result.pages, result.truncated, result.error) == ("xlsx", 2, False, "")


def test_pdf_chinese_text_page_by_page():
    data = make_pdf([NOTICE, ["第二页：公开方式 主动公开"]])
    result = extract_text(data, "通知.pdf")
    assert result == Extracted(text="\n".join(NOTICE) + "\n\n第二页：公开方式 主动公开", format="pdf", pages=2)


def test_pdf_encrypted_with_an_empty_user_password_is_read():
    # Permissions-only encryption: every PDF viewer opens it without asking.
    data = encrypt_pdf(make_pdf([NOTICE]), user_password="")
    assert extract_text(data, "a.pdf").text == "\n".join(NOTICE)


def test_pdf_with_a_password_is_refused_with_a_message():
    data = encrypt_pdf(make_pdf([NOTICE]), user_password="secret")
    result = extract_text(data, "a.pdf")
    assert (result.text, result.format, result.error_code) == ("", "pdf", "encrypted")
    assert result.error == "Cannot read the attachment: the file is encrypted"
    assert extract_text(data, "a.pdf", gettext=zh).error == "无法读取附件：文件已加密"


def test_pdf_without_text_layer_says_so():
    result = extract_text(make_pdf([[], []]), "扫描件.pdf", gettext=zh)
    assert (result.text, result.pages, result.error_code) == ("", 2, "no_text")
    assert result.error == "PDF 中没有文字层（可能是扫描件），其内容无法检索"


@pytest.mark.parametrize(
    "damage",
    [
        lambda pdf: pdf[: len(pdf) // 2],  # truncated download
        lambda pdf: pdf[:300],
        lambda pdf: pdf[:9] + bytes(random.Random(1).randrange(256) for _ in range(len(pdf) - 9)),
    ],
    ids=["half", "header-only", "noise"],
)
def test_damaged_pdf_gives_an_error_result_not_an_exception(damage):
    whole = make_pdf([NOTICE, ["第二页"]])
    result = extract_text(damage(whole), "a.pdf")
    assert result.format == "pdf"
    assert result.error_code in ("corrupt", "partial")
    assert set(result.text) <= set("\n".join(NOTICE) + "\n第二页")  # what was read, nothing invented


def test_pdf_page_that_cannot_be_read_is_reported_and_the_others_kept():
    # Page 2 ends inside an inline image (no EI): pypdf gives up on that page only.
    pdf = with_last_stream(make_pdf([NOTICE, ["第二页"]], compress=False), b"BT /F1 12 Tf <4E2D> Tj ET BI /W 1 /H 1 ID")
    result = extract_text(pdf, "a.pdf", gettext=zh)
    assert (result.text, result.pages, result.error_code) == ("\n".join(NOTICE), 2, "partial")
    assert result.error == "2 页中有 1 页无法读取"


def test_pdf_page_limit():
    data = make_pdf([[f"第{n}页"] for n in range(1, limits.MAX_PDF_PAGES + 3)])
    result = extract_text(data, "long.pdf")
    assert result.pages == limits.MAX_PDF_PAGES + 2
    assert result.truncated and not result.error
    assert result.text.endswith(f"第{limits.MAX_PDF_PAGES}页")


def test_pdf_page_that_would_take_minutes_is_skipped_unparsed():
    # Operators that draw nothing: no character budget would ever stop pypdf parsing them (~0.25 MB/s).
    heavy = b"BT /F1 12 Tf " + b"<>Tj " * (limits.MAX_PDF_PAGE_CONTENT // 5 + 1) + b"ET"
    result, elapsed, _ = timed(extract_text, make_pdf([NOTICE, ["x"]], contents={1: heavy}), "a.pdf")
    assert (result.text, result.error_code) == ("\n".join(NOTICE), "partial")
    assert elapsed < 2


def test_pdf_form_drawn_thousands_of_times_counts_each_time():
    # A 2 KB form drawn 3,000 times is 6 MB to parse, from a page of 21 KB.
    form = b"BT /F1 12 Tf " + b"<>Tj " * 400 + b"<4E2D> Tj ET"
    pdf = make_pdf([NOTICE, ["x"]], form=form, contents={1: b"/X1 Do\n" * 3000})
    result, elapsed, _ = timed(extract_text, pdf, "a.pdf")
    assert (result.text, result.error_code) == ("\n".join(NOTICE), "partial")
    assert elapsed < 2
    drawn_once = extract_text(make_pdf([NOTICE, ["x"]], form=form, contents={1: b"/X1 Do"}), "a.pdf")
    assert (drawn_once.text, drawn_once.error) == ("\n".join(NOTICE) + "\n\n中", "")


def test_pdf_content_budget_for_the_whole_document():
    # Pages of drawing only, each under the page limit, together over the document's budget.
    drawing = b"0 0 m 10 10 l S\n" * (limits.MAX_PDF_PAGE_CONTENT // 16 - 100)
    pages = limits.MAX_PDF_CONTENT // len(drawing) + 1
    pdf = make_pdf([NOTICE, *[["x"]] * pages, ["末页"]], contents=dict.fromkeys(range(1, pages + 1), drawing))
    result = extract_text(pdf, "a.pdf")
    assert (result.text, result.pages, result.truncated, result.error) == ("\n".join(NOTICE), pages + 2, True, "")


def test_plain_text_encodings():
    text = "政府信息公开申请表\n申请人：张三\t身份证号：略"
    assert extract_text(text.encode("gb18030"), "申请.txt").text == text
    assert extract_text(text.encode("utf-8"), "申请.txt").text == text
    assert extract_text(b"\xef\xbb\xbf" + text.encode("utf-8"), "申请.txt").text == text
    assert extract_text(text.encode("utf-16"), "申请.txt").text == text  # Notepad's "Unicode"
    # 𠀀 exists in GB18030 only (four bytes), not in GBK.
    assert extract_text("名单：𠀀".encode("gb18030"), "x.txt").text == "名单：𠀀"
    csv = extract_text("编号,姓名\r\n1,李四\r\n".encode("gbk"), "名单.csv")
    assert (csv.text, csv.format) == ("编号,姓名\n1,李四", "csv")


def test_html_visible_text_only():
    page = (
        '<html><head><meta charset="gbk"><title>公开指南</title><style>p{color:red}</style>'
        "<script>var secret='不应出现';</script></head><body><p>关于<b>印发</b>通知</p>"
        "<table><tr><td>序号</td><td>事项</td></tr></table><noscript>请启用脚本</noscript></body></html>"
    ).encode("gbk")
    result = extract_text(page, "指南.html")
    assert (result.text, result.format) == ("公开指南\n关于印发通知\n序号\t事项", "html")
    assert extract_text(page, "指南").format == "html"  # found by content too


# --- what is refused ----------------------------------------------------------------------------------------


def test_old_word_file_renamed_pdf_is_named_for_what_it_is():
    result = extract_text(ole_file("WordDocument", "1Table"), "通知.pdf", gettext=zh)
    assert (result.format, result.error_code) == ("doc", "unsupported")
    assert result.error == "不支持的附件格式：.doc（请另存为 DOCX 或 PDF）"
    assert extract_text(ole_file("WordDocument"), "通知.pdf").error == (
        "Unsupported attachment format: .doc (save it as DOCX or PDF)"
    )


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (ole_file("WordDocument"), "方案.wps", "不支持的附件格式：.wps（请另存为 DOCX 或 PDF）"),
        (ole_file("Workbook"), "统计.xls", "不支持的附件格式：.xls（请另存为 XLSX 或 PDF）"),
        (ole_file("Workbook"), "统计.et", "不支持的附件格式：.et（请另存为 XLSX 或 PDF）"),
        (ole_file("PowerPoint Document"), "汇报.ppt", "不支持的附件格式：.ppt（请另存为 PDF）"),
        (
            b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
            "扫描.pdf",
            "不支持的附件格式：.png（图片中的文字无法检索，请附上含文字的 PDF）",
        ),
        (
            b"\xff\xd8\xff\xe0" + b"\0" * 64,
            "公告.jpg",
            "不支持的附件格式：.jpg（图片中的文字无法检索，请附上含文字的 PDF）",
        ),
        (b"{\\rtf1\\ansi text}", "a.doc", "不支持的附件格式：.rtf（请另存为 DOCX 或 PDF）"),
        (b"Rar!\x1a\x07\x00" + b"\0" * 64, "附件.rar", "不支持的附件格式：.rar"),
        (b"\0\1\2\3" * 64, "data.bin", "不支持的附件格式：.bin"),
        (b"\0\1\2\3" * 64, "noname", "不支持的附件格式：文件不是 PDF、DOCX、XLSX 或文本"),
    ],
    ids=["wps", "xls", "et", "ppt", "png", "jpg", "rtf", "rar", "binary", "unknown"],
)
def test_unsupported_formats_have_advice(data, name, message):
    result = extract_text(data, name, gettext=zh)
    assert (result.text, result.error_code, result.error) == ("", "unsupported", message)


def test_password_protected_office_file_is_encrypted_not_unsupported():
    # Office wraps a password-protected DOCX in an OLE file holding "EncryptedPackage".
    result = extract_text(ole_file("EncryptionInfo", "EncryptedPackage"), "方案.docx", gettext=zh)
    assert (result.format, result.error_code, result.error) == ("docx", "encrypted", "无法读取附件：文件已加密")


def test_corrupt_zip_and_misnamed_garbage():
    data = make_docx(NOTICE)
    for broken in (data[: len(data) // 2], data[:-30], data[:100]):
        result = extract_text(broken, "通知.docx", gettext=zh)
        assert (result.text, result.format, result.error_code) == ("", "docx", "corrupt")
        assert result.error == "无法读取附件：文件已损坏或不完整"
    # A member whose data is noise: the archive opens, the inflate check finds it damaged.
    noise = bytes(random.Random(2).randrange(256) for _ in range(2000))
    fake = raw_zip([*DOCX_SKELETON, ("word/document.xml", noise, 0, 5000, 8)])
    assert extract_text(fake, "通知.docx").error_code == "corrupt"
    assert extract_text(b"\0\1garbage" * 50, "报告.pdf").error_code == "corrupt"


def test_empty_and_oversized_input():
    assert extract_text(b"", "a.pdf", gettext=zh) == Extracted("", "pdf", error="附件为空", error_code="empty")
    huge = bytearray(limits.MAX_INPUT_BYTES + 1)
    result, elapsed, _ = timed(extract_text, huge, "大文件.pdf", gettext=zh)
    assert (result.error_code, result.error) == ("too_large", "无法读取附件：文件超过 50 MB")
    assert elapsed < 1

    class Endless(io.RawIOBase):
        reads = 0

        def readable(self):
            return True

        def readinto(self, buffer):
            self.reads += 1
            buffer[:] = b"%" * len(buffer)
            return len(buffer)

    stream = Endless()
    assert extract_text(stream, "stream.pdf").error_code == "too_large"
    assert stream.reads <= limits.MAX_INPUT_BYTES // limits.MB + 2  # stopped just past the limit


def test_unreadable_stream():
    closed = io.BytesIO(b"%PDF-1.7")
    closed.close()
    assert extract_text(closed, "a.pdf").error_code == "unreadable"
    assert extract_text(io.StringIO("text mode"), "a.txt").error_code == "unreadable"


def test_zip_bomb_is_refused_from_its_directory_without_inflating():
    bomb = docx_bomb(300)  # document.xml inflates to 300 MiB
    assert len(bomb) < 400_000
    result, elapsed, peak = timed(extract_text, bomb, "炸弹.docx", gettext=zh)
    assert (result.text, result.format, result.error_code) == ("", "docx", "zip_bomb")
    assert result.error == "无法读取附件：压缩比超过 100:1，疑似压缩炸弹"
    assert elapsed < 1
    assert peak < 20 * limits.MB


def test_zip_bomb_whose_directory_lies_is_stopped_while_reading():
    # The directory claims 1,000 bytes for the same 300 MiB stream: it passes the checks of the
    # directory, and the capped read stops at the declared size, where the CRC gives the lie away.
    bomb = docx_bomb(300, declared=1000)
    result, elapsed, peak = timed(extract_text, bomb, "炸弹.docx")
    assert (result.text, result.error_code) == ("", "corrupt")
    assert elapsed < 1
    assert peak < 20 * limits.MB


def test_many_small_members_over_the_total_are_refused():
    # Each member is under 1 MiB (too small for the ratio rule), together far over the 100 MB cap.
    data, crc = zeros_deflated(1)
    members = [(f"word/media/image{n}.bin", data, crc, (1 << 20) - 1, 8) for n in range(150)]
    result, elapsed, peak = timed(extract_text, raw_zip([*DOCX_SKELETON, *members]), "a.docx", gettext=zh)
    assert (result.error_code, result.error) == ("zip_bomb", "无法读取附件：解压后超过 100 MB")
    assert elapsed < 1 and peak < 20 * limits.MB


def test_too_many_members_are_refused_before_the_directory_is_parsed():
    members = [stored(f"word/part{n}.xml", b"") for n in range(limits.MAX_ZIP_MEMBERS + 1)]
    result = extract_text(raw_zip([*DOCX_SKELETON, *members]), "a.docx", gettext=zh)
    assert (result.error_code, result.error) == ("zip_bomb", "无法读取附件：文件包含超过 5000 个部件")


def test_xlsx_with_far_apart_cells_is_bounded():
    # A hostile sheet: after one real row, rows whose only cell is a blank in XFD, the last of 16,384
    # columns. No text, so no character budget stops it: the count of cells visited does.
    rows = limits.MAX_SHEET_CELLS // 16384 + 10
    data = make_xlsx({"稀疏": [["政府信息公开"], *([None] * 16383 + [" "] for _ in range(rows))]})
    result, elapsed, _ = timed(extract_text, data, "稀疏.xlsx")
    assert (result.text, result.truncated, result.error) == ("稀疏\n政府信息公开", True, "")
    assert elapsed < 30


def test_entity_expansion_is_not_performed():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "\xe5\x93\x88\xe5\x93\x88\xe5\x93\x88\xe5\x93\x88">'
        + b"".join(b'<!ENTITY %c "%s">' % (98 + i, (b"&%c;" % (97 + i)) * 10) for i in range(8))
        + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        b"<w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>"
    )
    result, elapsed, peak = timed(
        extract_text, raw_zip([*DOCX_SKELETON, stored("word/document.xml", laughs)]), "a.docx"
    )
    assert "哈哈哈哈" * 1000 not in result.text
    assert elapsed < 5 and peak < 50 * limits.MB


def test_random_damage_never_raises():
    samples = {
        "a.docx": make_docx(NOTICE, TABLE),
        "a.xlsx": make_xlsx({"表": TABLE}),
        "a.pdf": make_pdf([NOTICE]),
        "a.html": b"<html><body><p>\xe5\x85\xac\xe5\xbc\x80</p></body></html>",
    }
    rng = random.Random(20240301)
    for name, data in samples.items():
        for _ in range(25):
            damaged = bytearray(data)
            for _ in range(rng.randint(1, 20)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            result = extract_text(bytes(damaged), name)
            assert isinstance(result, Extracted)
            assert (result.error == "") == (result.error_code == "")


# --- limits of the text returned ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("long.pdf", make_pdf([NOTICE * 5, NOTICE * 5])),
        ("long.docx", make_docx(NOTICE * 10, TABLE)),
        ("long.xlsx", make_xlsx({"表": TABLE * 20})),
        ("long.txt", ("\n".join(NOTICE * 10)).encode("gb18030")),
    ],
)
def test_max_chars_truncates_to_a_prefix(name, data):
    whole = extract_text(data, name)
    assert not whole.truncated and len(whole.text) > 100
    for limit in (1, 37, 100):
        cut = extract_text(data, name, max_chars=limit)
        assert cut.truncated and not cut.error
        assert len(cut.text) <= limit
        assert whole.text.startswith(cut.text) and len(cut.text) >= limit - 40


def test_clean_text():
    # Form feed (a page break) leaves a blank line; trailing spaces and runs of blank lines go.
    assert clean("第一段\r\n\r\n\r\n\r\n第二段\x00\x07 \t \n\x0c第三段\u200b") == "第一段\n\n第二段\n\n第三段\u200b"
    assert clean("Cafe\u0301 \ud800") == "Café"
    assert clean("⼈⺠政府 ⼀") == "人⺠政府 一"  # Kangxi radicals (U+2F00…) that PDFs put for ideographs
    # Linear on long runs of blanks (a regex for "blanks before a newline" is quadratic there).
    started = time.perf_counter()
    assert clean(" " * 2_000_000 + "x" + "\t" * 2_000_000 + "\n") == " " * 2_000_000 + "x"
    assert time.perf_counter() - started < 2
    docx_result = extract_text(make_docx(["甲\n乙", "", "", "", "丙"]), "a.docx")
    assert docx_result.text == "甲\n乙\n丙"


# --- messages and purity ------------------------------------------------------------------------------------


def test_every_message_is_translated_with_the_same_placeholders():
    msgids = {
        node.args[0].value
        for path in (PACKAGE / "text" / "extract").glob("*.py")
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "gettext_noop"
        and isinstance(node.args[0], ast.Constant)
    }
    assert len(msgids) >= 15
    entries = _fragment_entries()
    assert msgids <= set(entries), sorted(msgids - set(entries))
    for msgid in msgids:
        assert entries[msgid] != msgid
        assert sorted(re.findall(r"%\(\w+\)s", msgid)) == sorted(re.findall(r"%\(\w+\)s", entries[msgid])), msgid


def test_fragment_compiles():
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(FRAGMENT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_extract_is_pure_python():
    code = (
        "import sys, gi_wagtail.text.extract;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'django'"
        " or (m.startswith('gi_wagtail.') and not m.startswith('gi_wagtail.text')));"
        "print(bad); sys.exit(bool(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
