"""The shipped controlled vocabularies: 主题分类 (data/topics.json) and 体裁 (data/genres.json).

Loading is idempotent: existing rows are matched by name and only their order and
aliases are refreshed; rows an editor added are never touched.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import models

from gi_wagtail.catalogue.models import vocabularies

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_data(name: str) -> Any:
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


def _upsert(model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]) -> tuple[models.Model, bool]:
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), True
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    for field in changed:
        setattr(obj, field, values[field])
    if changed:
        obj.save(update_fields=changed)
    return obj, False


def load_topics(TopicClass: type[models.Model]) -> int:  # noqa: N803 (a model class, historical in migrations)
    created = 0
    for position, entry in enumerate(read_data("topics.json")["classes"], start=1):
        top, new = _upsert(
            TopicClass,
            {"parent": None, "name": entry["name"]},
            {"sort_order": position * 100, "aliases": ",".join(entry.get("aliases", []))},
        )
        created += new
        for child_position, name in enumerate(entry["children"], start=1):
            _, new = _upsert(TopicClass, {"parent": top, "name": name}, {"sort_order": position * 100 + child_position})
            created += new
    return created


def load_genres(Genre: type[models.Model]) -> int:  # noqa: N803
    data = read_data("genres.json")
    created = 0
    for official, names in ((True, data["official"]), (False, data["other"])):
        for name in names:
            position = len(data["official"]) * (not official) + names.index(name) + 1
            _, new = _upsert(Genre, {"name": name}, {"is_official_document": official, "sort_order": position})
            created += new
    return created


def load_vocabularies(
    TopicClass: type[models.Model] | None = None,  # noqa: N803
    Genre: type[models.Model] | None = None,  # noqa: N803
) -> int:
    """Load both vocabularies; pass historical models from a migration. Returns rows created."""
    if TopicClass is None or Genre is None:
        TopicClass, Genre = vocabularies.TopicClass, vocabularies.Genre  # noqa: N806
    return load_topics(TopicClass) + load_genres(Genre)
