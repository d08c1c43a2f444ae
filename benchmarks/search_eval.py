"""Search quality on a judged evaluation set: gi_wagtail (embedded and Elasticsearch) beside
stock Wagtail search and a naive ``icontains``.

    python benchmarks/search_eval.py [--set dev|unseen|holdout] [--systems embedded,elasticsearch,stock,icontains]
                                     [--json out.json] [--verbose]

Sets: ``dev`` is benchmarks/search_eval (written alongside the engine); ``unseen`` is
benchmarks/search_eval_unseen (real government texts judged by reading before the engine
ever ran on them); ``holdout`` is the unseen corpus with its held-out queries, run once.

The corpus becomes real pages in a fresh database (DATABASE_URL, default a SQLite file in
the temp directory): catalogue items, items whose text is only in an attached PDF, DOCX or
XLSX (generated files, extracted at indexing like an editor's upload), and annual reports
(imported from their text by the report parser). Indexes are built by the real commands
(``gi_wagtail_rebuild_index``, ``update_index``); Elasticsearch is GI_WAGTAIL_TEST_ELASTICSEARCH_URL
or a local osmem-server. Per system, macro-averaged over the queries:

- recall@10: relevant pages among the 10 shown / min(10, relevant pages);
- P@10: relevant pages among the full matches shown (every word matched) / those full
  matches (at most 10); partial matches are listed apart, under their own heading;
- P@10 shown: relevant among everything shown in the top 10 / everything shown;
- MRR: 1 / rank of the first relevant page in the top 10 (0 if none).
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
SETS = {
    "dev": (ROOT / "benchmarks" / "search_eval", "queries.jsonl"),
    "unseen": (ROOT / "benchmarks" / "search_eval_unseen", "queries.jsonl"),
    "holdout": (ROOT / "benchmarks" / "search_eval_unseen", "holdout.jsonl"),
}
SYSTEMS = ("embedded", "elasticsearch", "stock", "icontains")
TARGETS = {"recall": 0.95, "precision": 0.90, "rr": 0.90}
VALIDITY = {"有效": "valid", "失效": "expired", "废止": "repealed", "": "valid"}


def setup(set_name: str) -> None:
    sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
    tmp = tempfile.mkdtemp(prefix=f"gi_eval_{set_name}_")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/eval.sqlite3")
    os.environ.setdefault("GI_MEDIA_ROOT", f"{tmp}/media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings.test")
    import django

    django.setup()


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


# --- pages ----------------------------------------------------------------------------------


def build_pages(corpus: list[dict], verbose: bool = False) -> dict[int, str]:
    """Every corpus document as a live page; returns page id -> corpus id."""
    from django.core.management import call_command
    from wagtail.models import Page, Site

    from gi_wagtail.models import DisclosureIndexPage

    call_command("migrate", verbosity=0)
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
    builder = PageBuilder(index)
    started = time.perf_counter()
    ids = {}
    for n, doc in enumerate(corpus):
        page = builder.report(doc, n) if doc.get("kind") == "report" else builder.item(doc, n)
        ids[page.pk] = doc["id"]
    if verbose:
        print(f"created {len(corpus)} pages in {time.perf_counter() - started:.1f} s")
    return ids


class PageBuilder:
    def __init__(self, index) -> None:
        self.index = index
        self.categories, self.orgs = {}, {}

    def category(self, name: str):
        from gi_wagtail.models import CatalogueCategoryPage

        if name not in self.categories:
            self.categories[name] = self.index.add_child(
                instance=CatalogueCategoryPage(title=name, slug=f"c{len(self.categories)}")
            )
        return self.categories[name]

    def organisation(self, name: str):
        from gi_wagtail.models import Organisation

        if name not in self.orgs:
            self.orgs[name], _ = Organisation.objects.get_or_create(name=name[:100])
        return self.orgs[name]

    def item(self, doc: dict, n: int):
        from gi_wagtail.models import DisclosureItemPage, Genre, ItemAttachment, TopicClass

        topic = TopicClass.objects.get_or_create(name=doc.get("topic") or "其他", parent=None)[0]
        genre = Genre.objects.get_or_create(name=doc.get("genre") or "其他")[0]
        body = doc.get("body") or ""
        paragraphs = "".join(f"<p>{_escape(p)}</p>" for p in body.split("\n") if p.strip())
        page = DisclosureItemPage(
            title=doc["title"][:255],
            slug=f"i{n}",
            index_no=doc.get("index_no") or f"000000000/{doc['published'][:4]}-{n + 1:05d}",
            doc_no=doc.get("doc_no") or "",
            organisation=self.organisation(doc.get("organisation") or "评测"),
            topic=topic,
            genre=genre,
            validity=VALIDITY.get(doc.get("validity") or "", "valid"),
            published_on=dt.date.fromisoformat(doc["published"]),
            summary=body[:500],
            body=json.dumps([{"type": "paragraph", "value": paragraphs or "<p></p>"}], ensure_ascii=False),
            live=True,
        )
        self.category(doc.get("category") or "其他").add_child(instance=page)
        attachment = doc.get("attachment")
        if attachment:
            page.attachments.add(ItemAttachment(document=_document(attachment), sort_order=0))
            page.save()
        return page

    def report(self, doc: dict, n: int):
        from wagtail.rich_text import RichText

        from gi_wagtail.reports.models import AnnualReportPage
        from gi_wagtail.reports.parsers import parse_bytes

        year = doc.get("year") or int(doc["published"][:4]) - 1
        page = AnnualReportPage(
            title=doc["title"][:255], slug=f"r{n}", organisation=self.organisation(doc.get("organisation") or "评测")
        )
        try:
            page.apply_report_data(parse_bytes(doc["body"].encode("utf-8"), "report.txt", year=year))
        except Exception:
            page.year, page.report_format = year, "2021" if year >= 2020 else "2019"
            page.sections = [("section", {"key": "", "heading": "", "body": RichText(_paragraphs(doc["body"]))})]
        page.title = doc["title"][:255]
        page.published_on = dt.date.fromisoformat(doc["published"])
        page.live = True
        self.category(doc.get("category") or "政府信息公开年报").add_child(instance=page)
        return page


def _escape(text: str) -> str:
    from django.utils.html import escape

    return escape(text)


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{_escape(p)}</p>" for p in text.split("\n") if p.strip())


def _document(attachment: dict):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model

    from home import demo_files

    fmt = attachment.get("format") or "pdf"
    name = attachment.get("name") or f"附件.{fmt}"
    if not name.lower().endswith("." + fmt):
        name = f"{name}.{fmt}"
    title = Path(name).stem
    lines = [line for line in attachment["text"].split("\n") if line.strip()]
    upload = SimpleUploadedFile(name, getattr(demo_files, fmt)(title, lines))
    document = get_document_model()(title=title, file=upload)
    document._set_document_file_metadata()
    document.save()
    return document


# --- systems --------------------------------------------------------------------------------


class Result:
    def __init__(self, ids: list[int], partial: set[int] | None = None) -> None:
        self.ids, self.partial = ids, partial or set()


def system_runner(name: str):
    if name == "embedded":
        from gi_wagtail.search.base import SearchQuery, get_backend

        backend = get_backend("embedded")

        def run(q):
            hits = backend.search(SearchQuery(q, page_size=10, facets=())).hits
            return Result([h.page_id for h in hits], {h.page_id for h in hits if h.partial})

        return run
    if name == "elasticsearch":
        from gi_wagtail.search.base import SearchQuery
        from gi_wagtail.search.elasticsearch import ElasticsearchBackend

        backend = ElasticsearchBackend()

        def run(q):
            results = backend._search(SearchQuery(q, page_size=10, facets=()), None)  # no silent fallback
            return Result([h.page_id for h in results.hits], {h.page_id for h in results.hits if h.partial})

        return run
    if name == "stock":
        from wagtail.models import Page

        def run(q):
            try:
                return Result([p.pk for p in Page.objects.live().search(q)[:10]])
            except Exception as exc:
                print(f"  stock search failed for {q!r}: {type(exc).__name__}")
                return Result([])

        return run
    if name == "icontains":
        from django.db.models import Q

        from gi_wagtail.search.models import SearchEntry

        def run(q):
            q = q.strip()
            qs = SearchEntry.objects.filter(Q(title__icontains=q) | Q(text__body__icontains=q))
            return Result(list(qs.order_by("-published").values_list("page_id", flat=True)[:10]))

        return run
    raise ValueError(name)


def start_elasticsearch():
    """GI_WAGTAIL_TEST_ELASTICSEARCH_URL, else a local osmem-server; the backend configured for it."""
    from django.conf import settings

    from gi_wagtail.conf import gi_settings

    url, server = os.environ.get("GI_WAGTAIL_TEST_ELASTICSEARCH_URL", "").strip(), None
    if not url:
        from osmem_server import OsmemServer

        server = OsmemServer.start(japanese=False)
        url = server.url
    settings.GI_WAGTAIL = {
        **settings.GI_WAGTAIL,
        "ELASTICSEARCH": {"HOSTS": [url], "INDEX_PREFIX": f"gi_eval_{os.getpid()}", "FALLBACK": False},
    }
    gi_settings.reload()
    from gi_wagtail.search.elasticsearch import ElasticsearchBackend

    ElasticsearchBackend().rebuild_all()
    return server


# --- scoring --------------------------------------------------------------------------------


def evaluate(run, queries: list[dict], id_map: dict[int, str]) -> list[dict]:
    rows = []
    for q in queries:
        started = time.perf_counter()
        result = run(q["query"])
        ms = (time.perf_counter() - started) * 1000
        shown = [(id_map.get(pk), pk in result.partial) for pk in result.ids][:10]
        rel = q["relevant"]
        found = [cid for cid, _ in shown if cid in rel]
        full = [cid for cid, partial in shown if not partial]
        first = next((r for r, (cid, _) in enumerate(shown, 1) if cid in rel), None)
        rows.append(
            dict(
                id=q["id"],
                query=q["query"],
                kind=q.get("kind", ""),
                ms=ms,
                recall=len(found) / min(10, len(rel)),
                precision=(sum(1 for cid in full if cid in rel) / len(full)) if full else 0.0,
                shown_precision=len(found) / len(shown) if shown else 0.0,
                rr=1 / first if first else 0.0,
                top=[cid for cid, _ in shown],
                partial=[cid for cid, partial in shown if partial],
            )
        )
    return rows


def summary(rows: list[dict]) -> dict[str, float]:
    n = len(rows) or 1
    return {k: sum(r[k] for r in rows) / n for k in ("recall", "precision", "shown_precision", "rr")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", default="dev", choices=sorted(SETS))
    parser.add_argument("--systems", default="embedded,stock,icontains")
    parser.add_argument("--json", help="write per-query results to this file")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    systems = [s for s in args.systems.split(",") if s]
    unknown = set(systems) - set(SYSTEMS)
    if unknown:
        parser.error(f"unknown systems: {', '.join(sorted(unknown))}")
    setup(args.set)
    from django.core.management import call_command
    from django.db import connection

    folder, query_file = SETS[args.set]
    corpus, queries = read_jsonl(folder / "corpus.jsonl"), read_jsonl(folder / query_file)
    id_map = build_pages(corpus, args.verbose)
    started = time.perf_counter()
    call_command("gi_wagtail_rebuild_index", verbosity=0)
    if "stock" in systems:
        # Wagtail's own database search, whatever the example site configures.
        from django.conf import settings

        settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
        call_command("update_index", verbosity=0)
    server = start_elasticsearch() if "elasticsearch" in systems else None
    if args.verbose:
        print(f"indexed in {time.perf_counter() - started:.1f} s")
    results = {name: evaluate(system_runner(name), queries, id_map) for name in systems}
    if server:
        server.close()

    print(f"set: {args.set}; database: {connection.vendor}; {len(corpus)} documents, {len(queries)} queries")
    print(f"{'system':16s} {'recall@10':>9s} {'P@10':>6s} {'P@10 shown':>10s} {'MRR':>6s} {'p95 ms':>7s}")
    for name, rows in results.items():
        s = summary(rows)
        times = sorted(r["ms"] for r in rows)
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))] if times else 0.0
        print(
            f"{name:16s} {s['recall']:9.3f} {s['precision']:6.3f} {s['shown_precision']:10.3f} {s['rr']:6.3f}"
            f" {p95:7.1f}"
        )
    print(f"{'target':16s} {TARGETS['recall']:9.2f} {TARGETS['precision']:6.2f} {'':>10s} {TARGETS['rr']:6.2f}")
    print("\nrecall@10 by query kind:")
    kinds = sorted({q.get("kind", "") for q in queries})
    for name, rows in results.items():
        by = defaultdict(list)
        for r in rows:
            by[r["kind"]].append(r["recall"])
        print(f"  {name:14s} " + " ".join(f"{k}={sum(v) / len(v):.2f}" for k, v in ((k, by[k]) for k in kinds)))
    if args.verbose:
        for name, rows in results.items():
            print(f"\n{name}: queries below target")
            for r in rows:
                if r["recall"] < 1 or r["precision"] < 1 or r["rr"] < 1:
                    print(
                        f"  {r['id']} {r['query']!r}: recall={r['recall']:.2f} P={r['precision']:.2f}"
                        f" rr={r['rr']:.2f} top={r['top'][:5]} partial={r['partial'][:3]}"
                    )
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
