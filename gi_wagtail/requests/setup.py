"""The group 依申请公开经办人: admin access and the permissions of the request register (idempotent)."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

HANDLERS = "依申请公开经办人"

# (app_label, codename). Handlers register requests, record their steps and correct details;
# they do not delete requests (the annual report's tables are counted from them).
HANDLER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("gi_wagtail", "view_disclosurerequest"),
    ("gi_wagtail", "add_disclosurerequest"),
    ("gi_wagtail", "change_disclosurerequest"),
]


@transaction.atomic
def setup_handlers_group() -> Group:
    """Create the group, or add the permissions it is missing; never removes anything."""
    group, _created = Group.objects.get_or_create(name=HANDLERS)
    for app_label, codename in HANDLER_PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group
