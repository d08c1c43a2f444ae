"""发布日期 that inspectors can trust: a changed date needs a reason once published, odd dates need
confirmation, every change is in the audit log, and pages show 更新日期 where it differs."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from gi_wagtail.catalogue.wagtail_hooks import PUBLICATION_DATE_ACTION
from tests.factories import add_item, build_catalogue
from tests.helpers import edit_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    _, category, organisation = build_catalogue()
    return add_item(category, "关于开展科技创新券申报工作的通知", organisation=organisation)


def save(client, page, **changes):
    data = edit_form_data(client, page, **changes)
    return client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)


def errors(response):
    return {name: [str(e) for e in errs] for name, errs in response.context["form"].errors.items()}


def test_changing_a_published_date_needs_a_reason_and_is_audited(admin_client, admin_user, item):
    response = save(admin_client, item, published_on="2024-03-05", published_on_confirmed="on")
    assert response.status_code == 200
    assert "published_on_reason" in errors(response)
    assert not PageLogEntry.objects.filter(page=item, action=PUBLICATION_DATE_ACTION).exists()

    reason = "原发布日期录入错误，以纸质文件为准"
    response = save(
        admin_client, item, published_on="2024-03-05", published_on_confirmed="on", published_on_reason=reason
    )
    assert response.status_code == 302
    entry = PageLogEntry.objects.get(page=item, action=PUBLICATION_DATE_ACTION)
    assert entry.user == admin_user
    assert entry.data == {"old": "2024-03-01", "new": "2024-03-05", "reason": reason, "confirmed": True}
    assert entry.message == "将发布日期由 2024-03-01 改为 2024-03-05" and entry.comment == reason
    history = admin_client.get(reverse("wagtailadmin_pages:history", args=(item.pk,))).content.decode()
    assert "将发布日期由 2024-03-01 改为 2024-03-05" in history and reason in history


def test_other_edits_need_no_reason(admin_client, item):
    assert save(admin_client, item, summary="补充摘要").status_code == 302
    assert not PageLogEntry.objects.filter(page=item, action=PUBLICATION_DATE_ACTION).exists()


def test_a_future_date_needs_confirmation(admin_client, item):
    future = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    response = save(admin_client, item, published_on=future, published_on_reason="改期发布")
    assert "published_on_confirmed" in errors(response)
    assert future in errors(response)["published_on_confirmed"][0]
    response = save(
        admin_client, item, published_on=future, published_on_reason="改期发布", published_on_confirmed="on"
    )
    assert response.status_code == 302


def test_a_new_item_dated_before_today_needs_confirmation(admin_client, item):
    category = item.get_parent()
    url = reverse("wagtailadmin_pages:add", args=("gi_wagtail", "disclosureitempage", category.pk))
    response = admin_client.get(url)
    assert "published_on_confirmed" in response.content.decode()
    from tests.helpers import querydict_from_html

    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.update({"title": "补录的2019年通知", "slug": "bulu-2019", "published_on": "2019-05-01", "body-count": "0"})
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "published_on_confirmed" in errors(response)
    data["published_on_confirmed"] = "on"
    assert admin_client.post(url, data).status_code == 302
    entry = PageLogEntry.objects.get(action=PUBLICATION_DATE_ACTION, page__title="补录的2019年通知")
    assert entry.data["new"] == "2019-05-01" and entry.data["confirmed"] is True


def test_the_public_page_shows_the_update_date_where_it_differs(client, item):
    html = client.get(item.url).content.decode()
    assert "发布日期" in html and "更新日期" not in html  # published once: nothing was updated
    item.refresh_from_db()
    item.first_published_at = timezone.make_aware(dt.datetime(2024, 3, 1, 9, 0))
    item.last_published_at = timezone.make_aware(dt.datetime(2024, 6, 1, 10, 0))
    item.save(update_fields=["first_published_at", "last_published_at"])
    html = client.get(item.url).content.decode()
    assert '<time datetime="2024-06-01">2024-06-01</time>' in html and "更新日期" in html
