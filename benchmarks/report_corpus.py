"""The report validator's score on the corpus of real annual reports.

    python benchmarks/report_corpus.py [--verbose]

Prints, per report: inconsistencies known by reading, how many the validator
flags, how many it misses, and its false errors (errors or conflicts about a
consistent part). The corpus and its manifests are in tests/reports/corpus/.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list missed and false findings")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from tests.reports.corpus_score import entries, score_all

    scores = score_all()
    print(f"{'report':<56} {'fmt':>4} {'known':>5} {'flagged':>7} {'missed':>6} {'false':>5} {'incompl.':>8}")
    for s in scores:
        flag = " import failed" if s.import_error else ""
        counts = f"{s.known:>5} {len(s.flagged):>7} {len(s.missed):>6} {len(s.false_errors):>5} {s.incomplete:>8}"
        print(f"{s.file:<56} {s.format:>4} {counts}{flag}")
        if args.verbose:
            for k in s.missed:
                print(f"    missed {k['rule']}: {k['note']}")
            for f in s.false_errors:
                print(f"    false  {f.rule} {f.location}: {f.message}")
    known = sum(s.known for s in scores)
    flagged = sum(len(s.flagged) for s in scores)
    false = sum(len(s.false_errors) for s in scores)
    noise = sum(s.incomplete for s in scores)
    complete = [s for s, (_path, e) in zip(scores, entries(), strict=True) if e.get("complete")]
    total = f"total ({len(scores)} reports)"
    print(f"{total:<56} {'':>4} {known:>5} {flagged:>7} {known - flagged:>6} {false:>5} {noise:>8}")
    for s in complete:
        print(f"complete report {s.file}: {s.incomplete} incomplete finding(s)")


if __name__ == "__main__":
    main()
