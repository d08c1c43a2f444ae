"""The benchmark harness runs end to end and writes every key (nothing here is timed)."""

import json
import math
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate_data  # noqa: E402
import run  # noqa: E402


def test_generated_items_are_valid_import_records_with_unique_index_numbers(tmp_path):
    items = generate_data.build(600, seed=3)
    path = tmp_path / "items.jsonl"
    generate_data.write(items, path)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 600
    for row in rows:
        assert {
            "category",
            "title",
            "body",
            "published",
            "organisation",
            "topic",
            "genre",
            "validity",
            "keywords",
        } <= set(row)
    index_nos = [r["index_no"] for r in rows if "index_no" in r]
    assert 0 < len(index_nos) < len(rows)
    assert len(index_nos) == len(set(index_nos))
    # The same seed gives the same file.
    assert generate_data.build(600, seed=3) == items


def test_harness_writes_every_key_with_a_number(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--n",
            "50",
            "--backends",
            "sqlite",
            "--json",
            str(out),
            "--workdir",
            str(tmp_path / "work"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["n"] == 50
    assert list(data["backends"]) == ["sqlite"]
    row = data["backends"]["sqlite"]
    assert list(row) == list(run.KEYS)
    for key, value in row.items():
        assert isinstance(value, (int, float)) and not isinstance(value, bool), key
        assert math.isfinite(value) and value >= 0, (key, value)
    assert row["listing_queries"] > 0
    assert 0 <= row["recall"] <= 1 and 0 <= row["stock_recall"] <= 1
    assert "import_items_per_s" in proc.stdout  # the printed table


def test_unknown_backend_is_a_clear_error(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--n", "5", "--backends", "oracle"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "unknown backend" in proc.stderr
