"""Relevance of the Elasticsearch backend on the dev evaluation set, beside the embedded backend.

    python benchmarks/search_eval_elasticsearch.py [--json out.json]

Loads benchmarks/search_eval/corpus.jsonl as live pages in a throwaway SQLite
database, indexes it into the embedded backend, the Elasticsearch backend
(GI_WAGTAIL_TEST_ELASTICSEARCH_URL, else a local osmem-server) and a baseline
that analyses Chinese into single characters (the stock Wagtail Elasticsearch
behaviour: standard analyzer, every character required). Then runs
benchmarks/search_eval/queries.jsonl through each and prints, macro-averaged
over the queries: precision of everything returned, recall, F1, P@10, nDCG@10.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "search_eval"
sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]


def setup_django(db_path: str):
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings.test")
    import django

    django.setup()


def load(name):
    return [json.loads(line) for line in (DATA / name).open(encoding="utf-8") if line.strip()]


def make_pages(corpus) -> dict[str, int]:
    """Bare live pages (the indexes reference page ids); returns corpus id -> page id."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from wagtail.models import Locale, Page

    call_command("migrate", verbosity=0)
    root = Page.objects.get(depth=1)
    Page.objects.filter(depth__gt=1).delete()  # the welcome page of a fresh database
    ct = ContentType.objects.get_for_model(Page)
    locale = Locale.objects.first()
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

    def path(i):
        s = ""
        for _ in range(4):
            i, r = divmod(i, 36)
            s = alphabet[r] + s
        return root.path + s

    Page.objects.bulk_create(
        [
            Page(
                title=it["title"][:255],
                draft_title=it["title"][:255],
                slug=f"e{i}",
                path=path(i + 1),
                depth=2,
                numchild=0,
                content_type=ct,
                locale=locale,
                live=True,
                url_path=f"/e{i}/",
            )
            for i, it in enumerate(corpus)
        ]
    )
    Page.objects.filter(pk=root.pk).update(numchild=len(corpus))
    ids = list(Page.objects.filter(depth=2).order_by("path").values_list("pk", flat=True))
    return {it["id"]: pk for it, pk in zip(corpus, ids, strict=False)}


def documents(corpus, ids):
    from django.utils import timezone

    from gi_wagtail.search.base import SearchDocument

    for it in corpus:
        yield SearchDocument(
            page_id=ids[it["id"]],
            title=it["title"],
            url=f"/e/{ids[it['id']]}/",
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


class SingleCharBaseline:
    """Chinese split into single characters (the standard analyzer, as stock Wagtail's
    Elasticsearch backend indexes it); ``operator`` "or" is Wagtail's default, "and" its strict mode."""

    def __init__(self, client, index, operator="and"):
        self.client, self.index, self.operator = client, index, operator
        self.name = f"single characters, {operator.upper()}"

    def build(self, corpus, ids):
        self.client.indices.create(
            index=self.index,
            mappings={
                "properties": {
                    "title": {"type": "text", "analyzer": "standard"},
                    "body": {"type": "text", "analyzer": "standard"},
                }
            },
        )
        for it in corpus:
            self.client.index(
                index=self.index, id=str(ids[it["id"]]), document={"title": it["title"], "body": it["body"]}
            )
        self.client.indices.refresh(index=self.index)

    def ranked(self, text):
        body = {
            "query": {"multi_match": {"query": text, "fields": ["title^2", "body"], "operator": self.operator}},
            "size": 1000,
            "_source": False,
        }
        return [int(h["_id"]) for h in self.client.search(index=self.index, **body)["hits"]["hits"]]


class Interface:
    """Any gi-wagtail SearchBackend: every hit, in ranked order."""

    def __init__(self, name, backend):
        self.name, self.backend = name, backend

    def ranked(self, text):
        from gi_wagtail.search.base import SearchQuery

        out, page = [], 1
        while True:
            res = self.backend.search(SearchQuery(text, page=page, page_size=100, facets=()))
            out.extend(h.page_id for h in res.hits)
            if len(out) >= res.total or not res.hits:
                return out
            page += 1


def scores(ranked, relevant):
    hits = [r for r in ranked if r in relevant]
    precision = len(hits) / len(ranked) if ranked else 0.0
    recall = len(set(hits)) / len(relevant)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    p10 = sum(1 for r in ranked[:10] if r in relevant) / min(10, len(relevant))
    dcg = sum((2 ** relevant.get(r, 0) - 1) / math.log2(i + 2) for i, r in enumerate(ranked[:10]))
    ideal = sorted(relevant.values(), reverse=True)[:10]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "p@10": p10,
        "ndcg@10": dcg / idcg if idcg else 0.0,
        "returned": len(ranked),
    }


def evaluate(system, queries, ids):
    per_query, started = {}, time.perf_counter()
    for q in queries:
        relevant = {ids[k]: g for k, g in q["relevant"].items() if k in ids}
        per_query[q["id"]] = {**scores(system.ranked(q["query"]), relevant), "kind": q["kind"], "query": q["query"]}
    n = len(per_query)
    keys = ("precision", "recall", "f1", "p@10", "ndcg@10")
    mean = {k: sum(s[k] for s in per_query.values()) / n for k in keys}
    mean["empty"] = sum(1 for s in per_query.values() if s["returned"] == 0)
    mean["seconds"] = time.perf_counter() - started
    return mean, per_query


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", help="write all numbers (with per-query scores) to this file")
    parser.add_argument("--analyzer", default="cjk", choices=["cjk", "smartcn", "ik"])
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="gi_eval_")
    setup_django(f"{tmp}/eval.sqlite3")
    from django.conf import settings

    url, server = os.environ.get("GI_WAGTAIL_TEST_ELASTICSEARCH_URL", "").strip(), None
    if not url:
        from osmem_server import OsmemServer

        server = OsmemServer.start(japanese=False)
        url = server.url
    prefix = f"gi_eval_{os.getpid()}"
    settings.GI_WAGTAIL = {
        **settings.GI_WAGTAIL,
        "SEARCH_BACKEND": "elasticsearch",
        "ELASTICSEARCH": {"HOSTS": [url], "INDEX_PREFIX": prefix, "ANALYZER": args.analyzer},
    }
    from gi_wagtail.conf import gi_settings

    gi_settings.reload()
    from gi_wagtail.search.elasticsearch import ElasticsearchBackend
    from gi_wagtail.search.embedded import EmbeddedBackend

    corpus, queries = load("corpus.jsonl"), load("queries.jsonl")
    ids = make_pages(corpus)
    embedded = EmbeddedBackend()
    embedded.bulk_index(documents(corpus, ids))
    es = ElasticsearchBackend()
    es.rebuild(documents(corpus, ids))
    baseline = SingleCharBaseline(es.client, f"{prefix}-baseline")
    baseline.build(corpus, ids)
    baseline_or = SingleCharBaseline(es.client, baseline.index, "or")

    systems = [
        Interface("embedded", embedded),
        Interface(f"elasticsearch ({args.analyzer})", es),
        baseline,
        baseline_or,
    ]
    report = {
        "engine": es.client.info()["version"].get("distribution", "elasticsearch")
        + " "
        + es.client.info()["version"]["number"],
        "documents": len(corpus),
        "queries": len(queries),
        "systems": {},
    }
    print(f"{len(corpus)} documents, {len(queries)} queries, engine {report['engine']} at {url}")
    print(f"{'system':32} {'precision':>9} {'recall':>7} {'F1':>6} {'P@10':>6} {'nDCG@10':>8} {'empty':>6}")
    for system in systems:
        mean, per_query = evaluate(system, queries, ids)
        report["systems"][system.name] = {"mean": mean, "queries": per_query}
        print(
            f"{system.name:32} {mean['precision']:9.3f} {mean['recall']:7.3f} {mean['f1']:6.3f} {mean['p@10']:6.3f}"
            f" {mean['ndcg@10']:8.3f} {mean['empty']:6d}"
        )
    for name in [f"{prefix}-*"]:
        es.client.indices.delete(index=name, ignore_unavailable=True, allow_no_indices=True)
    if server:
        server.close()
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
