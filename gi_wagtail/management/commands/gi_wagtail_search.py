import json

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from gi_wagtail.search.base import SearchQuery, get_backend


class Command(BaseCommand):
    help = "Search the gi_wagtail index from the command line."

    def add_arguments(self, parser):
        parser.add_argument("query")
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--json", action="store_true", help="print JSON instead of tab-separated lines")
        parser.add_argument("--backend")

    def handle(self, *args, query, limit, json=False, backend=None, **options):
        if limit < 1:
            raise CommandError("--limit must be at least 1")
        try:
            search_backend = get_backend(backend)
        except (ValueError, NotImplementedError, ImproperlyConfigured) as exc:
            raise CommandError(str(exc)) from exc
        results = search_backend.search(SearchQuery(query, page_size=min(limit, 100), facets=()))
        rows = [
            {
                "id": h.page_id,
                "title": h.title,
                "url": h.url,
                "index_no": h.index_no,
                "category": h.category,
                "published": h.published.isoformat() if h.published else None,
                "score": round(h.score, 4),
            }
            for h in results.hits
        ]
        if json:
            self.stdout.write(
                _dumps({"query": query, "total": results.total, "hits": rows, "suggestions": results.suggestions})
            )
            return
        for r in rows:
            self.stdout.write(
                "\t".join(
                    str(r[k] if r[k] is not None else "")
                    for k in ("id", "title", "url", "index_no", "category", "published", "score")
                )
            )
        if not rows and results.suggestions:
            self.stderr.write("suggestions: " + ", ".join(results.suggestions))


def _dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=2)
