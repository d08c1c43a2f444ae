"""Finding register records by what people type (organisation names in commands and imports)."""

from __future__ import annotations

from typing import Any

from django.apps import apps


def find_organisation(name: str) -> Any:
    """The organisation with this name or short name, or None."""
    name = (name or "").strip()
    if not name:
        return None
    model = apps.get_model("gi_wagtail", "Organisation")
    return model.objects.filter(name=name).first() or model.objects.filter(short_name=name).first()
