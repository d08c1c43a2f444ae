"""Load test of the public pages under a production server (gunicorn) with wrk.

    python benchmarks/load.py [--n 2000] [--duration 10] [--workers 4] [--threads 1] [--cache redis]
    make load

Builds (once; reused while --n matches) the demo site (``load_demo``) plus N generated
catalogue items (benchmarks/generate_data.py, as the other benchmarks) in a SQLite file
under --workdir, starts gunicorn on 127.0.0.1 with benchmarks/load_settings.py, and runs
wrk on loopback for --duration seconds per run: public search (cycling over Chinese
queries, benchmarks/load.lua) and a category listing (cycling over its first pages),
each with 2 and 16 connections. Prints req/s and latency p50, p95, p99 per run, against
the targets of docs/operators/performance.md (checked and printed, never asserted).

Needs wrk (``sudo apt-get install wrk``; macOS: ``brew install wrk``) and gunicorn
(``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate_data  # noqa: E402

QUERIES = ["高新技术企业认定", "科技特派员", "知识产权质押", "创新券", "成果转化", "营商环境", "安全生产", "养老保险"]
LISTING_PAGES = 5
# (kind, connections) -> (minimum req/s, maximum p95 ms); on a 2-core machine, wrk included.
TARGETS = {("search", 16): (300.0, 50.0), ("listing", 16): (150.0, 100.0)}
SITE_VERSION = 1  # bump when the site build changes, so old work directories are rebuilt


class LoadError(RuntimeError):
    pass


def _env(workdir: Path, cache: str, conn_max_age: int = 0) -> dict:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    env.update(
        DJANGO_SETTINGS_MODULE="load_settings",
        # GI_LOAD_PYTHONPATH: another checkout of gi_wagtail to measure (e.g. the code before a change).
        PYTHONPATH=os.pathsep.join(
            [p for p in (os.environ.get("GI_LOAD_PYTHONPATH"), str(HERE), str(ROOT / "example_site")) if p]
        ),
        DATABASE_URL=f"sqlite:///{workdir / 'load.sqlite3'}",
        GI_MEDIA_ROOT=str(workdir / "media"),
        GI_LOAD_CACHE=cache,
        GI_LOAD_CONN_MAX_AGE=str(conn_max_age),
    )
    return env


def _manage(env, workdir: Path, *args: str) -> str:
    log = workdir / "build.log"
    cmd = [sys.executable, str(ROOT / "example_site" / "manage.py"), *args]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT / "example_site")
    with log.open("a", encoding="utf-8") as f:
        f.write(f"$ {' '.join(args)}\n{proc.stdout}{proc.stderr}\n")
    if proc.returncode != 0:
        raise LoadError(f"manage.py {args[0]} failed (see {log}):\n{proc.stderr[-2000:]}")
    return proc.stdout


SITE_INFO = """
import json
from gi_wagtail.models import CatalogueCategoryPage, DisclosureItemPage
cats = sorted(CatalogueCategoryPage.objects.live(), key=lambda c: -c.get_children().live().count())
print("GI_LOAD_SITE " + json.dumps({
    "items": DisclosureItemPage.objects.live().count(),
    "listing": cats[0].url, "listing_items": cats[0].get_children().live().count(),
}))
"""


def build_site(workdir: Path, n: int, env: dict) -> dict:
    """The demo site plus ``n`` generated items, reused when already built for the same ``n``."""
    marker = workdir / "site.json"
    if marker.exists():
        info = json.loads(marker.read_text(encoding="utf-8"))
        if info.get("n") == n and info.get("version") == SITE_VERSION and (workdir / "load.sqlite3").exists():
            print(f"reusing the site in {workdir} ({info['items']} items)", flush=True)
            return info
    for name in ("load.sqlite3", "load.sqlite3-wal", "load.sqlite3-shm", "site.json", "build.log"):
        (workdir / name).unlink(missing_ok=True)
    shutil.rmtree(workdir / "media", ignore_errors=True)
    started = time.perf_counter()
    print(f"building the site in {workdir}: migrate, demo content, {n} items, index", flush=True)
    _manage(env, workdir, "migrate", "--noinput")
    _manage(env, workdir, "load_demo")
    data = workdir / f"items-{n}.jsonl"
    generate_data.write(generate_data.build(n), data)
    _manage(
        env,
        workdir,
        "gi_wagtail_import",
        str(data),
        "--root",
        "xxgk",
        "--create-categories",
        "--publish",
        "--user",
        "admin",
    )
    _manage(env, workdir, "gi_wagtail_rebuild_index")
    out = _manage(env, workdir, "shell", "-c", SITE_INFO)
    info = json.loads(out.split("GI_LOAD_SITE ", 1)[1].splitlines()[0])
    info.update(n=n, version=SITE_VERSION)
    marker.write_text(json.dumps(info, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"  built in {time.perf_counter() - started:.0f} s: {info['items']} items", flush=True)
    return info


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict, workdir: Path, port: int, workers: int, threads: int) -> subprocess.Popen:
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "example_site.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        "--worker-class=gthread" if threads > 1 else "--worker-class=sync",
        "--backlog=256",
        "--log-level=warning",
    ]
    log = (workdir / "gunicorn.log").open("w")
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT / "example_site", stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise LoadError(f"gunicorn exited (see {workdir / 'gunicorn.log'})")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                if response.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    stop_server(proc)
    raise LoadError("gunicorn did not answer within 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


LINE_RE = re.compile(r"GI_LOAD (.*)")
TICK = os.sysconf("SC_CLK_TCK")


def server_cpu_seconds(server: subprocess.Popen | None) -> float:
    """CPU seconds used so far by gunicorn's workers (Linux /proc; 0 elsewhere)."""
    if server is None:
        return 0.0
    try:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    except OSError:
        return 0.0
    total = 0
    for pid in children:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICK


def run_wrk(port: int, paths: list[str], connections: int, duration: float, server=None) -> dict:
    threads = min(2, connections)
    cpu_before, wrk_before = server_cpu_seconds(server), resource.getrusage(resource.RUSAGE_CHILDREN)
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration:g}s", "--timeout=10s"]
    cmd += ["-s", str(HERE / "load.lua"), f"http://127.0.0.1:{port}", "--", *paths]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    server_cpu = server_cpu_seconds(server) - cpu_before
    wrk_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    wrk_cpu = (wrk_after.ru_utime + wrk_after.ru_stime) - (wrk_before.ru_utime + wrk_before.ru_stime)
    match = LINE_RE.search(proc.stdout)
    if proc.returncode != 0 or not match:
        raise LoadError(f"wrk failed: {proc.stdout[-1000:]}{proc.stderr[-1000:]}")
    values = {k: int(v) for k, v in (pair.split("=") for pair in match.group(1).split())}
    seconds = values["duration_us"] / 1e6
    return {
        "req_s": values["requests"] / seconds,
        "p50_ms": values["p50_us"] / 1000,
        "p95_ms": values["p95_us"] / 1000,
        "p99_ms": values["p99_us"] / 1000,
        "requests": values["requests"],
        "errors": values["non2xx"] + values["socket_errors"],
        # CPU per request, unaffected by other load on the machine: the server's workers and wrk itself.
        "server_cpu_ms": server_cpu * 1000 / max(values["requests"], 1),
        "wrk_cpu_ms": wrk_cpu * 1000 / max(values["requests"], 1),
    }


def search_paths() -> list[str]:
    return [f"/gi/search/?q={quote(q)}" for q in QUERIES]


def listing_paths(url: str) -> list[str]:
    return [url] + [f"{url}?page={n}" for n in range(2, LISTING_PAGES + 1)]


def check_paths(port: int, paths: list[str]) -> None:
    for path in paths:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
            if response.status != 200:
                raise LoadError(f"{path} answered {response.status}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="generated catalogue items (besides the demo's)")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per wrk run")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (gthread when > 1)")
    parser.add_argument("--cache", choices=["redis", "locmem"], default="redis", help="Django cache backend")
    parser.add_argument("--conn-max-age", type=int, default=60, help="CONN_MAX_AGE of the server's database")
    parser.add_argument("--connections", default="2,16", help="comma-separated wrk connection counts")
    parser.add_argument("--workdir", type=Path, default=ROOT / "benchmarks" / ".load", help="site and logs")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)

    if shutil.which("wrk") is None:
        print("wrk is not installed: sudo apt-get install wrk (Debian/Ubuntu), brew install wrk (macOS)")
        return 2
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        print("gunicorn is not installed: pip install -e '.[bench]'")
        return 2
    args.workdir.mkdir(parents=True, exist_ok=True)
    env = _env(args.workdir.resolve(), args.cache, args.conn_max_age)
    if args.cache == "redis":
        env["GI_LOAD_CACHE_PREFIX"] = f"gi_load_{os.getpid()}"  # a clean cache for every run
    try:
        site = build_site(args.workdir.resolve(), args.n, env)
        port = _free_port()
        server = start_server(env, args.workdir, port, args.workers, args.threads)
    except LoadError as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    runs = {"search": search_paths(), "listing": listing_paths(site["listing"])}
    connections = [int(c) for c in args.connections.split(",")]
    results = []
    load_before = os.getloadavg()[0]
    try:
        for kind, paths in runs.items():
            check_paths(port, paths)
            run_wrk(port, paths, 4, 2)  # warm-up: every worker imports, connects and fills its caches
            for conns in connections:
                row = run_wrk(port, paths, conns, args.duration, server)
                row.update(kind=kind, connections=conns)
                results.append(row)
                print(f"  {kind} c={conns}: {row['req_s']:.0f} req/s, p95 {row['p95_ms']:.1f} ms", flush=True)
    except LoadError as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        stop_server(server)
    print_table(site, args, results, (load_before, os.getloadavg()[0]))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {"site": site, "workers": args.workers, "threads": args.threads, "cache": args.cache}
        payload["runs"] = results
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if any(r["errors"] for r in results) else 0


def print_table(site, args, results, load) -> None:
    print()
    print(
        f"{site['items']} items; listing {site['listing']} ({site['listing_items']} items, pages 1-{LISTING_PAGES}); "
        f"gunicorn {args.workers} workers x {args.threads} threads; cache {args.cache}; "
        f"CONN_MAX_AGE {args.conn_max_age}; "
        f"{args.duration:g} s per run; CPUs {os.cpu_count()}; load average {load[0]:.1f} / {load[1]:.1f}"
    )
    header = f"{'run':<9}{'conns':>6}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"
    header += f"{'cpu ms/req':>12}{'wrk cpu ms':>12}{'cpu-bound':>11}  target"
    print(header)
    # cpu-bound: the req/s these CPU costs allow when the machine runs nothing else (all cores busy).
    for r in results:
        target = TARGETS.get((r["kind"], r["connections"]))
        capacity = (os.cpu_count() or 1) * 1000 / max(r["server_cpu_ms"] + r["wrk_cpu_ms"], 0.001)
        verdict = ""
        if target:
            ok = r["req_s"] >= target[0] and r["p95_ms"] <= target[1]
            verdict = f">= {target[0]:g} req/s, p95 <= {target[1]:g} ms: {'met' if ok else 'MISSED'}"
        print(
            f"{r['kind']:<9}{r['connections']:>6}{r['req_s']:>9.0f}{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}"
            f"{r['p99_ms']:>9.1f}{r['errors']:>8}{r['server_cpu_ms']:>12.1f}{r['wrk_cpu_ms']:>12.2f}{capacity:>11.0f}  {verdict}"
        )


if __name__ == "__main__":
    sys.exit(main())
