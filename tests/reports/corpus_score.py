"""Score the validator on the frozen corpus of real annual reports (tests/reports/corpus/).

Each ``manifest.json`` lists reports and the inconsistencies found in them by
reading, before the validator was run on them. A known inconsistency is
*flagged* when a finding of the same rule names one of its cells (location or
cells). A *false error* is an error, or a finding that claims a contradiction
(code ``conflict`` or ``unit``), that matches no known inconsistency.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent / "corpus"
CLAIM_CODES = {"conflict", "unit"}


@dataclass
class FileScore:
    file: str
    format: str
    known: int
    flagged: list[dict] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    false_errors: list[Any] = field(default_factory=list)
    incomplete: int = 0  # "incomplete" findings (the noise editors had to read past)
    import_error: str = ""


def entries(corpus: Path = CORPUS) -> Iterator[tuple[Path, dict]]:
    for manifest in sorted(corpus.glob("*/manifest.json")):
        for entry in json.loads(manifest.read_text(encoding="utf-8")):
            yield manifest.parent / entry["file"], entry


def _touches(finding: Any, known: dict) -> bool:
    named = set(getattr(finding, "cells", ()) or ()) | {finding.location}
    return finding.rule == known["rule"] and bool(named & set(known["cells"]))


def is_claim(finding: Any) -> bool:
    """Errors, and warnings that say the report contradicts itself (R12 had no code before issue #17)."""
    code = getattr(finding, "code", "")
    return (
        finding.severity == "error" or code in CLAIM_CODES or (finding.rule == "R12" and finding.severity == "warning")
    )


def score_file(path: Path, entry: dict) -> FileScore:
    from gi_wagtail.reports.parsers import ReportParseError, parse_file
    from gi_wagtail.reports.schema import SchemaError
    from gi_wagtail.reports.validator import validate

    known = entry.get("known", [])
    score = FileScore(entry["file"], entry["format"], len(known))
    try:
        findings = validate(parse_file(path, year=entry.get("year")))
    except (ReportParseError, SchemaError) as exc:
        score.import_error = str(exc)
        score.missed = list(known)
        return score
    for k in known:
        (score.flagged if any(_touches(f, k) for f in findings) else score.missed).append(k)
    score.incomplete = sum(1 for f in findings if getattr(f, "code", "") == "incomplete")
    score.false_errors = [f for f in findings if is_claim(f) and not any(_touches(f, k) for k in known)]
    return score


def score_all(corpus: Path = CORPUS) -> list[FileScore]:
    return [score_file(path, entry) for path, entry in entries(corpus)]
