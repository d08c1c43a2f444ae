"""Attachments go through review with their item: not served before it is live and public, not replaced in place."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import querydict_from_html

from gi_wagtail.catalogue.models.item import ItemAttachment
from gi_wagtail.review.setup import EDITORS, setup_groups
from tests.factories import add_item, build_catalogue
from tests.helpers import make_user

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
NEW_PDF = PDF.replace(b"Catalog", b"Catalog/Lang(zh)")


def make_document(title="附件", name="fujian.pdf", data=PDF):
    return get_document_model().objects.create(title=title, file=ContentFile(data, name=name))


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture(autouse=True)
def _files_on_disk(settings):
    # Wagtail's serve view streams from a local path; the suite's in-memory storage has none.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def category():
    _index, category, _organisation = build_catalogue()
    return category


def attach(category, title, document, publish=True):
    return add_item(category, title, publish=publish, attachments=[ItemAttachment(document=document)])


def test_attachment_of_a_draft_item_is_not_served(client, category):
    document = make_document()
    attach(category, "待审核的通知", document, publish=False)
    assert client.get(document.url).status_code == 404


def test_attachment_of_a_live_public_item_is_served(client, category):
    document = make_document()
    attach(category, "已发布的通知", document)
    response = client.get(document.url)
    assert response.status_code == 200 and body(response) == PDF


def test_document_used_by_no_page_is_served_as_before(client, category):
    document = make_document()
    assert client.get(document.url).status_code == 200


def test_attachment_of_a_private_item_is_not_served_to_the_public(client, category):
    document = make_document()
    item = attach(category, "内部通知", document)
    PageViewRestriction.objects.create(page=item, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(document.url).status_code == 404
    # A visitor the page lets in gets it, kept apart in shared caches.
    client.force_login(make_user("visitor"))
    response = client.get(document.url)
    assert response.status_code == 200 and body(response) == PDF
    assert "Cookie" in response["Vary"]


def test_attachment_of_a_private_section_is_not_served(client, category):
    document = make_document()
    attach(category, "分类下的通知", document)
    PageViewRestriction.objects.create(page=category, restriction_type="password", password="secret")
    assert client.get(document.url).status_code == 404


def test_attachment_added_in_an_unpublished_draft_of_a_live_item(client, category):
    item = attach(category, "已发布的通知", make_document("旧附件", "jiu.pdf"))
    new = make_document("新附件", "xin.pdf")
    item.attachments.add(ItemAttachment(document=new))
    item.save_revision()  # saved for review, not published
    assert client.get(new.url).status_code == 404
    item.get_latest_revision().publish()
    assert client.get(new.url).status_code == 200


def test_attachment_of_an_unpublished_item_is_withdrawn(client, category):
    document = make_document()
    item = attach(category, "撤回的通知", document)
    item.unpublish()
    assert client.get(document.url).status_code == 404


def test_document_also_published_elsewhere_stays_public(client, category):
    document = make_document()
    attach(category, "已发布的通知", document)
    attach(category, "引用同一附件的草稿", document, publish=False)
    assert client.get(document.url).status_code == 200


def test_editor_downloads_a_draft_attachment(client, category):
    setup_groups([category.get_parent()])
    document = make_document()
    attach(category, "待审核的通知", document, publish=False)
    client.force_login(make_user("outsider"))  # logged in, no permission on the page
    assert client.get(document.url).status_code == 404
    client.force_login(make_user("bianji", EDITORS))
    response = client.get(document.url)
    assert response.status_code == 200 and body(response) == PDF
    assert "Cookie" in response["Vary"]  # a shared cache keeps it apart from the public's 404


def test_guessed_document_urls_give_nothing(client, category):
    document = make_document()
    attach(category, "待审核的通知", document, publish=False)
    other_name = reverse("wagtaildocs_serve", args=(document.pk, "guess.pdf"))
    assert client.get(other_name).status_code == 404  # the id alone is not enough (Wagtail checks the name)
    assert client.get(document.url).status_code == 404  # and the right URL of an unreviewed file gives nothing


# Replacing a file through the document edit view


def edit_document(client, document, **changes):
    url = reverse("wagtaildocs:edit", args=(document.pk,))
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    forms = WagtailTestUtils.get_soup(html).find_all("form")
    index = next(i for i, form in enumerate(forms) if form.get("enctype") == "multipart/form-data")
    data = querydict_from_html(html, form_index=index)
    data.pop("file", None)
    for key, value in changes.items():
        if key != "file":
            data[key] = value
    files = {"file": changes["file"]} if "file" in changes else {}
    return client.post(url, {**data.dict(), **files})


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.invalid", "pw"))
    return client


def test_file_of_a_published_attachment_cannot_be_replaced_in_place(superuser_client, category):
    document = make_document()
    attach(category, "已发布的通知", document)
    response = edit_document(superuser_client, document, file=SimpleUploadedFile("fujian.pdf", NEW_PDF))
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["file"]
    assert [e.code for e in errors] == ["file_published"]
    assert "已发布的通知" in response.content.decode()
    document.refresh_from_db()
    with document.file.open() as handle:
        assert handle.read() == PDF
    assert body(superuser_client.get(document.url)) == PDF


def test_title_of_a_published_attachment_can_still_change(superuser_client, category):
    document = make_document()
    attach(category, "已发布的通知", document)
    response = edit_document(superuser_client, document, title="改过的标题")
    assert response.status_code == 302, response.context["form"].errors
    document.refresh_from_db()
    assert document.title == "改过的标题"


def test_file_of_an_unpublished_attachment_can_be_replaced(superuser_client, category):
    document = make_document()
    attach(category, "草稿", document, publish=False)
    response = edit_document(superuser_client, document, file=SimpleUploadedFile("fujian.pdf", NEW_PDF))
    assert response.status_code == 302, response.context["form"].errors
    document.refresh_from_db()
    with document.file.open() as handle:
        assert handle.read() == NEW_PDF
