"""Speed and scale of gi-wagtail, side by side with stock Wagtail search, on the same data.

    python benchmarks/run.py --n 10000 --backends sqlite,postgresql,mariadb [--json out.json]
    make bench N=10000 BACKENDS=sqlite,postgresql,mariadb JSON=out.json
    make bench-large            # N=100000 on SQLite

For each database: generate N items (benchmarks/generate_data.py, fixed seed),
create a fresh database, then run each stage in its own process — migrate,
import (``gi_wagtail_import --publish --user``: published at once by a user
allowed to, so the bulk path is measured), rebuild (``gi_wagtail_rebuild_index``) and
measure (search latency and recall, stock Wagtail search, catalogue listing).
Peak RSS is the stage process's ru_maxrss (os.wait4). Databases: SQLite file
under --workdir, PostgreSQL ``gi_bench`` at 127.0.0.1:5432 (user postgres),
MariaDB ``gi_bench`` at 127.0.0.1:3306 (root). Override with GI_BENCH_PG_URL /
GI_BENCH_MYSQL_URL. ``elasticsearch`` runs the gi_wagtail Elasticsearch
backend (SQLite for the pages) against an osmem server, when that backend exists.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate_data  # noqa: E402

KEYS = (
    "import_items_per_s",
    "rebuild_items_per_s",
    "search_p50_ms",
    "search_p95_ms",
    "listing_queries",
    "listing_p95_ms",
    "import_peak_rss_mb",
    "rebuild_peak_rss_mb",
    "stock_search_p50_ms",
    "stock_search_p95_ms",
    "recall",
    "stock_recall",
)
BACKENDS = ("sqlite", "postgresql", "mariadb", "elasticsearch")
DB_NAME = "gi_bench"
PG_URL = os.environ.get("GI_BENCH_PG_URL", f"postgres://postgres@127.0.0.1:5432/{DB_NAME}")
MYSQL_URL = os.environ.get("GI_BENCH_MYSQL_URL", f"mysql://root@127.0.0.1:3306/{DB_NAME}")

# Targets at N = 10,000 (docs/operators/performance.md); checked and printed, never asserted.
TARGETS = {
    "search_p95_ms": ("<=", 20.0),
    "import_items_per_s": (">=", 200.0),
    "rebuild_items_per_s": (">=", 2000.0),
    "listing_queries": ("<=", 15),
    "listing_p95_ms": ("<=", 100.0),
}
TARGETS_LARGE = {"search_p95_ms": ("<=", 50.0)}


class BenchError(RuntimeError):
    pass


# --- databases -------------------------------------------------------------------------------------


def _db_name(url):
    return urlsplit(url).path.lstrip("/")


def _with_db(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def fresh_database(backend, workdir: Path) -> str:
    """Create an empty database for ``backend`` and return its DATABASE_URL."""
    if backend in ("sqlite", "elasticsearch"):
        path = workdir / f"{backend}.sqlite3"
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return f"sqlite:///{path}"
    if backend == "postgresql":
        import psycopg

        name = _db_name(PG_URL)
        parts = urlsplit(PG_URL)
        with psycopg.connect(
            host=parts.hostname,
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password,
            dbname="postgres",
            autocommit=True,
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
        return PG_URL
    if backend == "mariadb":
        import MySQLdb

        name = _db_name(MYSQL_URL)
        parts = urlsplit(MYSQL_URL)
        conn = MySQLdb.connect(
            host=parts.hostname, port=parts.port or 3306, user=parts.username or "root", passwd=parts.password or ""
        )
        try:
            cur = conn.cursor()
            cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
            cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci")
        finally:
            conn.close()
        return MYSQL_URL
    raise BenchError(f"unknown backend {backend!r}")


def drop_database(backend):
    if backend == "postgresql":
        import psycopg

        parts = urlsplit(PG_URL)
        with psycopg.connect(
            host=parts.hostname,
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password,
            dbname="postgres",
            autocommit=True,
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{_db_name(PG_URL)}" WITH (FORCE)')
    elif backend == "mariadb":
        import MySQLdb

        parts = urlsplit(MYSQL_URL)
        conn = MySQLdb.connect(
            host=parts.hostname, port=parts.port or 3306, user=parts.username or "root", passwd=parts.password or ""
        )
        try:
            conn.cursor().execute(f"DROP DATABASE IF EXISTS `{_db_name(MYSQL_URL)}`")
        finally:
            conn.close()


# --- Elasticsearch hook ----------------------------------------------------------------------------


def elasticsearch_available() -> str | None:
    """Why the Elasticsearch run cannot happen, or None when it can."""
    import importlib

    try:
        importlib.import_module("gi_wagtail.search.elasticsearch")
    except ImportError:
        return "gi_wagtail.search has no 'elasticsearch' backend on this branch"
    if not os.environ.get("GI_BENCH_ES_URL"):
        try:
            importlib.import_module("osmem_server")
        except ImportError:
            return "osmem-server is not installed (pip install osmem-server) and GI_BENCH_ES_URL is not set"
    return None


def start_osmem(workdir: Path):
    """Start an in-memory OpenSearch-compatible osmem server; returns (server, url)."""
    from osmem_server import OsmemServer

    try:
        server = OsmemServer.start(japanese=False)
    except Exception as exc:  # binary missing or not starting
        raise BenchError(f"osmem-server could not start: {exc}") from exc
    return server, server.url


# --- stages ----------------------------------------------------------------------------------------


def run_stage(stage, env, data: Path, workdir: Path) -> dict:
    """Run one worker stage; returns its result plus ``peak_rss_mb`` of that process alone."""
    out = workdir / f"{stage}.json"
    out.unlink(missing_ok=True)
    cmd = [sys.executable, str(HERE / "bench_worker.py"), stage, "--data", str(data), "--out", str(out)]
    log = (workdir / f"{stage}.log").open("w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    log.close()
    if proc.returncode != 0:
        tail = (workdir / f"{stage}.log").read_text(errors="replace")[-3000:]
        raise BenchError(f"stage {stage} failed (exit {proc.returncode}):\n{tail}")
    result = json.loads(out.read_text(encoding="utf-8"))
    result["peak_rss_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    # CPU seconds of the stage: on a loaded machine wall time alone overstates the cost.
    result["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    return result


def bench_backend(backend, n, data: Path, workdir: Path, keep=False) -> dict:
    workdir = workdir / backend
    workdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    osmem = None
    if backend == "elasticsearch":
        reason = elasticsearch_available()
        if reason:
            raise BenchError(f"elasticsearch: {reason}")
        url = os.environ.get("GI_BENCH_ES_URL")
        if not url:
            osmem, url = start_osmem(workdir)
        env.update(GI_BENCH_SEARCH_BACKEND="elasticsearch", GI_BENCH_ES_URL=url)
    try:
        env["DATABASE_URL"] = fresh_database(backend, workdir)
        print(f"[{backend}] migrating", flush=True)
        run_stage("migrate", env, data, workdir)
        print(f"[{backend}] importing {n} items", flush=True)
        imp = run_stage("import", env, data, workdir)
        print(
            f"[{backend}]   {imp['items']} items in {imp['seconds']:.1f} s, {imp.get('attachments', 0)} attached files"
            f" in {imp.get('attach_seconds', 0):.1f} s; rebuilding the index",
            flush=True,
        )
        reb = run_stage("rebuild", env, data, workdir)
        print(f"[{backend}]   {reb['pages']} pages in {reb['seconds']:.1f} s; measuring", flush=True)
        mes = run_stage("measure", env, data, workdir)
    finally:
        if osmem is not None:
            osmem.close()
        if not keep:
            drop_database(backend)
    row = {
        "import_items_per_s": imp["items_per_s"],
        "rebuild_items_per_s": reb["items_per_s"],
        "import_peak_rss_mb": imp["peak_rss_mb"],
        "rebuild_peak_rss_mb": reb["peak_rss_mb"],
    }
    row.update({k: mes[k] for k in KEYS if k in mes})
    missing = [k for k in KEYS if k not in row]
    if missing:
        raise BenchError(f"{backend}: no value for {missing}")
    details = {
        "items": imp["items"],
        "attachments": imp.get("attachments", 0),
        "pages_indexed": reb["pages"],
        "listing_items": mes["listing_items"],
        "import_items_per_cpu_s": imp["items"] / imp["cpu_seconds"],
        "rebuild_items_per_cpu_s": reb["pages"] / reb["cpu_seconds"],
        "search_backend": mes["search_backend"],
        "load_average": os.getloadavg()[0],
        "cpu_ms": {k: mes[k] for k in ("search_cpu_p95_ms", "stock_search_cpu_p95_ms", "listing_cpu_p95_ms")},
    }
    return {k: row[k] for k in KEYS}, details


# --- report ----------------------------------------------------------------------------------------


def _fmt(value):
    if isinstance(value, int):
        return str(value)
    return f"{value:.3f}" if value < 10 else f"{value:.1f}" if value < 1000 else f"{value:.0f}"


def check_targets(n, results):
    targets = dict(TARGETS) if n >= 10_000 else {}
    if n >= 100_000:
        targets.update(TARGETS_LARGE)
    missed = []
    for backend, row in results.items():
        for key, (op, limit) in targets.items():
            ok = row[key] <= limit if op == "<=" else row[key] >= limit
            if not ok:
                missed.append(f"{backend} {key} = {_fmt(row[key])} (target {op} {limit:g})")
    return missed


def print_table(n, results, details, load):
    names = list(results)
    width = max(len(k) for k in KEYS) + 2
    print()
    print(f"N = {n}   load average before/after: {load[0]:.1f} / {load[1]:.1f}   CPUs: {os.cpu_count()}")
    print("metric".ljust(width) + "".join(name.rjust(14) for name in names))
    for key in KEYS:
        print(key.ljust(width) + "".join(_fmt(results[name][key]).rjust(14) for name in names))
    for name in names:
        d = details[name]
        print(
            f"  {name}: {d['items']} items, {d['pages_indexed']} pages indexed, listing of {d['listing_items']} items, "
            f"search backend {d['search_backend']}; per CPU-second: import {d['import_items_per_cpu_s']:.1f} items, "
            f"rebuild {d['rebuild_items_per_cpu_s']:.1f} items (the process's own CPU time, unaffected by other load)"
        )
        cpu = d["cpu_ms"]
        print(
            f"  {name}: CPU-time p95 (this process only; database servers not counted): search "
            f"{cpu['search_cpu_p95_ms']:.1f} ms, stock search {cpu['stock_search_cpu_p95_ms']:.1f} ms, "
            f"listing {cpu['listing_cpu_p95_ms']:.1f} ms"
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="number of catalogue items")
    parser.add_argument("--backends", default="sqlite", help="comma-separated: " + ", ".join(BACKENDS))
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, help="data files and SQLite databases (default: a temporary directory)")
    parser.add_argument("--keep", action="store_true", help="keep databases and files for inspection")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be a positive number of items")
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    unknown = [b for b in backends if b not in BACKENDS]
    if unknown or not backends:
        parser.error(f"unknown backend(s) {unknown}; choose from {', '.join(BACKENDS)}")

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="gi_bench_"))
    workdir.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()[0]
    data = workdir / f"items-{args.n}.jsonl"
    generate_data.write(generate_data.build(args.n, args.seed), data)
    print(f"{args.n} items written to {data}", flush=True)

    results, details, failures = {}, {}, []
    for backend in backends:
        try:
            results[backend], details[backend] = bench_backend(backend, args.n, data, workdir, keep=args.keep)
        except BenchError as exc:
            failures.append(str(exc))
            print(f"[{backend}] FAILED: {exc}", file=sys.stderr, flush=True)
    load = (load_before, os.getloadavg()[0])
    if results:
        print_table(args.n, results, details, load)
        missed = check_targets(args.n, results)
        for line in missed:
            print(f"MISSED TARGET: {line}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {"n": args.n, "backends": results}
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"results written to {args.json}")
    if not args.keep and args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
