"""The README's admin steps, run inside the fresh `wagtail start` project by `manage.py shell`.

Not a pytest module: test_wheel.py sends this file's source to the project's own
`python manage.py shell -c …`, followed by `run("index")` or `run("content")`, so it
runs against the project's database, settings and installed wheel. Every change goes
through the admin's own views: a form is fetched, filled in as an editor would, and
posted back; nothing is created in code. A failing step raises AssertionError.
"""

import datetime

from django.test import Client
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import querydict_from_html, rich_text
from wagtail.test.utils.wagtail_tests import WagtailTestUtils

SUPERUSER = ("admin", "Gi-Wagtail-admin-2025")  # made by the test with `createsuperuser --noinput`
STAFF = {  # username: (role group of README step 7, name)
    "bianji": ("信息公开编辑", "张", "编辑"),
    "shencha": ("保密审查员", "李", "审查"),
    "guanli": ("信息公开管理员", "王", "局长"),
}
STAFF_PASSWORD = "Xxgk-review-2025-pw"
AGENCY, ORG_CODE = "某县科学技术局", "11370322MB2851234X"
TITLE = "关于开展2025年度科技创新券申领工作的通知"
DOC_NO = "某科发〔2025〕2号"


def errors_in(html):
    soup = WagtailTestUtils.get_soup(html)
    found = soup.select(".error-message, .w-field__errors, .help-critical, .messages .error")
    return [" ".join(tag.get_text(" ").split()) for tag in found]


def log_in(username, password=STAFF_PASSWORD):
    client = Client()
    response = client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home"), (
        username,
        response.status_code,
    )
    return client


def form_of(client, url, form_id=None):
    """The form on ``url`` as the browser would send it untouched."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    html = response.content.decode()
    return html, querydict_from_html(html, form_id=form_id)


def fill(data, **fields):
    """Type into the fields (``body__0__type`` is the field ``body-0-type``)."""
    for name, value in fields.items():
        data.setlist(name.replace("__", "-"), value if isinstance(value, list) else [value])
    return data


def submit(client, url, data, **fields):
    response = client.post(url, fill(data, **fields))
    assert response.status_code == 302, (url, response.status_code, errors_in(response.content.decode()))
    return response


def checkbox_value(html, name, label):
    """The value of the checkbox ``name`` whose label reads ``label`` (what a user ticks)."""
    soup = WagtailTestUtils.get_soup(html)
    for box in soup.select(f"input[type=checkbox][name={name}]"):
        if " ".join(soup.find("label", attrs={"for": box["id"]}).get_text(" ").split()) == label:
            return box["value"]
    raise AssertionError(f"no {name} checkbox labelled {label}")


def add_page(client, parent, model, form_fields, action):
    """README: Pages → the parent → Add child page → ``model`` → fill in → publish or submit."""
    chooser = client.get(reverse("wagtailadmin_pages:add_subpage", args=(parent.pk,)))
    add_url = reverse("wagtailadmin_pages:add", args=("gi_wagtail", model, parent.pk))
    # Wagtail skips the chooser when only one page type is allowed.
    offered = chooser["Location"] == add_url if chooser.status_code == 302 else add_url in chooser.content.decode()
    assert offered, f"the add-child chooser of {parent.title} does not offer {model}"
    html, data = form_of(client, add_url, form_id="page-edit-form")
    assert f'name="{action}"' in html, f"{action} is not offered on the {model} add form"
    submit(client, add_url, data, **form_fields, **{action: action})
    return html


def awaiting_review_action(client, title, action="approve"):
    """The reviewer's dashboard lists the item under 'awaiting your review' with its decision buttons."""
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    soup = WagtailTestUtils.get_soup(html)
    section = soup.select_one("#awaiting-review-section")
    assert section is not None and title in section.get_text(), "the item is not awaiting this user's review"
    rows = [row for row in section.select("tbody tr") if title in row.get_text()]
    buttons = rows[0].select(f"button[data-workflow-action-url*='/{action}/']")
    assert buttons, f"no {action} button for the item"
    return buttons[0]["data-workflow-action-url"]


def decide(username, title, reason, name):
    client = log_in(username)
    url = awaiting_review_action(client, title)
    # The modal's form (fetched as the dashboard's script does) asks for the reason and the reviewer's name.
    modal = client.get(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest").json()["html"]
    assert 'name="reason"' in modal and 'name="reviewer_name"' in modal, modal[:500]
    data = fill(querydict_from_html(modal), reason=reason, reviewer_name=name)
    # Sent as the modal sends it; the answer tells the dashboard the decision went through.
    answer = client.post(url, data, HTTP_X_REQUESTED_WITH="XMLHttpRequest").json()
    assert answer["step"] == "success", (username, errors_in(answer.get("html", "")))


def index_step():
    """README step 6: a superuser adds the 政府信息公开首页 under the site's home page."""
    from gi_wagtail.models import DisclosureIndexPage

    client = log_in(*SUPERUSER)
    home = Site.objects.get(is_default_site=True).root_page
    chooser = client.get(reverse("wagtailadmin_pages:add_subpage", args=(home.pk,))).content.decode()
    assert "政府信息公开首页" in chooser, "the home page's add-child chooser does not list 政府信息公开首页"
    add_page(
        client,
        home,
        "disclosureindexpage",
        {"title": "政府信息公开", "slug": "xxgk", "agency_name": AGENCY, "org_code": ORG_CODE},
        "action-publish",
    )
    index = DisclosureIndexPage.objects.get(slug="xxgk")
    assert index.live and index.get_parent().pk == home.pk
    print("INDEX", index.url)


def create_staff(client):
    """README step 7: Settings → Users → Add a user, ticking the role group."""
    from django.contrib.auth import get_user_model

    url = reverse("wagtailusers_users:add")
    for username, (group, last_name, first_name) in STAFF.items():
        html, data = form_of(client, url, form_id="w-editor-form")
        submit(
            client,
            url,
            data,
            username=username,
            email=f"{username}@example.invalid",
            first_name=first_name,
            last_name=last_name,
            password1=STAFF_PASSWORD,
            password2=STAFF_PASSWORD,
            groups=checkbox_value(html, "groups", group),
        )
        user = get_user_model().objects.get(username=username)
        assert user.is_active and [g.name for g in user.groups.all()] == [group], (username, user.groups.all())


def content_step():
    """README step 8: category, 发布机构, an item with its metadata, 保密审查, 领导审签, published and found."""
    from gi_wagtail.models import (
        CatalogueCategoryPage,
        DisclosureIndexPage,
        DisclosureItemPage,
        Genre,
        Organisation,
        TopicClass,
    )

    create_staff(log_in(*SUPERUSER))
    index = DisclosureIndexPage.objects.get(slug="xxgk")

    manager = log_in("guanli")
    url = reverse("wagtailsnippets_gi_wagtail_organisation:add")
    _html, data = form_of(manager, url, form_id="w-editor-form")
    submit(manager, url, data, name=AGENCY, org_code=ORG_CODE)
    organisation = Organisation.objects.get(name=AGENCY)
    add_page(manager, index, "cataloguecategorypage", {"title": "政策法规", "slug": "zcfg"}, "action-publish")
    category = CatalogueCategoryPage.objects.get(slug="zcfg")
    assert category.live

    editor = log_in("bianji")
    topic = TopicClass.objects.get(name="科技", parent__isnull=False)
    genre = Genre.objects.get(name="通知")
    html = add_page(
        editor,
        category,
        "disclosureitempage",
        {
            "title": TITLE,
            "slug": "kjcxq-2025",
            "organisation": str(organisation.pk),
            "written_on": "2025-03-01",
            "published_on": "2025-03-03",
            "published_on_confirmed": "on",  # a back-dated new item
            "doc_no": DOC_NO,
            "topic": str(topic.pk),
            "genre": str(genre.pk),  # snippet choosers post the chosen pk
            "summary": "科技创新券申领条件、材料和流程。",
            "body__count": "1",
            "body__0__type": "paragraph",
            "body__0__deleted": "",
            "body__0__order": "0",
            "body__0__id": "p1",
            "body__0__value": rich_text("<p>符合条件的中小微企业可申领科技创新券，用于购买研发服务。</p>"),
        },
        "action-submit",
    )
    assert 'name="action-publish"' not in html, "an 信息公开编辑 is offered Publish"
    item = DisclosureItemPage.objects.get(slug="kjcxq-2025")
    assert not item.live and item.current_workflow_task.name == "保密审查", (item.live, item.current_workflow_task)

    decide("shencha", TITLE, "不涉及国家秘密和个人隐私，同意公开。", "李审查")
    item.refresh_from_db()
    assert not item.live and item.current_workflow_task.name == "领导审签", (item.live, item.current_workflow_task)
    decide("guanli", TITLE, "同意发布。", "王局长")
    item.refresh_from_db()
    assert item.live and item.index_no.startswith(ORG_CODE), (item.live, item.index_no)
    assert (item.doc_no, item.published_on, item.topic_id, item.genre_id) == (
        DOC_NO,
        datetime.date(2025, 3, 3),
        topic.pk,
        genre.pk,
    )

    public = Client()
    listing = public.get(category.url).content.decode()
    for text in (TITLE, item.index_no, DOC_NO, "2025-03-03"):
        assert text in listing, f"{text} is not on the category page"
    page = public.get(item.url).content.decode()
    assert "索引号" in page and "科技创新券" in page and "Index number" not in page and "Larger text" not in page
    assert reverse("gi_wagtail_search") == "/gi/search/"
    home = public.get("/").content.decode()
    form = WagtailTestUtils.get_soup(home).select_one('form[role="search"][action="/gi/search/"]')
    assert form is not None, "the home page has no search form"
    # The README's box completes as visitors type.
    assert form.select_one('input[name="q"][data-gi-suggest="/gi/search/suggest/"]'), form
    assert public.get("/gi/search/suggest/", {"q": "科技"}).json()["suggestions"], "no completions"
    for query in ("科技创新券申领", "研发服务"):  # words of the title, words of the body only
        hits = WagtailTestUtils.get_soup(public.get("/gi/search/", {"q": query}).content.decode()).select(
            ".gi-search-hit h2 a"
        )
        assert [(a.get_text(), a["href"]) for a in hits] == [(TITLE, item.url)], (query, hits)
    print("PUBLISHED", item.index_no, item.url)


def run(step):
    {"index": index_step, "content": content_step}[step]()
    print("JOURNEY OK", step)
