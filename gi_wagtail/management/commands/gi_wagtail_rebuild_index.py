"""Rebuild the search index from the live, public pages."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from gi_wagtail.conf import gi_settings


class Command(BaseCommand):
    help = "Rebuild the gi_wagtail search index. Elasticsearch: a new index, then an atomic alias swap."

    def add_arguments(self, parser):
        parser.add_argument("--backend", choices=["embedded", "elasticsearch"], help="Default: GI_WAGTAIL['SEARCH_BACKEND'].")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        from gi_wagtail.search.elasticsearch.sources import count_documents, iter_documents

        name = options.get("backend") or gi_settings.SEARCH_BACKEND
        total = count_documents()
        bar = tqdm(total=total, unit="page", disable=options["no_progress"], file=self.stderr, desc=f"{name} index")
        try:
            if name == "elasticsearch":
                from elasticsearch import ApiError, TransportError

                from gi_wagtail.models import SearchIndexBacklog
                from gi_wagtail.search.elasticsearch import ElasticsearchBackend

                backend = ElasticsearchBackend()
                try:
                    # Everything queued so far is covered by the rebuild.
                    last = SearchIndexBacklog.objects.order_by("-id").values_list("id", flat=True).first()
                    count = backend.rebuild(iter_documents(), progress=bar.update)
                    if last:
                        SearchIndexBacklog.objects.filter(id__lte=last).delete()
                except (ApiError, TransportError) as exc:
                    raise CommandError(f"Elasticsearch is unreachable or failing: {exc}") from exc
            else:
                from gi_wagtail.search.base import get_backend

                backend = get_backend(name)
                backend.clear()
                count = 0
                for doc in iter_documents():
                    count += backend.index([doc])
                    bar.update(1)
        finally:
            bar.close()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} of {total} pages ({name})."))
