"""Report Elasticsearch health and the index backlog; ``--drain`` retries pending updates now."""

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gi_wagtail.search.base import SearchBackend, get_backend
from gi_wagtail.search.elasticsearch.outbox import drain


class Command(BaseCommand):
    help = "Show the Elasticsearch search health (cluster, alias, counts, backlog). Exits 1 when unhealthy."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--drain", action="store_true", help="Send pending index updates now (ignores retry delays)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            quick = get_backend("elasticsearch", quick=True)
        except ImproperlyConfigured as exc:  # e.g. the elasticsearch extra is not installed
            raise CommandError(str(exc)) from exc
        try:
            self._report(quick, options.get("drain"))
        finally:
            quick.close()

    def _report(self, quick: SearchBackend, drain_first: bool) -> None:
        from gi_wagtail.search.elasticsearch import health as es_health  # needs the client library

        if drain_first:
            result = None
            if es_health.check(quick).reachable:
                backend = get_backend("elasticsearch")
                try:
                    result = drain(backend, force=True)
                finally:
                    backend.close()
            if result is None:
                self.stderr.write("Backlog not drained: the cluster is unreachable.")
            else:
                self.stdout.write(
                    f"Drained: {result.indexed} indexed, {result.deleted} deleted, {result.failed} failed, "
                    f"{result.remaining} remaining" + (f" ({result.error})" if result.error else "")
                )
        h = es_health.check(quick)
        w = self.stdout.write
        w(f"cluster:   {'reachable, status ' + h.cluster_status if h.reachable else 'UNREACHABLE ' + h.error}")
        w(
            f"alias:     {h.alias or '-'} -> {', '.join(h.indices) or 'no index (run gi_wagtail_rebuild_index --backend elasticsearch)'}"
        )
        w(f"documents: {h.indexed if h.indexed is not None else '?'} indexed, {h.expected} live pages")
        w(
            f"backlog:   {h.backlog} pages pending"
            + (f", oldest {h.backlog_oldest:%Y-%m-%d %H:%M:%S %Z}" if h.backlog_oldest else "")
        )
        if h.backlog_error:
            w(f"           last error: {h.backlog_error}")
        if h.last_failure:
            w(
                f"last failure: {h.last_failure['operation']} at {h.last_failure['at']:%Y-%m-%d %H:%M:%S %Z}: {h.last_failure['error']}"
            )
        if not h.ok:
            raise CommandError("Elasticsearch search is not healthy.")
        w(self.style.SUCCESS("healthy"))
