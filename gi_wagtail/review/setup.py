"""Group presets for the disclosure column: editors, secrecy reviewers, managers.

``setup_groups()`` is idempotent: it only adds what is missing, so it can be
re-run after adding a new 政府信息公开首页.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from gi_wagtail.catalogue.models.index import AbstractDisclosureIndexPage

EDITORS = "信息公开编辑"
REVIEWERS = "保密审查员"
MANAGERS = "信息公开管理员"

# Page permissions on each disclosure root. Editors may not publish: their
# changes go through the 信息公开发布审核 workflow. Reviewers get no page
# permission at all; the review task opens the editor to them read-only.
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page"],
    REVIEWERS: [],
    MANAGERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"],
}

SNIPPET_MODELS = ["organisation", "topicclass", "genre"]
SNIPPET_PERMISSIONS = {
    EDITORS: ["view"],
    REVIEWERS: ["view"],
    MANAGERS: ["add", "change", "delete", "view"],
}

# Collection permissions on the root collection (documents and images).
COLLECTION_PERMISSIONS = {
    EDITORS: [
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
    ],
    REVIEWERS: [("wagtaildocs", "choose_document"), ("wagtailimages", "choose_image")],
    MANAGERS: [
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "delete_document"),
        ("wagtaildocs", "choose_document"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "delete_image"),
        ("wagtailimages", "choose_image"),
    ],
}


def disclosure_roots() -> list[Page]:
    """Every 政府信息公开首页 (any subclass of AbstractDisclosureIndexPage)."""
    return list(Page.objects.type(AbstractDisclosureIndexPage))


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def setup_groups(roots: Iterable[Page] | None = None) -> dict[str, Group]:
    """Create or complete the three groups; returns {name: Group}."""
    roots = disclosure_roots() if roots is None else list(roots)
    admin_access = _permission("wagtailadmin", "access_admin")
    root_collection = Collection.get_first_root_node()
    groups = {}
    for name in (EDITORS, REVIEWERS, MANAGERS):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(admin_access)
        for model in SNIPPET_MODELS:
            for action in SNIPPET_PERMISSIONS[name]:
                group.permissions.add(_permission("gi_wagtail", f"{action}_{model}"))
        for root in roots:
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=_permission("wagtailcore", codename)
                )
        for app_label, codename in COLLECTION_PERMISSIONS[name]:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=_permission(app_label, codename)
            )
        groups[name] = group
    return groups
