"""Report search health and the index backlog (outbox); ``--drain`` applies pending updates now.

Elasticsearch: cluster, alias, counts, backlog. The embedded backend: its entries compared with the
live public pages, and the outbox; ``--drain`` also re-indexes the pages that still differ.
Elasticsearch ``--repair`` indexes the live pages the index lacks and removes documents of pages gone.
"""

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gi_wagtail.conf import gi_settings
from gi_wagtail.search.base import SearchBackend, get_backend
from gi_wagtail.search.elasticsearch.outbox import drain


class Command(BaseCommand):
    help = (
        "Show the search health: Elasticsearch (cluster, alias, counts, backlog) or the embedded index "
        "(indexed vs. live pages, backlog). Exits 1 when unhealthy."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--drain", action="store_true", help="Send pending index updates now (ignores retry delays)."
        )
        parser.add_argument(
            "--repair",
            action="store_true",
            help="Index the live pages Elasticsearch lacks and remove documents of pages gone (e.g. after it restarted empty).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if gi_settings.SEARCH_BACKEND != "elasticsearch":
            self._embedded(options.get("drain"))
            return
        try:
            quick = get_backend("elasticsearch", quick=True)
        except ImproperlyConfigured as exc:  # e.g. the elasticsearch extra is not installed
            raise CommandError(str(exc)) from exc
        try:
            self._report(quick, options.get("drain"), options.get("repair"))
        finally:
            quick.close()

    def _report(self, quick: SearchBackend, drain_first: bool, repair_first: bool = False) -> None:
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
        if repair_first:
            self._repair_counts(quick)
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
        if h.breaker != "closed":
            w(f"breaker:   {h.breaker} (public search answers from the embedded index meanwhile)")
        self._explain_counts(h)
        if not h.ok:
            raise CommandError("Elasticsearch search is not healthy.")
        w(self.style.SUCCESS("healthy"))

    # --- Elasticsearch: documents vs. live pages ----------------------------------------------

    def _explain_counts(self, h: Any) -> None:
        """Say so when the index does not hold one document per live page."""
        if h.reachable and not h.counts_match:
            self.stderr.write(
                f"Elasticsearch holds {h.indexed or 0} documents but {h.expected} pages are live "
                "(did it restart empty?). Run gi_wagtail_search_health --repair to index the missing pages, "
                "or gi_wagtail_rebuild_index --backend elasticsearch."
                + (f" ({h.backlog} pages are still waiting in the backlog: --drain sends them.)" if h.backlog else "")
            )

    def _repair_counts(self, quick: SearchBackend) -> None:
        """``--repair``: index the live pages the index lacks, remove documents of pages gone."""
        from gi_wagtail.search.elasticsearch import health as es_health

        if not es_health.check(quick).reachable:
            self.stderr.write("Not repaired: the cluster is unreachable.")
            return
        backend = get_backend("elasticsearch")
        try:
            diff = es_health.difference(backend)
            es_health.repair(backend, diff)
        except backend.errors as exc:
            self.stderr.write(f"Repair failed: {type(exc).__name__}: {exc}"[:300])
            return
        finally:
            backend.close()
        self.stdout.write(
            f"Repaired: {len(diff.missing)} missing pages indexed, {len(diff.extra)} extra documents removed"
        )

    # --- the embedded backend ----------------------------------------------------------------------

    def _embedded(self, drain_first: bool) -> None:
        from gi_wagtail.search.embedded import health as embedded_health
        from gi_wagtail.search.outbox import DrainBusyError

        w = self.stdout.write
        if drain_first:
            try:
                result, differing = embedded_health.repair()
            except DrainBusyError:
                self.stderr.write("Backlog not drained: another drain held the outbox too long; try again.")
            else:
                w(
                    f"Drained: {result.indexed} indexed, {result.deleted} deleted, {result.failed} failed, "
                    f"{result.remaining} remaining; {differing} pages found differing by the comparison"
                    + (f" ({result.error})" if result.error else "")
                )
        h = embedded_health.check(settle=2)
        w("backend:   embedded (the site's database)")
        w(f"documents: {h.indexed} indexed, {h.expected} live pages")
        for label, ids in (("missing", h.missing), ("stale", h.extra), ("outdated", h.outdated)):
            if ids:
                shown = ", ".join(str(pk) for pk in ids[: embedded_health.SHOWN])
                w(
                    f"{label + ':':<10} {len(ids)} pages (ids {shown}{', …' if len(ids) > embedded_health.SHOWN else ''})"
                )
        w(
            f"backlog:   {h.backlog} pages pending"
            + (f", oldest {h.backlog_oldest:%Y-%m-%d %H:%M:%S %Z}" if h.backlog_oldest else "")
        )
        if h.backlog_error:
            w(f"           last error: {h.backlog_error}")
        if not h.ok:
            raise CommandError(
                "The search index differs from the live pages: run gi_wagtail_search_health --drain to repair it."
            )
        w(self.style.SUCCESS("healthy"))
