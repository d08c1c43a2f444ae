"""The standard 专栏 sub-columns in one step: the command, the index form's option, the empty-column text."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.translation import gettext
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from gi_wagtail.catalogue.columns import STANDARD_COLUMNS
from gi_wagtail.models import CatalogueCategoryPage, DisclosureIndexPage
from tests.factories import add_item, build_catalogue

pytestmark = pytest.mark.django_db

FIRST_LEVEL = ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报"]
COLUMN_COUNT = sum(1 + len(column.children) for column in STANDARD_COLUMNS)


def _titles(parent):
    return list(parent.get_children().type(CatalogueCategoryPage).values_list("title", flat=True))


def _run(*args):
    out = StringIO()
    call_command("gi_wagtail_create_columns", *args, stdout=out)
    return out.getvalue()


def test_command_creates_the_standard_tree_once(settings):
    index, category, _ = build_catalogue()  # already holds 政策法规
    out = _run("--index", str(index.pk))
    assert f"{COLUMN_COUNT} " in out
    titles = _titles(index)
    assert titles[0] == "政策法规" and titles[1:] == FIRST_LEVEL
    statutory = index.get_children().get(slug="fdzdgknr")
    assert {"机构职能", "规范性文件", "规划计划", "统计信息", "政策解读"} <= set(_titles(statutory))
    assert all(page.live for page in Page.objects.descendant_of(index).type(CatalogueCategoryPage))
    # Idempotent: a re-run adds nothing.
    before = Page.objects.count()
    assert " 0 " in _run("--index", str(index.pk))  # "created 0 columns", in the site language
    assert Page.objects.count() == before


def test_existing_columns_are_kept_whether_renamed_or_reslugged():
    index, _, _ = build_catalogue()
    guide = index.add_child(instance=CatalogueCategoryPage(title="信息公开指南", slug="xxgkzn"))  # renamed
    annual = index.add_child(instance=CatalogueCategoryPage(title="政府信息公开年报", slug="nb"))  # other slug
    _run()
    assert index.get_children().filter(slug="xxgkzn").count() == 1
    assert index.get_children().filter(title="政府信息公开年报").get().pk == annual.pk
    assert not index.get_children().filter(title="政府信息公开指南").exists()
    assert guide.get_children().count() == 0


def test_command_without_every_index_and_with_a_wrong_id():
    index, category, _ = build_catalogue()
    with pytest.raises(CommandError):
        _run("--index", str(category.pk))
    _run()  # every index
    assert set(FIRST_LEVEL) <= set(_titles(index))


def test_index_form_offers_the_columns_when_creating(admin_client):
    index, _, _ = build_catalogue()
    home = index.get_parent()
    url = reverse("wagtailadmin_pages:add", args=("gi_wagtail", "disclosureindexpage", home.pk))
    data = querydict_from_html(admin_client.get(url).content.decode(), form_id="page-edit-form")
    assert "gi_create_columns" in data  # ticked for a new 专栏
    data["gi_create_columns"] = "on"  # what a browser sends for a ticked box without a value
    data.update({"title": "政府信息公开（二）", "slug": "xxgk2", "agency_name": "高青县科学技术局"})
    data["action-publish"] = "action-publish"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    new = DisclosureIndexPage.objects.get(slug="xxgk2")
    assert _titles(new) == FIRST_LEVEL
    # Editing with the box ticked again adds nothing; unticked, nothing either.
    before = Page.objects.count()
    edit = reverse("wagtailadmin_pages:edit", args=(new.pk,))
    data = querydict_from_html(admin_client.get(edit).content.decode(), form_id="page-edit-form")
    assert "gi_create_columns" not in data  # unticked on edit
    data["gi_create_columns"] = "on"
    data["action-publish"] = "action-publish"
    assert admin_client.post(edit, data).status_code == 302
    assert Page.objects.count() == before


def test_index_form_without_the_box_creates_no_columns(admin_client):
    index, _, _ = build_catalogue()
    url = reverse("wagtailadmin_pages:add", args=("gi_wagtail", "disclosureindexpage", index.get_parent().pk))
    data = querydict_from_html(admin_client.get(url).content.decode(), form_id="page-edit-form")
    data.pop("gi_create_columns")
    data.update({"title": "政府信息公开（三）", "slug": "xxgk3", "agency_name": "高青县科学技术局"})
    data["action-publish"] = "action-publish"
    assert admin_client.post(url, data).status_code == 302
    assert DisclosureIndexPage.objects.get(slug="xxgk3").get_children().count() == 0


def test_empty_column_explains_itself_and_is_hidden_from_menus(client, settings):
    settings.GI_WAGTAIL = {**getattr(settings, "GI_WAGTAIL", {}), "PUBLIC_RATE_LIMIT": None}
    index, _, _ = build_catalogue()
    _run()
    statutory = index.get_children().get(slug="fdzdgknr")
    plans = statutory.get_children().get(slug="ghjh")
    content = client.get(plans.url).content.decode()
    assert 'class="gi-empty-column"' in content
    assert gettext("No items yet.") not in content and "暂无信息" not in content
    assert 'class="gi-filters"' not in content
    assert reverse("gi_wagtail_request_apply") in content.split('class="gi-empty-column"')[1]
    assert "规划计划" in content.split('class="gi-empty-column"')[1]
    # The index lists no empty column (the 检查指标 count empty columns).
    assert plans.url not in client.get(index.url).content.decode()

    item = add_item(plans.specific, "高青县“十四五”科技创新规划")
    content = client.get(plans.url).content.decode()
    assert 'class="gi-empty-column"' not in content and item.title in content
    # A parent column whose pages sit in a sub-column shows them, not the explanation.
    content = client.get(statutory.url).content.decode()
    assert 'class="gi-empty-column"' not in content and item.title in content
    # A filter that matches nothing keeps the filters and the table.
    content = client.get(plans.url + "?year=1999").content.decode()
    assert 'class="gi-filters"' in content and 'class="gi-empty-column"' not in content
