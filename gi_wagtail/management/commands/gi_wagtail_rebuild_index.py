from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from gi_wagtail.search.base import get_backend
from gi_wagtail.search.documents import documents_for_ids, searchable_pages


class Command(BaseCommand):
    help = "Rebuild the gi_wagtail search index from all live public pages."

    def add_arguments(self, parser):
        parser.add_argument("--backend", help="backend name or dotted path (default: GI_WAGTAIL['SEARCH_BACKEND'])")
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, backend=None, batch_size=500, **options):
        try:
            search_backend = get_backend(backend)
        except (ValueError, NotImplementedError) as exc:
            raise CommandError(str(exc)) from exc
        pages = searchable_pages().order_by("path")
        total = pages.count()
        if hasattr(search_backend, "rebuild_all"):  # Elasticsearch: a new index, then an atomic alias swap
            progress = tqdm(total=total, unit="page", disable=options.get("verbosity", 1) == 0, file=self.stderr)
            try:
                written = search_backend.rebuild_all(progress=progress.update)
            except Exception as exc:
                raise CommandError(f"{search_backend.name}: {type(exc).__name__}: {exc}") from exc
            finally:
                progress.close()
            self.stdout.write(_("Indexed %(n)d pages, removed %(r)d stale entries (backend %(b)s).")
                              % {"n": written, "r": 0, "b": search_backend.name})
            return
        ids = list(pages.values_list("pk", flat=True))
        stale = search_backend.indexed_ids() - set(ids)
        search_backend.delete(stale)
        bulk = getattr(search_backend, "bulk_index", search_backend.index)
        progress = tqdm(total=total, unit="page", disable=options.get("verbosity", 1) == 0, file=self.stderr)
        written = 0
        # Documents are built a batch at a time: a few queries per batch instead of several per page.
        for start in range(0, len(ids), batch_size):
            batch = ids[start : start + batch_size]
            written += bulk(documents_for_ids(batch))
            progress.update(len(batch))
        progress.close()
        self.stdout.write(_("Indexed %(n)d pages, removed %(r)d stale entries (backend %(b)s).")
                          % {"n": written, "r": len(stale), "b": search_backend.name})
