from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gi_wagtail.search.base import get_backend
from gi_wagtail.search.documents import searchable_pages
from gi_wagtail.search.rebuild import default_jobs, write_all


class Progress:
    """Counts indexed pages and writes a line at every tenth of the total (nothing at verbosity 0)."""

    def __init__(self, stdout, total, verbosity):
        self.stdout, self.total, self.done = stdout, total, 0
        self.step = max(1, -(-total // 10))
        self.next = self.step if verbosity > 0 else None

    def update(self, n):
        self.done += n
        if self.next is not None and self.done >= self.next:
            self.stdout.write(_("%(done)d of %(total)d pages") % {"done": self.done, "total": self.total})
            self.next = (self.done // self.step + 1) * self.step


class Command(BaseCommand):
    help = "Rebuild the gi_wagtail search index from all live public pages."

    def add_arguments(self, parser):
        parser.add_argument("--backend", help="backend name or dotted path (default: GI_WAGTAIL['SEARCH_BACKEND'])")
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--jobs",
            type=int,
            help="processes building documents (default: one per core, at most 4; 1 for small sites)",
        )

    def handle(self, *args, backend=None, batch_size=500, jobs=None, **options):
        try:
            search_backend = get_backend(backend)
        except (ValueError, NotImplementedError, ImproperlyConfigured) as exc:
            raise CommandError(str(exc)) from exc
        pages = searchable_pages().order_by("path")
        total = pages.count()
        if hasattr(search_backend, "rebuild_all"):  # Elasticsearch: a new index, then an atomic alias swap
            progress = Progress(self.stdout, total, options.get("verbosity", 1))
            try:
                written = search_backend.rebuild_all(progress=progress.update)
            except Exception as exc:
                raise CommandError(f"{search_backend.name}: {type(exc).__name__}: {exc}") from exc
            self.stdout.write(
                _("Indexed %(n)d pages, removed %(r)d stale entries (backend %(b)s).")
                % {"n": written, "r": 0, "b": search_backend.name}
            )
            return
        ids = list(pages.values_list("pk", flat=True))
        stale = search_backend.indexed_ids() - set(ids)
        search_backend.delete(stale)
        progress = Progress(self.stdout, total, options.get("verbosity", 1))
        jobs = jobs or default_jobs(len(ids), batch_size)
        written = write_all(search_backend, ids, batch_size, jobs, progress.update)
        self.stdout.write(
            _("Indexed %(n)d pages, removed %(r)d stale entries (backend %(b)s).")
            % {"n": written, "r": len(stale), "b": search_backend.name}
        )
