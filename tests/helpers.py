"""Users and workflow set-up shared by the security tests."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import querydict_from_html

from gi_wagtail.review.setup import EDITORS, MANAGERS, REVIEWERS


def make_user(username, *group_names):
    user = get_user_model().objects.create_user(
        username=username, password="pw-" + username, email=f"{username}@example.invalid"
    )
    user.groups.set(Group.objects.filter(name__in=group_names))
    return user


def make_staff():
    """Returns a namespace of users: editor, editor2, reviewer, manager, editor_reviewer."""

    class Staff:
        editor = make_user("editor", EDITORS)
        editor2 = make_user("editor2", EDITORS)
        reviewer = make_user("reviewer", REVIEWERS)
        manager = make_user("manager", MANAGERS)
        editor_reviewer = make_user("editor_reviewer", EDITORS, REVIEWERS)

    return Staff


def edit_form_data(client, page, **changes):
    """The page editor's own form as the logged-in user sees it, with ``changes`` applied."""
    from django.urls import reverse

    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200, response.status_code
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # StreamFields are drawn by JavaScript, so the HTML has no inputs for them: an empty body.
    data.setdefault("body-count", "0")
    for key, value in changes.items():
        data[key] = value
    return data
