"""Catalogue signal handlers, connected once from ``GiWagtailConfig.ready()``."""

from wagtail.signals import page_published

from gi_wagtail.catalogue import options


def _validity_event_user(sender, instance, revision=None, **kwargs):
    # The item's save() recorded the event; the revision knows who published it.
    event = getattr(instance, "_gi_validity_event", None)
    if event is not None and revision is not None and revision.user_id and not event.user_id:
        event.user_id = revision.user_id
        event.save(update_fields=["user"])
    instance._gi_validity_event = None


def connect() -> None:
    from gi_wagtail.catalogue.models.item import AbstractDisclosureItemPage

    for model in _item_models(AbstractDisclosureItemPage):
        page_published.connect(_validity_event_user, sender=model, dispatch_uid=f"gi_wagtail_validity_user_{model._meta.label_lower}")
    options.connect()  # filter options are cached until a vocabulary changes


def _item_models(base):
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, base) and not model._meta.abstract]
