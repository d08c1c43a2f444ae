"""Small attachment files for the demo, generated in code (no binaries in the repository).

The PDF names the standard Chinese font STSong-Light (Adobe-GB1), which PDF readers
supply themselves, so nothing is embedded. The DOCX is the smallest package Word opens.
The XLSX comes from openpyxl. Benchmarks and the search evaluation use them too.
"""

import zipfile
from io import BytesIO
from xml.sax.saxutils import escape

LINES_PER_PAGE = 32
CHARS_PER_LINE = 38


def _wrapped(lines):
    for line in lines:
        while len(line) > CHARS_PER_LINE:
            yield line[:CHARS_PER_LINE]
            line = line[CHARS_PER_LINE:]
        yield line


def pdf(title, lines):
    """An A4 PDF with a title and paragraphs, in Chinese, on as many pages as they need."""

    def text(value):
        return "<" + value.encode("utf-16-be").hex().upper() + ">"

    wrapped = list(_wrapped(lines))
    chunks = [wrapped[i : i + LINES_PER_PAGE] for i in range(0, len(wrapped), LINES_PER_PAGE)] or [[]]
    pages = []
    for number, chunk in enumerate(chunks):
        rows = [f"BT /F1 18 Tf 72 770 Td {text(title)} Tj ET"] if number == 0 else []
        rows += [f"BT /F1 11 Tf 72 {730 - 20 * n} Td {text(line)} Tj ET" for n, line in enumerate(chunk)]
        pages.append("\n".join(rows).encode("ascii"))
    # 1 catalog, 2 pages, 3 font, 4 CID font, 5 descriptor, then a page and its content per page.
    kids = " ".join(f"{6 + 2 * n} 0 R" for n in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids.encode(), len(pages)),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    for n, stream in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
            b" /Contents %d 0 R >>" % (7 + 2 * n)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def xlsx(title, lines):
    """A workbook with one sheet named after the title; each line is a row of tab-separated cells."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet1"
    for line in lines:
        sheet.append([_cell(value) for value in line.split("\t")])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value):
    try:
        return int(value) if value.strip().isascii() and value.strip().lstrip("-").isdigit() else value
    except ValueError:
        return value


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def docx(title, lines):
    """A Word document with a bold title and one paragraph per line."""
    paragraphs = [f"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{escape(title)}</w:t></w:r></w:p>"]
    paragraphs += [f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in lines]
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}"><w:body>'
        + "".join(paragraphs)
        + "</w:body></w:document>"
    )
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
    return out.getvalue()
