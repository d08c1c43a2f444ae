"""Split narrative text into title, preamble and numbered sections (一、… 二、…)."""

from __future__ import annotations

import re
import unicodedata

from gi_wagtail.reports.findings import gettext_noop, translate
from gi_wagtail.reports.formats import CATEGORY_NAMES_KEY, PREAMBLE, section_key_for_heading
from gi_wagtail.reports.narrative import extract, first_value

HEADING_RE = re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.．]\s*(\S.{0,40})$")
YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
TITLE_WORDS = ("年度报告", "年报", "工作报告")


def clean_lines(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        line = line.replace("\u3000", " ").replace("\xa0", " ").strip()
        if line:
            out.append(line)
    return out


def is_heading(line: str) -> bool:
    # Headings are short; body paragraphs starting with 一、 are long.
    return bool(HEADING_RE.match(line)) and len(line) <= 45 and not line.endswith(("。", "；"))


def split_outline(text: str) -> dict:
    """Return {title, organisation, year, preamble, sections: [(heading, body)]}."""
    lines = clean_lines(text)
    first = next((i for i, line in enumerate(lines) if is_heading(line)), None)
    head = lines if first is None else lines[:first]
    title_idx = None
    for words in (TITLE_WORDS[:1], TITLE_WORDS):  # prefer 年度报告 over a breadcrumb "年报"
        title_idx = next(
            (i for i, line in enumerate(head[:8]) if any(w in line for w in words) and YEAR_RE.search(line)), None
        )
        if title_idx is not None:
            break
    title = organisation = ""
    year = None
    preamble_lines = head
    if title_idx is not None:
        title = head[title_idx]
        m = YEAR_RE.search(title)
        if m:
            year = int(m.group(1))
            before = title[: m.start()].strip()
            if before:
                organisation = before
        if not organisation and title_idx > 0:
            organisation = " ".join(head[:title_idx]).strip()
        preamble_lines = head[title_idx + 1 :]
    sections = []
    if first is not None:
        heading, body = None, []
        for line in lines[first:]:
            if is_heading(line):
                if heading is not None:
                    sections.append((heading, "\n".join(body)))
                heading, body = line, []
            else:
                body.append(line)
        sections.append((heading, "\n".join(body)))
    if year is None:
        m = YEAR_RE.search("\n".join(preamble_lines))
        year = int(m.group(1)) if m else None
    return {
        "title": title,
        "organisation": organisation,
        "year": year,
        "preamble": "\n".join(preamble_lines),
        "sections": sections,
    }


def keyed_sections(outline: dict) -> dict:
    out = {}
    if outline["preamble"]:
        out[PREAMBLE] = {"heading": "", "text": outline["preamble"]}
    for n, (heading, body) in enumerate(outline["sections"], start=1):
        key = section_key_for_heading(heading) or f"section_{n}"
        if key in out:
            key = f"{key}_{n}"
        out[key] = {"heading": heading, "text": body}
    return out


def preamble_notes(outline: dict) -> list[str]:
    """The 峄城 seed's preamble announces 7 parts but the body has 6 headings."""
    text = unicodedata.normalize("NFKC", outline["preamble"])
    m = re.search(r"本报告由(.+?)(?:组成|构成)?。", text)
    if not m:
        return []
    parts = [p for p in re.split(r"[;；]", m.group(1)) if p.strip()]
    found = len(outline["sections"])
    if len(parts) > 1 and len(parts) != found:
        return [
            translate(
                gettext_noop("The preamble announces %(announced)s parts but the body has %(found)s numbered headings.")
            )
            % {"announced": len(parts), "found": found}
        ]
    return []


def key_figures_from_sections(sections: dict) -> dict:
    """2008-style key figures from what the narrative states (blank when it says nothing)."""
    statements = []
    for key, sec in sections.items():
        if key != PREAMBLE:
            statements.extend(extract(sec["text"], key))
    figures = {
        "proactive_items": first_value(statements, "proactive_items"),
        "catalogue_categories": first_value(statements, "catalogue_categories"),
        CATEGORY_NAMES_KEY: first_value(statements, "catalogue_category_names") or [],
        "requests_received": first_value(statements, "requests_received"),
        "requests_handled": first_value(statements, "handled"),
        "fees_collected": first_value(statements, "fees_collected"),
        "admin_reviews": first_value(statements, "reviews"),
        "lawsuits": first_value(statements, "lawsuits"),
    }
    if first_value(statements, "no_requests"):
        for key in ("requests_received", "requests_handled"):
            if figures[key] is None:
                figures[key] = 0
    return figures


def fees_from_sections(sections: dict) -> dict:
    """2021 fee figures stated in the narrative (section 六); blank when not stated."""
    statements = []
    for key, sec in sections.items():
        if key != PREAMBLE:
            statements.extend(extract(sec["text"], key))
    return {
        "notices_count": first_value(statements, "fee_notices"),
        "collected": first_value(statements, "fees_collected"),
    }
