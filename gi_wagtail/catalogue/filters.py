"""Public filters and sorting of a catalogue category's item list.

Every query parameter is validated: an invalid value is dropped with a message,
the rest of the listing still works.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from gi_wagtail.catalogue import options as vocabulary_options
from gi_wagtail.catalogue.models.validity import Validity
from gi_wagtail.catalogue.models.vocabularies import Genre, TopicClass

SORTS = {
    "-published": ("-published_on", "-pk"),
    "published": ("published_on", "pk"),
    "title": ("title", "pk"),
    "index_no": ("index_no", "pk"),
}


class CatalogueFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1949, max_value=2100)
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=TopicClass.objects.select_related("parent"), required=False
    )
    genre = forms.ModelChoiceField(label=_("Genre"), queryset=Genre.objects.all(), required=False)
    validity = forms.ChoiceField(
        label=_("Validity"), choices=[("", "---------")] + list(Validity.choices), required=False
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-published", _("Newest first")),
            ("published", _("Oldest first")),
            ("title", _("Title")),
            ("index_no", _("Index number")),
        ],
    )

    def __init__(self, data: Any, years: Iterable[int] = (), **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.years = years

    def topic_options(self) -> list[tuple[int, str]]:
        return vocabulary_options.options(TopicClass)

    def genre_options(self) -> list[tuple[int, str]]:
        return vocabulary_options.options(Genre)

    def clean_values(self) -> tuple[dict[str, Any], list[str]]:
        """Valid values only; returns (values, messages about ignored parameters)."""
        self.is_valid()
        messages = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else name
            messages.append(
                _("Ignored the filter “%(label)s”: %(error)s") % {"label": label, "error": " ".join(errors)}
            )
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}, messages


def apply_filters(items: QuerySet, values: dict[str, Any]) -> QuerySet:
    if "year" in values:
        items = items.filter(published_on__year=values["year"])
    if "topic" in values:
        topic = values["topic"]
        items = items.filter(Q(topic=topic) | Q(topic__parent=topic))
    if "genre" in values:
        items = items.filter(genre=values["genre"])
    if "validity" in values:
        items = items.filter(validity=values["validity"])
    return items.order_by(*SORTS[values.get("sort") or "-published"])
