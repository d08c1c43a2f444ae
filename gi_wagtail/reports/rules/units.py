"""Units of amounts: an amount whose unit the source did not print may be in 元.

The importer reads such an amount in its canonical unit (万元 for table 二)
and lists it in ``units_not_printed``. A figure of 1亿元 or more for one
organisation's procurement or fees is more likely a 元 figure read as 万元
("250000" meant as 250000元 = 25万元), so the editor is asked to check.
"""

from __future__ import annotations

from collections.abc import Iterator

from gi_wagtail.reports.findings import WARNING, Finding, gettext_noop
from gi_wagtail.reports.formats.base import FormatSpec
from gi_wagtail.reports.locations import describe
from gi_wagtail.reports.schema import Report
from gi_wagtail.reports.schema_cells import amount_units, holder
from gi_wagtail.reports.values import convert_amount

# Per canonical unit bigger than 元: the smallest value implausible for one organisation (1亿元).
IMPLAUSIBLE = {"万元": 10000}


def rule_units_not_printed(report: Report, fmt: FormatSpec, previous: Report | None = None) -> Iterator[Finding]:
    """Warn about implausibly large amounts whose unit was not printed (code "unit")."""
    canonical = amount_units(fmt)
    for address in report.get("units_not_printed") or []:
        unit = canonical.get(address)
        if unit not in IMPLAUSIBLE:
            continue  # a 元 figure cannot be a misread smaller unit
        place, key = holder(report, address)
        value = place.get(key)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < IMPLAUSIBLE[unit]:
            continue
        yield Finding(
            "R5",
            WARNING,
            address,
            gettext_noop(
                "%(cell)s: the report prints no unit, so %(value)s was read as %(value)s %(unit)s "
                "(%(yi)s 亿元), which is implausibly large. If the report means 元, this is %(as_yuan)s %(unit)s."
            ),
            {
                "cell": describe(fmt, address),
                "value": value,
                "unit": unit,
                "yi": convert_amount(value, unit, "亿元"),
                "as_yuan": convert_amount(value, "元", unit),
            },
            (address,),
            code="unit",
        )
