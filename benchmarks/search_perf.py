"""Latency of the embedded search backend at N items.

    [DATABASE_URL=sqlite:////tmp/gi_search_perf.sqlite3] \
      python benchmarks/search_perf.py --items 10000 [--rounds 3]

Builds N realistic catalogue items (benchmarks/search_eval/material.py),
stores them as live pages with search entries, then times complete searches
(hits, facets, total, highlights) for citizen queries. Prints p50/p95/max ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "search_eval"))

# Broad words that match most items: reported separately.
BROAD = [
    "科技局年报",
    "通知",
    "工作",
    "高新技术企业认定",
    "高企",
    "扬尘",
    "防汛",
    "2023 5号",
    "高科发[2022]3号",
    "政府信息公开",
    "年報",
    "老舊小區改造",
    "ppp",
    "GDP",
    "社保",
    "县府办",
    "部门预算",
    "12345",
    "关于开展2023年安全生产大检查的通知",
    "科技特派员 服务",
    "局",
    "不存在的词语组合",
]


def setup_django():
    sys.path.insert(0, str(ROOT / "example_site"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.gettempdir()}/gi_search_perf.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings.test")
    import django

    django.setup()


def build(n: int):
    import generate
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone
    from tqdm import tqdm
    from wagtail.models import Locale, Page

    from gi_wagtail.search.base import SearchDocument
    from gi_wagtail.search.embedded import EmbeddedBackend

    call_command("migrate", verbosity=0)
    backend = EmbeddedBackend()
    existing = backend.model.objects.count()
    if existing >= n:
        return backend
    backend.clear()
    root = Page.objects.get(depth=1)
    Page.objects.filter(depth__gt=1).delete()
    ct = ContentType.objects.get_for_model(Page)
    locale = Locale.objects.first()
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

    def path(i):
        s = ""
        for _ in range(4):
            i, r = divmod(i, 36)
            s = alphabet[r] + s
        return root.path + s

    import datetime as dt

    items = list(generate.make_items(n))
    with transaction.atomic():
        pages = [
            Page(
                title=it["title"][:255],
                slug=f"b{i}",
                path=path(i + 1),
                depth=2,
                numchild=0,
                content_type=ct,
                locale=locale,
                live=True,
                url_path=f"/b{i}/",
                draft_title=it["title"][:255],
            )
            for i, it in enumerate(items)
        ]
        for start in tqdm(range(0, n, 2000), desc="pages"):
            Page.objects.bulk_create(pages[start : start + 2000])
        Page.objects.filter(pk=root.pk).update(numchild=n)
    page_ids = list(Page.objects.filter(depth=2).order_by("path").values_list("pk", flat=True))

    def docs():
        for pk, it in zip(page_ids, items, strict=False):
            yield SearchDocument(
                page_id=pk,
                title=it["title"],
                url=f"/b/{pk}/",
                body=it["body"],
                doc_no=it["doc_no"],
                index_no=it["index_no"],
                category=it["category"],
                organisation=it["organisation"],
                topic=it["topic"],
                genre=it["genre"],
                validity=it["validity"],
                published=timezone.make_aware(dt.datetime.fromisoformat(it["published"])),
            )

    started = time.perf_counter()
    backend.bulk_index(tqdm(docs(), total=n, desc="index"))
    print(f"indexed {n} items in {time.perf_counter() - started:.1f} s")
    return backend


def measure(backend, rounds: int):
    import json

    queries = [
        json.loads(line)["query"]
        for line in (ROOT / "benchmarks" / "search_eval" / "queries.jsonl").open(encoding="utf-8")
    ]
    report(backend, queries, rounds, "citizen queries (benchmarks/search_eval/queries.jsonl)")
    report(backend, BROAD, rounds, "broad and mixed queries")


def report(backend, queries, rounds, label):
    from gi_wagtail.search.base import SearchQuery

    timings, cpu_timings, per_query = [], [], {}
    for q in queries:  # warm-up
        backend.search(SearchQuery(q))
    for _ in range(rounds):
        for q in queries:
            started, cpu = time.perf_counter(), time.process_time()
            res = backend.search(SearchQuery(q))
            ms = (time.perf_counter() - started) * 1000
            timings.append(ms)
            cpu_timings.append((time.process_time() - cpu) * 1000)
            per_query.setdefault(q, []).append((ms, res.total))
    timings.sort()
    cpu_timings.sort()

    def p(f, values=timings):
        return values[min(len(values) - 1, round(f * (len(values) - 1)))]

    for q, vals in per_query.items():
        print(f"  {statistics.median(v for v, _ in vals):7.1f} ms  total={vals[0][1]:6d}  {q}")
    print(
        f"{label}: searches={len(timings)} p50={p(0.5):.1f} ms p95={p(0.95):.1f} ms max={timings[-1]:.1f} ms"
        f" | CPU time p50={p(0.5, cpu_timings):.1f} ms p95={p(0.95, cpu_timings):.1f} ms"
        f" (load average {os.getloadavg()[0]:.1f})"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    print(f"database: {connection.vendor}, items: {args.items}")
    backend = build(args.items)
    measure(backend, args.rounds)


if __name__ == "__main__":
    main()
