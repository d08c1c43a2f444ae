"""Long fuzz runs: generated input against every public page that reads parameters, a table of server errors.

The import and report commands have their own driver, benchmarks/fuzz_imports.py; `make fuzz` runs both.

    make fuzz                                  # SQLite, PostgreSQL and MariaDB, 10,000 inputs per surface
    .venv/bin/python benchmarks/fuzz.py --n 2000 --database-url postgres://postgres@127.0.0.1:5432/gi_fuzz

Each run uses a throw-away test database (``test_<name>``) built from tests/settings.py,
with a small published catalogue. The inputs come from the same strategies as the bounded
fuzz tests in ``make test`` (tests/fuzz/). A server error is a 5xx answer, an exception
that escapes, or anything logged at ERROR level. The script exits 1 if there was any.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@dataclass
class Tally:
    surface: str
    tried: int = 0
    errors: int = 0
    seconds: float = 0.0
    examples: list[str] = field(default_factory=list)

    def fail(self, example: str) -> None:
        self.errors += 1
        if len(self.examples) < 3:
            self.examples.append(example[:200])


class ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def setup(database_url: str):
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    return connection


def build_site() -> str:
    from django.db import transaction

    from tests.factories import add_item, build_catalogue, root_page

    titles = ["关于印发科学技术局2024年工作要点的通知", "科技特派员管理办法", "统计数据公开", "高新技术企业认定"]
    root_page()
    with transaction.atomic():
        _, category, organisation = build_catalogue()
        for title in titles:
            add_item(category, title, organisation=organisation)
    return category.url


def run_surface(tally: Tally, strategy, check: Callable[[object], str | None], n: int) -> None:
    """Feed ``n`` generated inputs to ``check``; it returns a description of a failure or None."""
    from hypothesis import HealthCheck, Phase, given, settings

    counter = ErrorCounter()
    logging.getLogger().addHandler(counter)

    @settings(
        max_examples=n,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def feed(value: object) -> None:
        tally.tried += 1
        before = counter.count
        try:
            problem = check(value)
        except Exception as exc:  # an exception that escapes is a server error too
            problem = f"{type(exc).__name__}: {exc}"
        if problem is None and counter.count > before:
            problem = "logged at ERROR"
        if problem:
            tally.fail(f"{problem} <- {value!r}")

    start = time.perf_counter()
    try:
        feed()
    finally:
        tally.seconds = time.perf_counter() - start
        logging.getLogger().removeHandler(counter)


def page_surfaces(listing_url: str) -> list[tuple[str, object, Callable[[object], str | None]]]:
    from django.test import Client
    from django.urls import reverse

    from tests.fuzz.query_strings import LISTING_PARAMS, query_strings

    client = Client()
    search, suggest = reverse("gi_wagtail_search"), reverse("gi_wagtail_search_suggest")

    def get(path: str, raw: str) -> str | None:
        status = client.get(f"{path}?{raw}").status_code
        return f"HTTP {status}" if status >= 500 else None

    return [
        ("search (HTML)", query_strings(), lambda raw: get(search, raw)),
        ("search (JSON)", query_strings(), lambda raw: get(search, f"{raw}&format=json")),
        ("search completions", query_strings(), lambda raw: get(suggest, raw)),
        ("category listing", query_strings(LISTING_PARAMS), lambda raw: get(listing_url, raw)),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="inputs per surface (default 10,000)")
    parser.add_argument("--database-url", default="sqlite:///gi_fuzz.sqlite3")
    parser.add_argument("--only", default="", help="run only surfaces whose name contains this")
    args = parser.parse_args()
    connection = setup(args.database_url)
    logging.disable(logging.NOTSET)
    listing_url = build_site()
    tallies = []
    for name, strategy, check in page_surfaces(listing_url):
        if args.only and args.only not in name:
            continue
        tally = Tally(name)
        run_surface(tally, strategy, check, args.n)
        tallies.append(tally)
        print(f"  {name}: {tally.tried} inputs, {tally.errors} server errors", file=sys.stderr, flush=True)
    connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    vendor = connection.vendor
    print("\n| database | surface | inputs tried | server errors | seconds |\n|---|---|---|---|---|")
    for t in tallies:
        print(f"| {vendor} | {t.surface} | {t.tried:,} | {t.errors} | {t.seconds:.0f} |")
    for t in tallies:
        for example in t.examples:
            print(f"  {t.surface}: {example}")
    return 1 if any(t.errors for t in tallies) else 0


if __name__ == "__main__":
    sys.exit(main())
