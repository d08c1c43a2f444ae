"""Admin editing of report tables as a real grid: one input per cell, blank = null."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.datastructures import MultiValueDict
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from gi_wagtail.reports.findings import Finding
from gi_wagtail.reports.formats import CATEGORY_NAMES_KEY, TABLE_NAMES, get_format
from gi_wagtail.reports.locations import describe
from gi_wagtail.reports.prefill import is_register_provenance
from gi_wagtail.reports.render import display, filled_layout
from gi_wagtail.reports.schema import empty_report
from gi_wagtail.reports.values import CellValueError, parse_cell

TABLE_FORMATS = ("2019", "2021")
FORMAT_KEY = "__format__"
# Cells not known (an import could not read them) are kept in the tables JSON under this key, apart from
# printed blanks (None, not listed). A cell stays "not known" while its input is empty; typing a value, or
# ticking "printed blank", makes it known and drops it from the list.
MISSING_KEY = "missing"
# Amounts imported without a printed unit; kept while the editor leaves the figure unchanged.
UNITS_KEY = "units_not_printed"
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
# The request register's admin listing (its ViewSet's index URL); it filters by ``cell``.
REGISTER_INDEX_URL = "gi_wagtail_requests:index"


def register_listing_url(address: str, query: Mapping[str, Any]) -> str:
    """The admin listing of the requests behind a table 三 cell, or "" before the register's admin exists."""
    if not address.startswith("table3."):
        return ""
    try:
        base = reverse(REGISTER_INDEX_URL)
    except NoReverseMatch:
        return ""
    return f"{base}?{urlencode({**query, 'cell': address})}"


def _missing_list(value: object) -> list[str]:
    if isinstance(value, str):
        try:
            value = json.loads(value or "[]")
        except ValueError:
            return []
    return [a for a in value if isinstance(a, str)] if isinstance(value, list) else []


def _as_dict(value: object) -> dict[str, Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value or "{}")
        except ValueError:
            return {}
    return value if isinstance(value, dict) else {}


class ReportTablesWidget(forms.Widget):
    """Renders the official layouts of every table format; the format select picks the grid used."""

    template_name = "gi_wagtail/admin/reports/tables_widget.html"
    format_field = "report_format"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.current_format = "2021"
        self.findings: tuple[Finding, ...] | list[Finding] = ()
        self.provenance: dict[str, str] = {}
        self.register_query: dict[str, Any] = {}

    class Media:
        js = ["gi_wagtail/reports/report_editor.js"]
        css = {"all": ["gi_wagtail/reports/report_editor.css"]}

    def input_name(self, name: str, code: str, address: str) -> str:
        return f"{name}__{code}__{address.replace('.', '__')}"

    def blank_name(self, name: str, address: str) -> str:
        return f"{name}__printed_blank__{address.replace('.', '__')}"

    def get_context(self, name: str, value: object, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        value = _as_dict(value)
        missing = _missing_list(value.get(MISSING_KEY))
        grids = []
        for code in TABLE_FORMATS:
            skeleton = empty_report(code, 2000)
            findings = self.findings if code == self.current_format else ()
            tables = []
            for table in TABLE_NAMES:
                layout = filled_layout(skeleton, table, findings)
                stored = value.get(table) or {}
                for row in layout["body"]:
                    for cell in row:
                        if not cell["address"]:
                            continue
                        row_key, col_key = cell["address"]
                        raw = (stored.get(row_key) or {}).get(col_key)
                        cell["text"] = raw if isinstance(raw, str) else display(raw)
                        cell["input_name"] = self.input_name(name, code, cell["location"])
                        cell["provenance"] = (
                            self.provenance.get(cell["location"], "") if code == self.current_format else ""
                        )
                        cell["provenance_url"] = (
                            register_listing_url(cell["location"], self.register_query)
                            if is_register_provenance(cell["provenance"])
                            else ""
                        )
                        ordered = sorted(cell["findings"], key=lambda f: SEVERITY_ORDER.get(f.severity, 3))
                        cell["messages"] = [f.message for f in ordered]  # errors first
                        cell["label"] = describe(get_format(code), cell["location"])
                        cell["missing"] = (
                            code == self.current_format and cell["location"] in missing and not cell["text"]
                        )
                        cell["blank_name"] = self.blank_name(name, cell["location"])
                tables.append(layout)
            grids.append({"code": code, "tables": tables, "active": code == self.current_format})
        context["widget"]["grids"] = grids
        context["widget"]["format_field"] = self.format_field
        context["widget"]["missing"] = missing
        context["widget"]["missing_name"] = f"{name}__{MISSING_KEY}"
        context["widget"]["missing_json"] = json.dumps(missing)
        context["widget"]["units_name"] = f"{name}__{UNITS_KEY}"
        context["widget"]["units_json"] = json.dumps(
            {a: display(_value_at(value, a)) for a in _missing_list(value.get(UNITS_KEY))}
        )
        return context

    def value_from_datadict(self, data: Mapping[str, Any], files: MultiValueDict, name: str) -> dict[str, Any]:
        code = data.get(self.format_field)
        if code not in TABLE_FORMATS:
            return {FORMAT_KEY: code}
        out = {FORMAT_KEY: code}
        fmt = get_format(code)
        for table in TABLE_NAMES:
            out[table] = {
                row: {col: data.get(self.input_name(name, code, f"{table}.{row}.{col}"), "") for col in cols}
                for row, cols in fmt.cell_keys(table).items()
            }
        # Still not known: listed before, input still empty and not ticked as printed blank.
        out[MISSING_KEY] = [
            a
            for a in _missing_list(data.get(f"{name}__{MISSING_KEY}"))
            if a.split(".")[0] in TABLE_NAMES
            and not str(data.get(self.input_name(name, code, a), "") or "").strip()
            and not data.get(self.blank_name(name, a))
        ]
        try:
            shown = json.loads(data.get(f"{name}__{UNITS_KEY}") or "{}")
        except ValueError:
            shown = {}
        out[UNITS_KEY] = [
            a
            for a, text in (shown.items() if isinstance(shown, dict) else ())
            if isinstance(a, str)
            and a.split(".")[0] in TABLE_NAMES
            and str(data.get(self.input_name(name, code, a), "") or "").strip() == str(text)
        ]
        return out

    def value_omitted_from_data(self, data: Mapping[str, Any], files: MultiValueDict, name: str) -> bool:
        return False


def _value_at(tables: dict[str, Any], address: str) -> object:
    parts = address.split(".")
    if len(parts) != 3:
        return None
    table, row, col = parts
    return ((tables.get(table) or {}).get(row) or {}).get(col)


def _blank_in(tables: dict[str, Any], address: str) -> bool:
    parts = address.split(".")
    if len(parts) != 3:
        return False
    table, row, col = parts
    row_values = (tables.get(table) or {}).get(row) or {}
    return col in row_values and row_values[col] is None


class ReportTablesField(forms.Field):
    widget = ReportTablesWidget

    def to_python(self, value: object) -> dict[str, Any]:
        value = _as_dict(value)
        code = value.pop(FORMAT_KEY, None)
        if code not in TABLE_FORMATS:
            return {} if code else value
        fmt = get_format(code)
        out, problems = {}, []
        for table in TABLE_NAMES:
            out[table] = {}
            for row, cols in fmt.cell_keys(table).items():
                out[table][row] = {}
                for col in cols:
                    raw = ((value.get(table) or {}).get(row) or {}).get(col)
                    column = fmt.column_def(table, row, col)
                    try:
                        out[table][row][col] = parse_cell(raw, column.kind, column.unit)
                    except CellValueError as exc:
                        out[table][row][col] = None
                        problems.append(f"{describe(fmt, f'{table}.{row}.{col}')}: {exc}")
        if problems:
            raise ValidationError([_("Cell %(cell)s") % {"cell": p} for p in problems[:20]])
        missing = [a for a in _missing_list(value.get(MISSING_KEY)) if _blank_in(out, a)]
        if missing:
            out[MISSING_KEY] = missing
        unprinted = [a for a in _missing_list(value.get(UNITS_KEY)) if _value_at(out, a) is not None]
        if unprinted:
            out[UNITS_KEY] = unprinted
        return out

    def prepare_value(self, value: object) -> dict[str, Any]:
        return _as_dict(value)

    def has_changed(self, initial: object, data: object) -> bool:
        try:
            return _as_dict(initial) != self.to_python(data)
        except ValidationError:
            return True


class KeyFiguresWidget(forms.Widget):
    template_name = "gi_wagtail/admin/reports/key_figures_widget.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.provenance: dict[str, str] = {}
        self.findings: tuple[Finding, ...] | list[Finding] = ()

    def get_context(self, name: str, value: object, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        value = _as_dict(value)
        rows = []
        for fig in get_format("2008").key_figures:
            raw = value.get(fig.key)
            location = f"key_figures.{fig.key}"
            rows.append(
                {
                    "label": fig.label,
                    "name": f"{name}__{fig.key}",
                    "text": raw if isinstance(raw, str) else display(raw),
                    "provenance": self.provenance.get(location, ""),
                    "messages": [f.message for f in self.findings if f.location == location],
                }
            )
        names = value.get(CATEGORY_NAMES_KEY) or []
        context["widget"]["rows"] = rows
        context["widget"]["names_name"] = f"{name}__{CATEGORY_NAMES_KEY}"
        context["widget"]["names_text"] = names if isinstance(names, str) else "、".join(names)
        return context

    def value_from_datadict(self, data: Mapping[str, Any], files: MultiValueDict, name: str) -> dict[str, Any]:
        out = {fig.key: data.get(f"{name}__{fig.key}", "") for fig in get_format("2008").key_figures}
        out[CATEGORY_NAMES_KEY] = data.get(f"{name}__{CATEGORY_NAMES_KEY}", "")
        return out

    def value_omitted_from_data(self, data: Mapping[str, Any], files: MultiValueDict, name: str) -> bool:
        return False


class KeyFiguresField(forms.Field):
    widget = KeyFiguresWidget

    def to_python(self, value: object) -> dict[str, Any]:
        value = _as_dict(value)
        out, problems = {}, []
        for fig in get_format("2008").key_figures:
            try:
                out[fig.key] = parse_cell(value.get(fig.key), fig.kind, "元")
            except CellValueError as exc:
                out[fig.key] = None
                problems.append(f"{fig.label}: {exc}")
        names = value.get(CATEGORY_NAMES_KEY) or []
        if isinstance(names, str):
            names = [n.strip() for n in names.replace(",", "、").replace("，", "、").split("、") if n.strip()]
        out[CATEGORY_NAMES_KEY] = names
        if problems:
            raise ValidationError(problems)
        return out

    def prepare_value(self, value: object) -> dict[str, Any]:
        return _as_dict(value)

    def has_changed(self, initial: object, data: object) -> bool:
        try:
            return _as_dict(initial) != self.to_python(data)
        except ValidationError:
            return True
