"""Generated malformed inputs for the catalogue import and the report commands.

Shared by the Hypothesis tests (``tests/importing/test_fuzz_*.py``, ``tests/reports/test_fuzz_*.py``,
which draw a ``random.Random`` with ``st.randoms()``) and the ``make fuzz`` driver
(``benchmarks/fuzz_imports.py``, which seeds one per input). Every generator takes only
that ``rng``, so a failing input is reproduced from its seed.

A catalogue case mixes valid records with records broken in one place (``expected`` lists
the titles that must be imported; a broken line must never take a valid one with it), or
is a whole file with random byte damage (``expected`` is None: only "no traceback, every
error on a line" holds).
"""

from __future__ import annotations

import csv
import io
import json
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

CATEGORY = "政策法规"  # the category tests.factories.build_catalogue creates
COLUMNS = ["category", "title", "published", "body", "doc_no", "validity", "keywords"]
REPORT_FIXTURES = Path(__file__).resolve().parent / "reports" / "fixtures"

# Text that has broken parsers and messages before: line breaks that fake an error line,
# control characters, NUL (PostgreSQL refuses it), bidi overrides, very long text.
NASTY_TEXT = [
    "\x00",
    "a\x00b",
    "\nfake.csv:1: 导入成功",
    "\r\n",
    "\u2028\u2029",
    "\x1b[31m红\x1b[0m",
    "\u202e反向",
    "\ud7ff\ufeff",
    "标" * 300,
    "'; DROP TABLE x; --",
    "<script>alert(1)</script>",
    "\\",
    '"',
    "",
    " ",
]
NASTY_NUMBERS = [float("nan"), float("inf"), -float("inf"), 2**63, 2**64 + 1, -(2**70), 10**400, 1e308, -1, 0.5, True]
INTERESTING_BYTES = [b"\x00", b"\n", b"\r", b'"', b",", b"{", b"}", b"[", b"<", b">", b"\xff", b"\xe4\xb8", b"\\", b"&"]


@dataclass
class Case:
    name: str  # file name: its extension selects the format
    data: bytes
    expected: list[str] | None  # titles that must be imported; None: anything may fail, nothing may crash
    kind: str = ""  # what was done to the input (shown when a test fails)
    broken: int = 0  # records that must each be reported once (when ``expected`` is set)


# -- catalogue records ---------------------------------------------------------------------------------


def _valid_row(rng: random.Random, number: int, token: str) -> dict:
    row = {
        "category": CATEGORY,
        "title": f"有效记录{token}-{number}",
        "published": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "body": rng.choice(["", "第一段\n第二段", "<p>正文<b>加粗</b></p>", "普通正文"]),
    }
    if rng.random() < 0.5:
        row["doc_no"] = rng.choice(["高科发〔2024〕12号", "高科发[2023]3号", "县政办发（2022）第5号"])
    if rng.random() < 0.3:
        row["validity"] = rng.choice(["有效", "失效", "废止"])
    if rng.random() < 0.3:
        row["keywords"] = "科技，创新"
    return row


def _broken_row(rng: random.Random, number: int, token: str, fmt: str) -> tuple[str, dict | bytes]:
    """(what is wrong, a row dict or the raw bytes of the line) that must be refused on its own line."""
    row = _valid_row(rng, number, "坏" + token)
    choice = rng.randrange(13 if fmt == "jsonl" else 10)
    if choice == 0:
        del row["title"]
        return "no title", row
    if choice == 1:
        row["published"] = rng.choice(["2024-13-45", "明天", "0000-00-00", "\n2024-01-01\nx", "99999999"])
        return "bad date", row
    if choice == 2:
        row["title"] = "长" * rng.randint(256, 400)
        return "long title", row
    if choice == 3:
        row["doc_no"] = rng.choice(["随便写", "高科发2024-12", "发〔1800〕1号", "〔2024〕号", "x\ny〔2024〕1号"])
        return "bad 文号", row
    if choice == 4:
        field = rng.choice(["title", "category", "body", "doc_no", "keywords"])
        row[field] = str(row.get(field) or "x") + rng.choice(["\x00", "a\x00", "\x01", "\x7f", "\x1b"])
        return f"control character in {field}", row
    if choice == 5:
        row["validity"] = rng.choice(["大概有效", "\nfake:1: ok", "valid?"])
        return "bad validity", row
    if choice == 6:
        row["category"] = rng.choice(["不存在的分类", "x\nfake.csv:1: 导入成功", "\u202e分类"])
        return "unknown category", row
    if choice == 7:
        row["topic"] = rng.choice(["没有的主题", "\r\n伪造", "主题" * 50])
        return "unknown topic", row
    if choice == 8:
        row["published"] = ""
        return "no date", row
    if choice == 9:
        row["genre"] = "不存在的体裁\n"
        return "unknown genre", row
    # JSON only
    if choice == 10:
        depth = rng.choice([1000, 5000, 100000])
        return "nested JSON", ("[" * depth + "]" * depth).encode()
    if choice == 11:
        row["title"] = rng.choice([{"a": 1}, ["x"], None])
        return "title not text", row
    return "truncated JSON", json.dumps(row, ensure_ascii=False).encode()[: rng.randint(1, 20)]


def _rows(rng: random.Random, fmt: str) -> tuple[list[tuple[str, dict | bytes]], list[str]]:
    token = f"{rng.randrange(16**6):06x}"
    rows, expected = [], []
    for number in range(rng.randint(1, 12)):
        if rng.random() < 0.5:
            row = _valid_row(rng, number, token)
            rows.append(("valid", row))
            expected.append(row["title"])
        else:
            rows.append(_broken_row(rng, number, token, fmt))
    return rows, expected


def _jsonl(rows: list[tuple[str, dict | bytes]]) -> bytes:
    lines = [row if isinstance(row, bytes) else json.dumps(row, ensure_ascii=False).encode() for _kind, row in rows]
    return b"\n".join(lines) + b"\n"


def _csv(rows: list[tuple[str, dict | bytes]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = COLUMNS + ["topic", "genre"]
    writer.writerow(columns)
    for _kind, row in rows:
        writer.writerow([row.get(name, "") for name in columns])
    return out.getvalue().encode("utf-8")


def _cell_xml(ref: str, value: object) -> str:
    if isinstance(value, tuple):  # (type attribute, raw value): a cell openpyxl cannot convert
        return f'<c r="{ref}" t="{value[0]}"><v>{xml_escape(value[1])}</v></c>'
    text = "".join(ch for ch in str(value) if ch in "\t\n\r" or ord(ch) >= 0x20)  # XML 1.0 has no other controls
    text = "".join(ch for ch in text if not 0xD800 <= ord(ch) <= 0xDFFF and ch not in "\ufffe\uffff")
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{xml_escape(text)}</t></is></c>'


def xlsx_bytes(rows: list[list[object]], sheet_xml: bytes | None = None) -> bytes:
    """A minimal workbook with one sheet of inline strings (``(t, v)`` tuples give raw typed cells)."""
    if sheet_xml is None:
        body = []
        for r, row in enumerate(rows, start=1):
            cells = "".join(_cell_xml(f"{_column(c)}{r}", v) for c, v in enumerate(row, start=1) if v != "")
            body.append(f'<row r="{r}">{cells}</row>')
        sheet_xml = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="A1:{_column(max((len(row) for row in rows), default=1))}{max(len(rows), 1)}"/>'
            f"<sheetData>{''.join(body)}</sheetData></worksheet>"
        ).encode()
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="目录" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>'
        ),
        "xl/sharedStrings.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
            "<si><t>共享</t></si></sst>"
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return out.getvalue()


def _column(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# Cells openpyxl cannot convert: each spoils its own row only.
BAD_XLSX_CELLS = [("s", "9999"), ("s", "x"), ("n", "abc"), ("b", "x"), ("d", "not a date")]


def _xlsx(rng: random.Random, rows: list[tuple[str, dict | bytes]]) -> tuple[bytes, list[str]]:
    columns = COLUMNS + ["topic", "genre"]
    grid, expected = [columns], []
    for kind, row in rows:
        values = [row.get(name, "") for name in columns]
        if kind == "valid":
            expected.append(row["title"])
        elif kind.startswith("control") or rng.random() < 0.5:
            # XML cannot carry control characters: a cell openpyxl cannot convert breaks the row instead
            # (past the last heading, so it is never read as a value).
            values.append(rng.choice(BAD_XLSX_CELLS))
        grid.append(values)
    return xlsx_bytes(grid), expected


def catalogue_case(rng: random.Random, fmt: str) -> Case:
    """One catalogue import file in ``fmt`` (jsonl, csv or xlsx)."""
    rows, expected = _rows(rng, fmt)
    kinds = ",".join(sorted({kind for kind, _row in rows}))
    if fmt == "jsonl":
        data = _jsonl(rows)
    elif fmt == "csv":
        data = _csv(rows)
    else:
        data, expected = _xlsx(rng, rows)
    if rng.random() < 0.3:
        return Case(f"items.{fmt}", _damage(rng, data, fmt), None, "random damage")
    return Case(f"items.{fmt}", data, expected, kinds, broken=len(rows) - len(expected))


def _mutate(rng: random.Random, data: bytes, times: int) -> bytes:
    buf = bytearray(data)
    for _ in range(times):
        position = rng.randrange(len(buf) + 1)
        op = rng.randrange(5)
        if op == 0 and buf:
            del buf[position : position + rng.randint(1, 16)]
        elif op == 1:
            buf[position:position] = rng.choice(INTERESTING_BYTES) * rng.randint(1, 3)
        elif op == 2 and buf:
            start = rng.randrange(len(buf))
            buf[position:position] = buf[start : start + rng.randint(1, 64)]
        elif op == 3 and position < len(buf):
            buf[position] = rng.randrange(256)
        else:
            buf[position:position] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
    return bytes(buf)


def _damage(rng: random.Random, data: bytes, fmt: str) -> bytes:
    """Random byte damage; for XLSX mostly inside the sheet XML (a damaged zip is refused whole)."""
    if fmt != "xlsx" or rng.random() < 0.1:
        return _mutate(rng, data, rng.randint(1, 8))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    return xlsx_bytes([], sheet_xml=_mutate(rng, sheet, rng.randint(1, 6)))


# -- annual reports ------------------------------------------------------------------------------------


def _leaf_paths(value: object, path: tuple = ()) -> list[tuple]:
    if isinstance(value, dict):
        return [p for key, child in value.items() for p in _leaf_paths(child, (*path, key))] or [path]
    return [path]


def _nasty_value(rng: random.Random) -> object:
    pick = rng.randrange(6)
    if pick == 0:
        return rng.choice(NASTY_NUMBERS)
    if pick == 1:
        return rng.choice(NASTY_TEXT)
    if pick == 2:
        depth = rng.choice([10, 3000])
        value: object = 1
        for _ in range(depth):
            value = [value]
        return value
    if pick == 3:
        return rng.choice([None, {}, [], "missing", {"x": 1}, -(2**31)])
    if pick == 4:
        return rng.randint(-(10**20), 10**20)
    return rng.choice([1.5, 1e-300, -0.0, "12", "一百"])


def _one_value(rng: random.Random, report: dict) -> None:
    """One odd value where the report may hold one: a cell, a fee, the title, a section's text."""
    pick = rng.randrange(4)
    if pick == 0 and report.get("tables"):
        path = rng.choice([p for p in _leaf_paths(report["tables"]) if len(p) == 3])
        report["tables"][path[0]][path[1]][path[2]] = rng.choice(NASTY_NUMBERS + [10**15, 2**53, -3])
    elif pick == 1 and report.get("fees"):
        report["fees"][rng.choice(["notices_count", "notices_amount", "collected"])] = rng.choice(NASTY_NUMBERS)
    elif pick == 2:
        report[rng.choice(["title", "organisation", "publish_date"])] = rng.choice(NASTY_TEXT)
    else:
        key = rng.choice(["overview", "x", "\n"])
        report.setdefault("sections", {})[key] = {"heading": rng.choice(NASTY_TEXT), "text": rng.choice(NASTY_TEXT)}


def _report_json(rng: random.Random, report: dict) -> bytes:
    report = json.loads(json.dumps(report))
    if rng.random() < 0.5:
        _one_value(rng, report)
        return json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8", "surrogatepass")
    for _ in range(rng.randint(1, 4)):
        paths = _leaf_paths(report)
        path = rng.choice(paths)
        target = report
        for key in path[:-1]:
            target = target[key]
        if not path:
            break
        op = rng.randrange(4)
        if op == 0:
            del target[path[-1]]
        elif op == 1:
            target[rng.choice(["extra", path[-1] + "x", "\n"])] = _nasty_value(rng)
        else:
            target[path[-1]] = _nasty_value(rng)
    if rng.random() < 0.3:
        report[rng.choice(["title", "organisation"])] = rng.choice(NASTY_TEXT)
    try:
        text = json.dumps(report, ensure_ascii=False, indent=rng.choice([None, 2]))
    except (ValueError, RecursionError):
        text = "{}"
    data = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.2:
        data = _mutate(rng, data, rng.randint(1, 4))
    if rng.random() < 0.05:
        depth = rng.choice([5000, 200000])
        data = b'{"format": "2021", "year": 2021, "tables": ' + b"[" * depth + b"]" * depth + b"}"
    return data


def report_case(rng: random.Random, reports: list[dict]) -> Case:
    """One report file: a mutated JSON report (``reports``: valid report dicts to start from), or damaged HTML/text."""
    pick = rng.random()
    if pick < 0.6:
        return Case("report.json", _report_json(rng, rng.choice(reports)), None, "json")
    seeds = sorted(REPORT_FIXTURES.glob("*.html")) + sorted((REPORT_FIXTURES / "seeds").glob("*.txt"))
    seed = rng.choice(seeds)
    data = seed.read_bytes()
    if rng.random() < 0.5:  # a short piece keeps the parsers quick
        start = rng.randrange(len(data))
        data = data[: rng.randint(200, 4000)] + data[start : start + rng.randint(0, 4000)]
    return Case("report" + seed.suffix, _mutate(rng, data, rng.randint(1, 12)), None, seed.name)
