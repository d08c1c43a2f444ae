"""Attachments built in memory for the extraction tests: real DOCX/XLSX/PDF, and hostile ones.

No fixture files and no fonts: the PDF carries a Type0 font that is only named (not embedded) with a
ToUnicode CMap, which is all a text extractor needs to read its Chinese back.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import docx
import openpyxl
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml


def make_pdf(
    pages: list[list[str]], *, compress: bool = True, contents: dict[int, bytes] | None = None, form: bytes = b""
) -> bytes:
    """A valid PDF, one list of lines per page, every character drawn through CID = its UTF-16 code.

    ``contents`` replaces the content stream of some pages; ``form`` is a form XObject /X1 every page may draw.
    """
    chars = sorted({c for page in pages for line in page for c in line})
    bfchars = []
    for start in range(0, len(chars), 100):  # at most 100 entries per bfchar block
        chunk = chars[start : start + 100]
        bfchars += [f"{len(chunk)} beginbfchar", *(f"<{ord(c):04X}> <{ord(c):04X}>" for c in chunk), "endbfchar"]
    cmap = "\n".join(
        [
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
            "1 begincodespacerange <0000> <FFFF> endcodespacerange",
            *bfchars,
            "endcmap CMapName currentdict /CMap defineresource pop end end",
        ]
    ).encode()

    def stream(data: bytes, extra: bytes = b"") -> bytes:
        if compress:
            data, extra = zlib.compress(data), extra + b" /Filter /FlateDecode"
        return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"

    kids = " ".join(f"{7 + 2 * i} 0 R" for i in range(len(pages)))
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        3: b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H"
        b" /DescendantFonts [4 0 R] /ToUnicode 6 0 R >>",
        4: b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /STSong-Light"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        b" /FontDescriptor 5 0 R /DW 1000 /CIDToGIDMap /Identity >>",
        5: b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -200 1000 900]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
        6: stream(cmap),
    }
    resources = "/Font << /F1 3 0 R >>"
    if form:
        number = 7 + 2 * len(pages)
        head = b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources %d 0 R" % (number + 1)
        objects[number] = stream(form, head)
        objects[number + 1] = b"<< /Font << /F1 3 0 R >> >>"
        resources += f" /XObject << /X1 {number} 0 R >>"
    for i, lines in enumerate(pages):
        ops = ["BT", "/F1 12 Tf", "72 760 Td", "16 TL"]
        ops += [f"<{''.join(f'{ord(c):04X}' for c in line)}> Tj T*" for line in lines]
        ops.append("ET")
        objects[7 + 2 * i] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
            f" /Resources << {resources} >> /Contents {8 + 2 * i} 0 R >>"
        ).encode()
        objects[8 + 2 * i] = stream((contents or {}).get(i, "\n".join(ops).encode()))
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref, size = len(out), max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def encrypt_pdf(pdf: bytes, *, user_password: str, owner_password: str = "owner") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    # RC4 is built into pypdf (AES would need the cryptography package).
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


_TEXT_BOX = """
<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
     xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
     xmlns:v="urn:schemas-microsoft-com:vml">
  <mc:AlternateContent>
    <mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>
      <w:p><w:r><w:t>{text}</w:t></w:r></w:p>
    </w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>
    <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
      <w:p><w:r><w:t>{text}</w:t></w:r></w:p>
    </w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
  </mc:AlternateContent>
</w:r>"""

_CONTENT_CONTROL = """
<w:sdt xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:sdtContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:sdtContent>
</w:sdt>"""


_FOOTNOTES = """<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def make_docx(
    paragraphs: list[str],
    table: list[list[str]] | None = None,
    *,
    header: str = "",
    footer: str = "",
    text_box: str = "",
    content_control: str = "",
    after_table: str = "",
    footnote: str = "",
    comment: str = "",
) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if comment:
        document.add_comment(document.paragraphs[0].runs, text=comment, author="审核人")
    if footnote:  # python-docx writes no footnotes: add the part as Word lays it out
        xml = _FOOTNOTES.format(text=footnote).encode()
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml, document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES)
    if text_box:
        document.add_paragraph("")._p.append(parse_xml(_TEXT_BOX.format(text=text_box)))
    if content_control:
        document.element.body.sectPr.addprevious(parse_xml(_CONTENT_CONTROL.format(text=content_control)))
    if table:
        grid = document.add_table(rows=len(table), cols=max(len(row) for row in table))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    if after_table:
        document.add_paragraph(after_table)
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    sheet.cell(r, c, value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def zeros_deflated(megabytes: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``megabytes`` MiB of zeros, built from one repeated block (never inflated)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    compressor.compress(b"\0" * (1 << 20))
    compressor.flush(zlib.Z_FULL_FLUSH)
    # After a full flush the compressor holds no history: each further MiB compresses to the same block.
    block = compressor.compress(b"\0" * (1 << 20)) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc, mib = 0, b"\0" * (1 << 20)
    for _ in range(megabytes):
        crc = zlib.crc32(mib, crc)
    return block * megabytes + compressor.flush(), crc


def raw_zip(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A ZIP from (name, deflated data, crc, uncompressed size declared in both headers, method)."""
    out, central = bytearray(), bytearray()
    for name, data, crc, size, method in members:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack(
            "<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, len(data), size, len(encoded), 0
        )
        out += encoded + data
        central += struct.pack(
            "<4sHHHHHHIIIHHHHHII",
            b"PK\x01\x02",
            20,
            20,
            0,
            method,
            0,
            0x21,
            crc,
            len(data),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += encoded
    start = len(out)
    out += central
    out += struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), start, 0)
    return bytes(out)


def stored(name: str, data: bytes) -> tuple[str, bytes, int, int, int]:
    return name, data, zlib.crc32(data), len(data), zipfile.ZIP_STORED


DOCX_SKELETON = [
    stored(
        "[Content_Types].xml",
        b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument'
        b'.wordprocessingml.document.main+xml"/></Types>',
    ),
    stored(
        "_rels/.rels",
        b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/officeDocument"/></Relationships>',
    ),
]


def docx_bomb(megabytes: int, *, declared: int | None = None) -> bytes:
    """A DOCX whose word/document.xml inflates to ``megabytes`` MiB of zeros; ``declared`` lies about it."""
    data, crc = zeros_deflated(megabytes)
    size = megabytes << 20 if declared is None else declared
    return raw_zip([*DOCX_SKELETON, ("word/document.xml", data, crc, size, zipfile.ZIP_DEFLATED)])


def ole_file(*streams: str, size: int = 4096) -> bytes:
    """The start of an OLE2 compound file whose directory names ``streams`` (what Office writes for .doc/.xls)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHH", 0x3E, 3, 0xFFFE)
    directory = b"".join(
        (name.encode("utf-16-le") + b"\0\0").ljust(64, b"\0") + struct.pack("<H", 2 * len(name) + 2) + b"\x02"
        for name in ("Root Entry", *streams)
    )
    return (header.ljust(512, b"\0") + directory).ljust(size, b"\0")


def with_last_stream(pdf: bytes, body: bytes) -> bytes:
    """``pdf`` (built uncompressed) with its last content stream replaced; readers rebuild the stale xref."""
    start = pdf.rfind(b"<< /Length")
    end = pdf.rfind(b"\nendstream")
    return pdf[:start] + b"<< /Length %d >>\nstream\n" % len(body) + body + pdf[end:]
