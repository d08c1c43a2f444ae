"""JSON data schema of an annual report, with shape checks and (de)serialisation.

Shape (every key except ``format`` and ``year`` is optional on input; the
normalised form always has all of them)::

    {
      "format": "2008" | "2019" | "2021",   # template version, explicit
      "year": 2021,                          # report year (统计期限 = calendar year)
      "organisation": "高青县科学技术局",
      "title": "2021年政府信息公开工作年度报告",
      "publish_date": "2022-01-28" | null,   # ISO dates
      "filed_date": "2022-01-20" | null,     # filed with the 主管部门
      "sections": {                          # ordered narrative sections
        "general": {"heading": "一、总体情况", "text": "..."},
        ...                                  # canonical keys, see formats.sections
      },
      "tables": {                            # 2019 / 2021 only
        "table2": {row_key: {col_key: number | null}},
        "table3": {row_key: {col_key: int | null}},     # 23 / 25 rows x 7 columns
        "table4": {"cases": {col_key: int | null}}     # 15 columns
      },
      "fees": {                              # 2021 only (section 六)
        "notices_count": int | null, "notices_amount": number | null,
        "collected": number | null, "text": ""  # amounts in yuan
      },
      "key_figures": {                       # 2008 only
        "proactive_items": int | null, "catalogue_categories": int | null,
        "catalogue_category_names": [str], "requests_received": int | null,
        "requests_handled": int | null, "fees_collected": number | null,
        "admin_reviews": int | null, "lawsuits": int | null
      },
      "provenance": {"table2.normative_docs.issued": "text"},  # where prefilled figures came from
      "notes": ["importer remarks"],
      "missing": ["table3.carried_out.total"],  # cells not known (import could not read them)
      "units": {"table2.procurement.amount": "万元"},  # the unit of every amount held
      "units_not_printed": ["table2.procurement.amount"]  # amounts whose source printed no unit
    }

Blanks: ``null`` is kept distinct from ``0``. A ``null`` cell whose address is
in ``missing`` is *not known* (cut off, not transcribed, unreadable); a ``null``
cell not in ``missing`` is a *printed blank*. On input a cell (or a whole row
or table) may be the string ``"missing"``: it becomes ``null`` and its
address(es) join ``missing``. A cell listed in ``missing`` that holds a number
is known after all and is dropped from ``missing``. ``missing`` is sorted and
unique; its addresses are table cells (``table3.received.total``), fee figures
(``fees.collected``) or key figures (``key_figures.fees_collected``).

Units: amounts are held in a fixed canonical unit per format (2019 table 二
采购总金额 and 2021 table 二 本年收费金额 in 万元; fees and 2008 fees_collected in
元); the normalised ``units`` always lists all of them. On input ``units`` may
declare another unit for an address or a glob pattern (``"table2.*.amount":
"元"``); the value is converted (Decimal arithmetic) and the canonical unit
written. Known units: 元, 千元, 万元, 亿元. ``units_not_printed`` lists amounts
whose source printed no unit (the importer assumed the canonical one).

Row and column keys are listed in :mod:`gi_wagtail.reports.formats`. Numbers must be JSON numbers;
whether they are non-negative integers is checked by the validator (rule 5) so
that editors see it next to the cell.
"""

from __future__ import annotations

import copy
import datetime
import json
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

from gi_wagtail.reports.formats import CATEGORY_NAMES_KEY, FORMAT_CODES, TABLE_NAMES, get_format
from gi_wagtail.reports.schema_cells import (
    FEE_KEYS,
    check_missing,
    check_units,
)

# On input, a cell (row, table) that is not known.
MISSING = "missing"
# A report in this shape (the normalised form after validate_shape).
Report: TypeAlias = dict[str, Any]

TOP_KEYS = {
    "format",
    "year",
    "organisation",
    "title",
    "publish_date",
    "filed_date",
    "sections",
    "tables",
    "fees",
    "key_figures",
    "provenance",
    "notes",
    "missing",
    "units",
    "units_not_printed",
}


class SchemaError(ValueError):
    """The data does not have the report shape. ``problems`` lists every issue."""

    def __init__(self, problems: str | Iterable[str]) -> None:
        if isinstance(problems, str):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


# The largest number a report cell or fee may hold (the page stores amounts with 14 digits, 2 decimals).
MAX_NUMBER = 10**12 - 1
MAX_TITLE = 255
# Characters no stored text may hold (PostgreSQL refuses NUL and lone surrogates in JSON).
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _is_number(v: object) -> bool:
    """A finite number within what the page stores (NaN, infinities and huge integers are not)."""
    if isinstance(v, bool):
        return False
    if isinstance(v, int):
        return abs(v) <= MAX_NUMBER
    return isinstance(v, float) and math.isfinite(v) and abs(v) <= MAX_NUMBER


def _text_problems(value: object, path: str, problems: list[str], depth: int = 0) -> None:
    """Every string (and key) with a control character or a lone surrogate, by its path."""
    if depth > 20:
        return
    if isinstance(value, str):
        found = _FORBIDDEN.search(value)
        if found:
            problems.append(f"{path or 'report'}: contains the control character {found.group()!a}")
    elif isinstance(value, dict):
        for key, child in value.items():
            child_path = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and _FORBIDDEN.search(key):
                problems.append(f"{path or 'report'}: a key contains the control character {ascii(key)[:40]}")
                continue
            _text_problems(child, child_path, problems, depth + 1)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            _text_problems(child, f"{path}.{index}" if path else str(index), problems, depth + 1)


def _check_date(value: object, path: str, problems: list[str]) -> str | None:
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        problems.append(f"{path}: {value!r} is not a date in YYYY-MM-DD form")
        return None


def _check_grid(
    name: str,
    value: object,
    expected: Mapping[str, tuple[str, ...]],
    problems: list[str],
    fmt_code: str,
    missing: set[str],
) -> dict[str, dict[str, Any]]:
    """expected: {row_key: (col_keys...)}; returns a full grid (absent -> None, "missing" -> None + ``missing``)."""
    grid = {row: dict.fromkeys(cols) for row, cols in expected.items()}
    if value is None:
        return grid
    if value == MISSING:
        missing.update(f"{name}.{r}.{c}" for r, cols in expected.items() for c in cols)
        return grid
    if not isinstance(value, dict):
        problems.append(f"tables.{name}: expected an object of rows, got {type(value).__name__}")
        return grid
    if name == "table4" and value and "cases" not in value and set(value) <= set(expected["cases"]):
        value = {"cases": value}  # accept the flat form
    for row_key, row in value.items():
        if row_key not in expected:
            problems.append(
                f"tables.{name}.{row_key}: unknown row for format {fmt_code} (expected one of: {', '.join(expected)})"
            )
            continue
        if row is None:
            continue
        if row == MISSING:
            missing.update(f"{name}.{row_key}.{c}" for c in expected[row_key])
            continue
        if not isinstance(row, dict):
            problems.append(f"tables.{name}.{row_key}: expected an object of cells")
            continue
        for col_key, cell in row.items():
            path = f"tables.{name}.{row_key}.{col_key}"
            if col_key not in expected[row_key]:
                problems.append(f"{path}: unknown column (expected one of: {', '.join(expected[row_key])})")
            elif cell == MISSING:
                missing.add(path.removeprefix("tables."))
            elif cell is not None and not _is_number(cell):
                problems.append(f'{path}: expected a number or null (or "missing"), got {cell!r}'[:200])
            else:
                grid[row_key][col_key] = cell
    return grid


def validate_shape(data: object) -> Report:
    """Check the report shape and return a normalised deep copy.

    Raises SchemaError listing every problem found.
    """
    if not isinstance(data, dict):
        raise SchemaError(f"a report must be a JSON object, got {type(data).__name__}")
    problems: list[str] = []
    missing: set[str] = set()
    _text_problems(data, "", problems)
    unknown = set(data) - TOP_KEYS
    if unknown:
        problems.append(f"unknown top-level keys: {', '.join(sorted(unknown))}")
    code = str(data.get("format", ""))
    if code not in FORMAT_CODES:
        raise SchemaError(problems + [f"format: must be one of {', '.join(FORMAT_CODES)}, got {data.get('format')!r}"])
    fmt = get_format(code)
    year = data.get("year")
    if isinstance(year, str) and year.isdigit():
        year = int(year)
    if not isinstance(year, int) or isinstance(year, bool) or not 1990 <= year <= 2100:
        problems.append(f"year: expected a year between 1990 and 2100, got {data.get('year')!r}")
    out = {
        "format": code,
        "year": year,
        "organisation": "",
        "title": "",
        "publish_date": _check_date(data.get("publish_date"), "publish_date", problems),
        "filed_date": _check_date(data.get("filed_date"), "filed_date", problems),
        "sections": {},
        "provenance": {},
        "notes": [],
    }
    for key in ("organisation", "title"):
        value = data.get(key) or ""
        if not isinstance(value, str):
            problems.append(f"{key}: expected text")
        elif len(value.strip()) > MAX_TITLE:
            problems.append(f"{key}: longer than {MAX_TITLE} characters")
        else:
            out[key] = value.strip()

    sections = data.get("sections") or {}
    if not isinstance(sections, dict):
        problems.append("sections: expected an object {key: {heading, text}}")
    else:
        for key, sec in sections.items():
            if isinstance(sec, str):
                sec = {"heading": "", "text": sec}
            if (
                not isinstance(sec, dict)
                or set(sec) - {"heading", "text"}
                or not all(isinstance(sec.get(k, ""), str) for k in ("heading", "text"))
            ):
                problems.append(f"sections.{key}: expected {{'heading': text, 'text': text}}")
                continue
            out["sections"][str(key)] = {"heading": sec.get("heading", ""), "text": sec.get("text", "")}

    tables = data.get("tables")
    if fmt.has_tables:
        if tables is not None and not isinstance(tables, dict):
            problems.append("tables: expected an object")
            tables = {}
        tables = tables or {}
        for name in set(tables) - set(TABLE_NAMES):
            problems.append(f"tables.{name}: unknown table (expected table2, table3, table4)")
        out["tables"] = {
            name: _check_grid(name, tables.get(name), fmt.cell_keys(name), problems, code, missing)
            for name in TABLE_NAMES
        }
    else:
        if tables:
            problems.append(f"tables: format {code} is free text and has no tables")
        out["tables"] = {}

    fees = data.get("fees")
    if fmt.has_fee_figures:
        out["fees"] = dict.fromkeys(FEE_KEYS) | {"text": ""}
        if fees is not None:
            if not isinstance(fees, dict):
                problems.append("fees: expected an object")
            else:
                for k, v in fees.items():
                    if k == "text":
                        if not isinstance(v, str):
                            problems.append("fees.text: expected text")
                        else:
                            out["fees"]["text"] = v
                    elif k not in FEE_KEYS:
                        problems.append(f"fees.{k}: unknown key (expected {', '.join(FEE_KEYS)}, text)")
                    elif v == MISSING:
                        missing.add(f"fees.{k}")
                    elif v is not None and not _is_number(v):
                        problems.append(f"fees.{k}: expected a number or null, got {v!r}"[:200])
                    else:
                        out["fees"][k] = v
    elif fees:
        problems.append("fees: only the 2021 format has fee figures (use key_figures for 2008)")

    figures = data.get("key_figures")
    if fmt.key_figures:
        out["key_figures"] = {f.key: None for f in fmt.key_figures} | {CATEGORY_NAMES_KEY: []}
        if figures is not None:
            if not isinstance(figures, dict):
                problems.append("key_figures: expected an object")
            else:
                known = {f.key for f in fmt.key_figures}
                for k, v in figures.items():
                    if k == CATEGORY_NAMES_KEY:
                        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                            problems.append(f"key_figures.{k}: expected a list of names")
                        else:
                            out["key_figures"][k] = list(v)
                    elif k not in known:
                        problems.append(
                            f"key_figures.{k}: unknown figure (expected one of: {', '.join(sorted(known))})"
                        )
                    elif v == MISSING:
                        missing.add(f"key_figures.{k}")
                    elif v is not None and not _is_number(v):
                        problems.append(f"key_figures.{k}: expected a number or null, got {v!r}"[:200])
                    else:
                        out["key_figures"][k] = v
    elif figures:
        problems.append("key_figures: only the free-text 2008 format has key figures")

    prov = data.get("provenance") or {}
    if not isinstance(prov, dict) or not all(isinstance(v, str) for v in prov.values()):
        problems.append("provenance: expected an object {cell address: text}")
    else:
        out["provenance"] = {str(k): v for k, v in prov.items()}
    notes = data.get("notes") or []
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        problems.append("notes: expected a list of text")
    else:
        out["notes"] = list(notes)
    if not problems:
        check_missing(data.get("missing"), fmt, out, missing, problems)
        check_units(data, fmt, out, problems)
    if problems:
        raise SchemaError(problems)
    return out


def load_report(source: str | bytes | bytearray | Mapping[str, Any]) -> Report:
    """Parse JSON text/bytes (or take a dict) and return the normalised report."""
    if isinstance(source, (bytes, bytearray)):
        try:
            source = source.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SchemaError(f"report JSON must be UTF-8 encoded ({exc.reason} at byte {exc.start})") from None
    if isinstance(source, str):
        try:
            source = json.loads(source)
        except json.JSONDecodeError as exc:
            raise SchemaError(f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    return validate_shape(source)


def dump_report(report: Report, indent: int | None = 2) -> str:
    return json.dumps(report, ensure_ascii=False, indent=indent)


def empty_report(format: str, year: int, organisation: str = "") -> Report:
    """A complete report skeleton: all cells null, official section headings."""
    fmt = get_format(format)
    data = {
        "format": fmt.code,
        "year": year,
        "organisation": organisation,
        "sections": {s.key: {"heading": s.heading, "text": ""} for s in fmt.sections},
    }
    return validate_shape(data)


def get_cell(report: Report, address: str) -> int | float | None:
    """Value at a cell address such as ``table3.received.total``."""
    table, row, col = address.split(".")
    return report["tables"][table][row][col]


def set_cell(report: Report, address: str, value: int | float | None) -> Report:
    """Return a copy of the report with one cell changed."""
    new = copy.deepcopy(report)
    table, row, col = address.split(".")
    new["tables"][table][row][col] = value
    if value is not None and address in (new.get("missing") or []):
        new["missing"] = [a for a in new["missing"] if a != address]
    return new
