"""Shared --root handling for the setup commands."""

from __future__ import annotations

from argparse import ArgumentParser
from collections.abc import Iterable

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from wagtail.models import Page

from gi_wagtail.catalogue.models.index import AbstractDisclosureIndexPage
from gi_wagtail.review.setup import disclosure_roots


def add_root_argument(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--root",
        action="append",
        type=int,
        metavar="PAGE_ID",
        help="ID of a 政府信息公开首页 (repeatable). Default: every DisclosureIndexPage.",
    )


def resolve_roots(ids: Iterable[int] | None) -> list[Page]:
    """The pages given by ``--root`` (each must be a disclosure index), or every disclosure index."""
    if not ids:
        return disclosure_roots()
    roots = []
    for page_id in ids:
        page = Page.objects.filter(pk=page_id).first()
        if page is None:
            raise CommandError(_("No page with ID %(id)s.") % {"id": page_id})
        if not isinstance(page.specific, AbstractDisclosureIndexPage):
            raise CommandError(
                _("Page %(id)s (%(title)s) is not a disclosure index page.") % {"id": page_id, "title": page.title}
            )
        roots.append(page)
    return roots
