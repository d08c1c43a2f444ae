"""Builders for the page tree used across the suite."""

import datetime

from django.conf import settings
from django.utils.translation import get_supported_language_variant
from wagtail.models import Collection, Locale, Page, Site

from gi_wagtail.models import CatalogueCategoryPage, DisclosureIndexPage, DisclosureItemPage, Organisation


def root_page():
    """The tree root; recreated when a transactional test has flushed what migrations made."""
    root = Page.get_first_root_node()
    if root is None:
        Locale.objects.get_or_create(language_code=get_supported_language_variant(settings.LANGUAGE_CODE))
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:  # flushed too; documents and group permissions need it
        Collection.add_root(name="Root")
    return root


def build_catalogue(org_code="11370322MB2851234X"):
    """A site whose root holds a disclosure index with one category. Returns (index, category, organisation)."""
    home = root_page().add_child(instance=Page(title="首页", slug="gi-home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "port": 80}
    )
    index = home.add_child(
        instance=DisclosureIndexPage(
            title="政府信息公开", slug="xxgk", agency_name="高青县科学技术局", org_code=org_code
        )
    )
    category = index.add_child(instance=CatalogueCategoryPage(title="政策法规", slug="zcfg", code="04"))
    organisation = Organisation.objects.create(name="高青县科学技术局", short_name="县科技局", org_code=org_code)
    return index, category, organisation


def add_item(category, title, publish=True, **fields):
    fields.setdefault("published_on", datetime.date(2024, 3, 1))
    item = DisclosureItemPage(title=title, live=False, **fields)
    category.add_child(instance=item)
    revision = item.save_revision()
    if publish:
        revision.publish()
        item.refresh_from_db()
    return item
