"""One benchmark stage in its own process (run by benchmarks/run.py, not by hand).

    python benchmarks/bench_worker.py {migrate,import,rebuild,measure} --data ITEMS.jsonl --out RESULT.json

The database comes from DATABASE_URL; settings are benchmarks/bench_settings.py.
Each stage writes a small JSON result; run.py adds the process's peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for extra in (ROOT, ROOT / "example_site", ROOT / "benchmarks", ROOT / "benchmarks" / "search_eval"):
    sys.path.insert(0, str(extra))

RECALL_K = 20
SEARCH_ROUNDS = 3
LISTING_REQUESTS = 20


def setup():
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    import django

    django.setup()


def percentile(values, fraction):
    values = sorted(values)
    if not values:
        return 0.0
    return values[min(len(values) - 1, round(fraction * (len(values) - 1)))]


# --- stages ----------------------------------------------------------------------------------------


def stage_migrate(args):
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return {}


BENCH_USER = "bench-importer"


def stage_import(args):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from gi_wagtail.models import DisclosureItemPage

    # Published at once by a user allowed to publish: the bulk path (a plain import saves drafts for review).
    get_user_model().objects.create_superuser(BENCH_USER, f"{BENCH_USER}@example.invalid", None)
    started = time.perf_counter()
    call_command(
        "gi_wagtail_import",
        str(args.data),
        "--create-categories",
        "--publish",
        "--user",
        BENCH_USER,
        verbosity=0,
        stdout=_Null(),
        stderr=_Null(),
    )
    seconds = time.perf_counter() - started
    items = DisclosureItemPage.objects.count()
    started = time.perf_counter()
    attached = _attach_files()
    return {
        "items": items,
        "seconds": seconds,
        "items_per_s": items / seconds,
        "attachments": attached,
        "attach_seconds": time.perf_counter() - started,
    }


# Every ATTACH_EVERY-th item gets an attached file (PDF, DOCX, XLSX in turn) with text of its own.
ATTACH_EVERY = 10
FORMATS = ("pdf", "docx", "xlsx")


def _attach_files():
    """Attached files as editors upload them, generated from the items' text plus sentences of
    the evaluation material, so the rebuild extracts and indexes real PDF, DOCX and XLSX files."""
    import random

    import material
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from gi_wagtail.models import DisclosureItemPage, ItemAttachment
    from home import demo_files

    rng = random.Random(11)
    sentences = list(material.GENERIC) + [s for subject in material.SUBJECTS.values() for s in subject["sentences"]]
    document_model = get_document_model()
    rows = list(DisclosureItemPage.objects.order_by("pk").values_list("pk", "title", "summary"))[::ATTACH_EVERY]
    attachments = []
    for n, (pk, title, summary) in enumerate(rows):
        fmt = FORMATS[n % len(FORMATS)]
        lines = [summary or title, *rng.sample(sentences, min(len(sentences), 8))]
        if fmt == "xlsx":
            lines = [
                "序号\t事项\t金额（万元）",
                *(f"{i}\t{line[:30]}\t{rng.randint(1, 500)}" for i, line in enumerate(lines, 1)),
            ]
        name = f"附件{n}.{fmt}"
        document = document_model(title=f"附件：{title[:80]}")
        document.file.save(name, ContentFile(getattr(demo_files, fmt)(title, lines)), save=False)
        document._set_document_file_metadata()
        document.save()
        attachments.append(ItemAttachment(page_id=pk, document=document, sort_order=0))
    ItemAttachment.objects.bulk_create(attachments, batch_size=500)
    return len(attachments)


def stage_rebuild(args):
    from django.core.management import call_command

    from gi_wagtail.search.documents import searchable_pages

    started = time.perf_counter()
    call_command("gi_wagtail_rebuild_index", verbosity=0, stdout=_Null(), stderr=_Null())
    seconds = time.perf_counter() - started
    pages = searchable_pages().count()
    return {"pages": pages, "seconds": seconds, "items_per_s": pages / seconds}


def stage_measure(args):
    from generate_data import judged_queries

    judged = [json.loads(line) for line in args.data.with_suffix(".judge.jsonl").open(encoding="utf-8")]
    queries = judged_queries(judged)
    page_of = _page_ids(judged)
    relevant = {q["query"]: {page_of[i] for i in q["relevant"] if i in page_of} for q in queries}
    texts = [q["query"] for q in queries]
    out = {}
    out.update(_embedded_search(texts, relevant))
    out.update(_stock_search(texts, relevant))
    out.update(_listing())
    return out


# --- measurements ----------------------------------------------------------------------------------


def _page_ids(judged):
    """Judged item id -> page id (the importer merges items with the same category, title and date)."""
    from gi_wagtail.models import DisclosureItemPage

    by_index, by_key = {}, {}
    for pk, index_no, title, published in DisclosureItemPage.objects.values_list(
        "pk", "index_no", "title", "published_on"
    ):
        if index_no:
            by_index[index_no] = pk
        by_key[(title, published.isoformat() if published else "")] = pk
    mapping = {}
    for it in judged:
        pk = by_index.get(it["index_no"]) if it.get("index_no") else None
        pk = pk or by_key.get((it["title"][:255], it["published"]))
        if pk:
            mapping[it["id"]] = pk
    return mapping


def _recall(hits_by_query, relevant):
    """Mean over queries with relevant items of |relevant ∩ top K| / min(|relevant|, K)."""
    scores = []
    for query, hits in hits_by_query.items():
        rel = relevant.get(query) or set()
        if rel:
            scores.append(len(rel & set(hits[:RECALL_K])) / min(len(rel), RECALL_K))
    return sum(scores) / len(scores) if scores else 0.0


def _timed(run, texts):
    """Warm-up pass (its hits are returned), then SEARCH_ROUNDS timed passes: wall and CPU ms."""
    hits = {q: run(q) for q in texts}  # warm-up (caches, dictionaries, database pages)
    timings, cpu = [], []
    for _ in range(SEARCH_ROUNDS):
        for q in texts:
            started, cpu_started = time.perf_counter(), time.process_time()
            run(q)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
    return hits, timings, cpu


def _embedded_search(texts, relevant):
    from gi_wagtail.search.base import SearchQuery, get_backend

    backend = get_backend()

    def run(q):
        # What the search page asks for: a page of hits with facets, total and highlights.
        return [h.page_id for h in backend.search(SearchQuery(q, page_size=RECALL_K)).hits]

    hits, timings, cpu = _timed(run, texts)
    return {
        "search_p50_ms": percentile(timings, 0.5),
        "search_p95_ms": percentile(timings, 0.95),
        "recall": _recall(hits, relevant),
        "search_backend": backend.name,
        "search_cpu_p95_ms": percentile(cpu, 0.95),
    }


def _stock_search(texts, relevant):
    from wagtail.models import Page

    def run(q):
        # What the search view of a `wagtail start` project does (wagtail.search.backends.database).
        return [p.pk for p in Page.objects.live().search(q, backend="stock")[:RECALL_K]]

    hits, timings, cpu = _timed(run, texts)
    return {
        "stock_search_p50_ms": percentile(timings, 0.5),
        "stock_search_p95_ms": percentile(timings, 0.95),
        "stock_recall": _recall(hits, relevant),
        "stock_search_cpu_p95_ms": percentile(cpu, 0.95),
    }


def _listing():
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from gi_wagtail.models import CatalogueCategoryPage, DisclosureItemPage

    counts = {c.pk: DisclosureItemPage.objects.child_of(c).live().count() for c in CatalogueCategoryPage.objects.live()}
    biggest = CatalogueCategoryPage.objects.get(pk=max(counts, key=counts.get))
    client = Client()
    url = biggest.get_url()
    response = client.get(url)  # warm-up
    if response.status_code != 200:
        raise SystemExit(f"listing {url} answered {response.status_code}")
    timings, cpu, queries = [], [], 0
    for _ in range(LISTING_REQUESTS):
        with CaptureQueriesContext(connection) as captured:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        queries = max(queries, len(captured.captured_queries))
    return {
        "listing_queries": queries,
        "listing_p95_ms": percentile(timings, 0.95),
        "listing_cpu_p95_ms": percentile(cpu, 0.95),
        "listing_items": counts[biggest.pk],
        "listing_url": url,
    }


class _Null:
    def write(self, *args):
        pass

    def flush(self):
        pass


STAGES = {"migrate": stage_migrate, "import": stage_import, "rebuild": stage_rebuild, "measure": stage_measure}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stage", choices=sorted(STAGES))
    parser.add_argument("--data", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    setup()
    result = STAGES[args.stage](args)
    args.out.write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main()
