"""Blanks and units in the report schema: which cells ``missing`` may name, the
canonical unit of every amount, and the input checks that fill ``missing``,
``units`` and ``units_not_printed`` (see :mod:`gi_wagtail.reports.schema`)."""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from typing import Any

from gi_wagtail.reports.formats import AMOUNT, TABLE_NAMES, FormatSpec
from gi_wagtail.reports.values import UNIT_FACTORS, convert_amount, normalise_unit

FEE_KEYS = ("notices_count", "notices_amount", "collected")
FEE_AMOUNT_KEYS = ("notices_amount", "collected")  # in 元


def cell_addresses(fmt: FormatSpec) -> list[str]:
    """Every address ``missing`` may name in ``fmt``: table cells, fee figures, numeric key figures."""
    out = [f"{t}.{r}.{c}" for t in TABLE_NAMES for r, cols in fmt.cell_keys(t).items() for c in cols]
    if fmt.has_fee_figures:
        out += [f"fees.{k}" for k in FEE_KEYS]
    out += [f"key_figures.{f.key}" for f in fmt.key_figures]
    return out


def amount_units(fmt: FormatSpec) -> dict[str, str]:
    """The canonical unit of every amount of ``fmt``, by address."""
    out = {}
    if fmt.table2 is not None:
        for block in fmt.table2.blocks:
            for col in block.columns:
                if col.kind == AMOUNT:
                    out.update({f"table2.{row.key}.{col.key}": col.unit or "元" for row in block.rows})
    if fmt.has_fee_figures:
        out.update({f"fees.{k}": "元" for k in FEE_AMOUNT_KEYS})
    out.update({f"key_figures.{f.key}": "元" for f in fmt.key_figures if f.kind == AMOUNT})
    return out


def holder(out: dict, address: str) -> tuple[dict, str]:
    """The dict holding ``address`` in a normalised report, and its key there."""
    parts = address.split(".")
    if parts[0] == "tables":
        parts = parts[1:]
    if len(parts) == 3:
        return out["tables"][parts[0]][parts[1]], parts[2]
    return out[parts[0]], parts[1]


def address_list(value: object, key: str, allowed: list[str], problems: list[str]) -> set[str]:
    if value is None:
        return set()
    if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
        problems.append(f"{key}: expected a list of cell addresses")
        return set()
    known = set(allowed)
    for a in value:
        if a.removeprefix("tables.") not in known:
            problems.append(f"{key}: {a!r} is not an address of this format (such as {allowed[0]})")
    return {a.removeprefix("tables.") for a in value} & known


def check_missing(value: object, fmt: FormatSpec, out: dict, missing: set[str], problems: list[str]) -> None:
    """``missing`` = listed + "missing" cells, minus cells that hold a number (known after all)."""
    allowed = cell_addresses(fmt)
    missing |= address_list(value, "missing", allowed, problems) if allowed else set()
    if value and not allowed:
        problems.append(f"missing: format {fmt.code} has no cells")
    known = set()
    for a in missing:
        place, key = holder(out, a)
        if place[key] is not None:
            known.add(a)
    out["missing"] = sorted(missing - known)


def check_units(data: Mapping[str, Any], fmt: FormatSpec, out: dict, problems: list[str]) -> None:
    """Convert amounts declared in another unit to the canonical one; record canonical units."""
    canonical = amount_units(fmt)
    declared = data.get("units") or {}
    if not isinstance(declared, dict):
        problems.append("units: expected an object {amount address or pattern: unit}")
        declared = {}
    names = ", ".join(UNIT_FACTORS)
    for pattern, raw_unit in declared.items():
        matches = [a for a in canonical if fnmatch.fnmatchcase(a, str(pattern).removeprefix("tables."))]
        unit = normalise_unit(raw_unit) if isinstance(raw_unit, str) else None
        if not matches:
            amounts = ", ".join(canonical) or "none"
            problems.append(f"units.{pattern}: not an amount of format {fmt.code} (amounts: {amounts})")
        elif unit is None:
            problems.append(f"units.{pattern}: unknown unit {raw_unit!r} (expected one of: {names})")
        else:
            for a in matches:
                place, key = holder(out, a)
                if place[key] is not None:
                    place[key] = convert_amount(place[key], unit, canonical[a])
    out["units"] = canonical
    out["units_not_printed"] = sorted(
        address_list(data.get("units_not_printed"), "units_not_printed", list(canonical) or ["none"], problems)
    )
