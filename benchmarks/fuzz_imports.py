"""Fuzz the catalogue import and the report commands with generated malformed files.

    python benchmarks/fuzz_imports.py [--n 10000] [--database-url postgres://…/gi_fuzz] \
        [--surfaces csv,jsonl,xlsx,report-import,report-validate] [--seed 1] [--failures DIR]

Each input runs the real management command (``gi_wagtail_import --publish``,
``gi_wagtail_import_report``, ``gi_wagtail_check_report``) in a transaction that is rolled
back, on a fresh test database (``test_<name>`` of ``--database-url``, created and dropped
like the test suite's; SQLite in a temporary directory by default). The inputs come from
``tests/fuzz_inputs.py``, the same generators the Hypothesis tests draw from; input ``i``
of a surface is reproducible from ``--seed`` and ``i``.

Prints one row per surface: inputs tried, tracebacks (any exception other than the
command's own error exit), errors without a ``file:line:`` and seconds. Exits 1 when any
surface had a traceback or an error without its line. ``--failures DIR`` keeps the inputs
that failed.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SURFACES = ("csv", "jsonl", "xlsx", "report-import", "report-validate")
SUMMARY = re.compile(r"^\d+ ")  # the catalogue import's closing "N record(s) failed …"


def setup_django(database_url: str | None) -> None:
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='gi_fuzz_')}/fuzz.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    import django

    django.setup()


def run_command(args: list[str]) -> tuple[str, str | None]:
    """("ok" | "error" | "findings" | "traceback", the error text) of one command run, rolled back afterwards."""
    from django.core.management import CommandError, call_command
    from django.db import transaction

    out, err = io.StringIO(), io.StringIO()
    try:
        with transaction.atomic():
            try:
                call_command(*args, stdout=out, stderr=err)
            finally:
                transaction.set_rollback(True)
    except CommandError as exc:
        return "error", err.getvalue() + str(exc)
    except SystemExit as exc:
        # gi_wagtail_check_report: exit 1 when the (readable) report has validation errors
        return ("findings", err.getvalue()) if exc.code == 1 else ("traceback", f"SystemExit({exc.code})")
    except BaseException as exc:  # what the fuzzer looks for
        if isinstance(exc, KeyboardInterrupt):
            raise
        return "traceback", traceback.format_exc()
    return "ok", err.getvalue()


def unlocated(path: Path, text: str | None) -> list[str]:
    """Error lines that do not start with ``file:line:`` (the catalogue import's summary line aside)."""
    prefix = f"{path}:"
    bad = []
    for line in (text or "").splitlines():
        if SUMMARY.match(line) or line.startswith("search index not updated"):
            continue
        head, _sep, rest = line[len(prefix) :].partition(":") if line.startswith(prefix) else ("", "", "")
        if not (head.isdigit() and rest.startswith(" ")) and not line.startswith(f"{path}: "):
            bad.append(line)
    return bad


def fuzz(surface: str, n: int, seed: int, workdir: Path, failures: Path | None, context: dict) -> dict:
    from tests.fuzz_inputs import catalogue_case, report_case

    tracebacks = unplaced = 0
    first: list[str] = []
    started = time.perf_counter()
    for i in range(n):
        rng = random.Random(f"{seed}:{surface}:{i}")
        if surface in ("csv", "jsonl", "xlsx"):
            case = catalogue_case(rng, surface)
            args = ["gi_wagtail_import", None, "--publish", "--user", context["user"]]
        else:
            case = report_case(rng, context["reports"])
            args = (
                ["gi_wagtail_import_report", None, "--parent", context["parent"], "--organisation", context["org"]]
                if surface == "report-import"
                else ["gi_wagtail_check_report", None]
            )
        path = workdir / case.name
        path.write_bytes(case.data)
        args[1] = str(path)
        outcome, text = run_command(args)
        lost = unlocated(path, text) if outcome == "error" else []
        if outcome == "traceback" or lost:
            tracebacks += outcome == "traceback"
            unplaced += bool(lost)
            if len(first) < 3:
                shown = text.strip().splitlines()[-1] if outcome == "traceback" else lost[0]
                first.append(f"{surface} input {i} ({case.kind}): {shown}")
            if failures:
                failures.mkdir(parents=True, exist_ok=True)
                (failures / f"{surface}-{i}{path.suffix}").write_bytes(case.data)
    return {
        "surface": surface,
        "inputs": n,
        "tracebacks": tracebacks,
        "unlocated": unplaced,
        "seconds": time.perf_counter() - started,
        "examples": first,
    }


def prepare() -> dict:
    from django.contrib.auth import get_user_model

    from tests.factories import build_catalogue
    from tests.reports.factories import balanced_report

    index, _category, organisation = build_catalogue()
    get_user_model().objects.create_superuser("fuzzer", "fuzzer@example.com", None)
    return {
        "user": "fuzzer",
        "parent": str(index.pk),
        "org": organisation.name,
        "reports": [balanced_report("2021", 2021), balanced_report("2019", 2020)],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="inputs per surface (default 10000)")
    parser.add_argument("--database-url", help="database to create test_<name> on (default: SQLite, temporary)")
    parser.add_argument("--surfaces", default=",".join(SURFACES), help="comma-separated: " + ", ".join(SURFACES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--failures", type=Path, help="keep the inputs that failed here")
    args = parser.parse_args(argv)
    surfaces = [s.strip() for s in args.surfaces.split(",") if s.strip()]
    unknown = set(surfaces) - set(SURFACES)
    if unknown:
        parser.error(f"unknown surface(s): {', '.join(sorted(unknown))}")

    setup_django(args.database_url)
    from django.db import connection
    from django.test.runner import DiscoverRunner
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old = runner.setup_databases()
    rows = []
    try:
        context = prepare()
        with tempfile.TemporaryDirectory(prefix="gi_fuzz_files_") as workdir:
            for surface in surfaces:
                rows.append(fuzz(surface, args.n, args.seed, Path(workdir), args.failures, context))
    finally:
        runner.teardown_databases(old)
        teardown_test_environment()

    print(f"fuzz: {connection.vendor}, seed {args.seed}")
    print(f"{'surface':<16} {'inputs':>8} {'tracebacks':>11} {'unlocated':>10} {'seconds':>8}")
    for row in rows:
        print(
            f"{row['surface']:<16} {row['inputs']:>8} {row['tracebacks']:>11} {row['unlocated']:>10} "
            f"{row['seconds']:>8.1f}"
        )
    for row in rows:
        for example in row["examples"]:
            print("  " + example[:300])
    return 1 if any(row["tracebacks"] or row["unlocated"] for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
