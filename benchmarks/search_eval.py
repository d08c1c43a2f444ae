"""Search quality on the dev evaluation set: gi_wagtail embedded vs stock Wagtail.

    python benchmarks/search_eval.py [--json out.json] [--verbose]

Uses DATABASE_URL (default: a fresh SQLite file in the temp directory) with the
example site's settings. Loads benchmarks/search_eval/corpus.jsonl as published
DisclosureItemPages, indexes them with both the gi_wagtail embedded backend
and Wagtail's configured search backend (stock database search), runs every
query of queries.jsonl against both and prints, per system:

- recall@10: relevant items in the top 10 / min(10, number of relevant items)
- precision@10: relevant items in the top 10 / 10 (standard, so queries with
  few relevant items cannot reach 1.0)
- precision of returned: relevant items in the top 10 / items returned (<= 10)
- MRR: mean of 1 / rank of the first relevant item (0 if none in the top 10)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "search_eval"


def setup():
    sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.gettempdir()}/gi_search_eval.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings.test")
    import django

    django.setup()


def load_corpus(verbose=False):
    from django.core.management import call_command
    from wagtail.models import Page, Site

    from gi_wagtail.models import (
        CatalogueCategoryPage,
        DisclosureIndexPage,
        DisclosureItemPage,
        Genre,
        Organisation,
        TopicClass,
    )

    call_command("migrate", verbosity=0)
    items = [json.loads(line) for line in (DATA / "corpus.jsonl").open(encoding="utf-8")]
    existing = {p.index_no: p.pk for p in DisclosureItemPage.objects.all()}
    if len(existing) == len(items):
        return {existing[it["index_no"]]: it["id"] for it in items}
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    home = root.add_child(instance=Page(title="首页", slug="eval-home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "port": 80}
    )
    index = home.add_child(
        instance=DisclosureIndexPage(title="政府信息公开", slug="xxgk", agency_name="评测", org_code="000000000")
    )
    categories, orgs, topics, genres = {}, {}, {}, {}
    id_map = {}
    started = time.perf_counter()
    for n, it in enumerate(items):
        if it["category"] not in categories:
            categories[it["category"]] = index.add_child(
                instance=CatalogueCategoryPage(title=it["category"], slug=f"c{len(categories)}")
            )
        if it["organisation"] not in orgs:
            orgs[it["organisation"]], _ = Organisation.objects.get_or_create(name=it["organisation"])
        if it["topic"] not in topics:
            topics[it["topic"]], _ = TopicClass.objects.get_or_create(name=it["topic"], parent=None)
        if it["genre"] not in genres:
            genres[it["genre"]], _ = Genre.objects.get_or_create(name=it["genre"])
        validity = {"有效": "valid", "失效": "expired", "废止": "repealed"}[it["validity"]]
        page = DisclosureItemPage(
            title=it["title"],
            slug=f"i{n}",
            index_no=it["index_no"],
            doc_no=it["doc_no"],
            organisation=orgs[it["organisation"]],
            topic=topics[it["topic"]],
            genre=genres[it["genre"]],
            validity=validity,
            published_on=dt.date.fromisoformat(it["published"]),
            summary=it["body"][:500],
            body=json.dumps([{"type": "paragraph", "value": f"<p>{it['body']}</p>"}], ensure_ascii=False),
            live=True,
        )
        categories[it["category"]].add_child(instance=page)
        id_map[page.pk] = it["id"]
    if verbose:
        print(f"created {len(items)} pages in {time.perf_counter() - started:.1f} s")
    call_command("gi_wagtail_rebuild_index", verbosity=0)
    call_command("update_index", verbosity=0)
    return id_map


def ours(q):
    from gi_wagtail.search.base import SearchQuery, get_backend

    return [h.page_id for h in get_backend().search(SearchQuery(q, page_size=10, facets=())).hits]


def stock(q):
    from wagtail.models import Page

    try:
        return [p.pk for p in Page.objects.live().search(q)[:10]]
    except Exception as exc:  # stock search raises on some input; count it as no result
        print(f"  stock search failed for {q!r}: {type(exc).__name__}")
        return []


def evaluate(system, queries, id_map):
    rows = []
    for q in queries:
        started = time.perf_counter()
        top = [id_map.get(pk) for pk in system(q["query"])][:10]
        ms = (time.perf_counter() - started) * 1000
        rel = q["relevant"]
        hits = [i for i in top if i in rel]
        first = next((r for r, i in enumerate(top, 1) if i in rel), None)
        rows.append(
            dict(
                id=q["id"],
                query=q["query"],
                kind=q["kind"],
                ms=ms,
                recall=len(hits) / min(10, len(rel)),
                precision=len(hits) / 10,
                returned_precision=len(hits) / len(top) if top else 0.0,
                rr=1 / first if first else 0.0,
            )
        )
    return rows


def summary(rows):
    n = len(rows)
    return {k: sum(r[k] for r in rows) / n for k in ("recall", "precision", "returned_precision", "rr")}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", help="write per-query results to this file")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    setup()
    from django.conf import settings
    from django.db import connection

    id_map = load_corpus(args.verbose)
    queries = [json.loads(line) for line in (DATA / "queries.jsonl").open(encoding="utf-8")]
    stock_backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    results = {
        "gi_wagtail embedded": evaluate(ours, queries, id_map),
        f"stock Wagtail ({stock_backend})": evaluate(stock, queries, id_map),
    }
    print(f"database: {connection.vendor}; {len(id_map)} items, {len(queries)} queries")
    print(f"{'system':45s} {'recall@10':>9s} {'P@10':>6s} {'P(ret)':>7s} {'MRR':>6s}")
    for name, rows in results.items():
        s = summary(rows)
        print(f"{name:45s} {s['recall']:9.3f} {s['precision']:6.3f} {s['returned_precision']:7.3f} {s['rr']:6.3f}")
    print("\nrecall@10 by query kind:")
    kinds = sorted({q["kind"] for q in queries})
    for name, rows in results.items():
        by = defaultdict(list)
        for r in rows:
            by[r["kind"]].append(r["recall"])
        print(f"  {name:43s} " + " ".join(f"{k}={sum(v) / len(v):.2f}" for k, v in ((k, by[k]) for k in kinds)))
    if args.verbose:
        ours_rows = results["gi_wagtail embedded"]
        for r in ours_rows:
            if r["recall"] < 1 or r["returned_precision"] < 1:
                print(f"  {r['id']} {r['query']!r}: recall={r['recall']:.2f} P(ret)={r['returned_precision']:.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
