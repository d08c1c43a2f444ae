"""Wagtail hooks of the notices: the notice templates snippet and the notice download URLs.

Imported from ``gi_wagtail.wagtail_hooks``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import URLPattern, path, reverse
from django.utils.functional import lazy
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList
from wagtail.log_actions import LogActionRegistry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from gi_wagtail.requests import notice_views, notices, tasks
from gi_wagtail.requests.models import NoticeTemplate


class NoticeTemplateForm(WagtailAdminModelForm):
    """Refuses placeholders outside the whitelist, naming them and the ones allowed."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for name in ("title", "body"):
            unknown = notices.unknown_placeholders(cleaned.get(name) or "")
            if unknown:
                self.add_error(
                    name,
                    forms.ValidationError(
                        _("Unknown placeholder %(names)s. Placeholders that can be used: %(allowed)s."),
                        code="unknown_placeholder",
                        params={
                            "names": "、".join(f"{{{n}}}" for n in unknown),
                            "allowed": "、".join(f"{{{n}}}" for n in notices.PLACEHOLDERS),
                        },
                    ),
                )
        return cleaned


def _placeholder_help() -> str:
    add_url = reverse(NoticeTemplate.snippet_viewset.get_url_name("add"))
    rows = format_html_join("", "<li><code>{{{}}}</code> {}</li>", ((n, d) for n, d in notices.PLACEHOLDERS.items()))
    kinds = format_html_join(
        "、", '<a href="{}?kind={}">{}</a>', ((add_url, kind, label) for kind, label in notices.NoticeKind.choices)
    )
    return format_html(
        "<p>{}</p><ul>{}</ul><p>{} {}</p>",
        gettext(
            "A saved template replaces the built-in text of its notice. Each line is a paragraph; the agency "
            "name and the date are added under the text. Placeholders:"
        ),
        rows,
        gettext("Start a new template from the built-in text:"),
        kinds,
    )


class NoticeTemplateCreateView(CreateView):
    """``?kind=receipt`` starts the form from the built-in text of that notice."""

    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        kind = self.request.GET.get("kind", "")
        if kind in notices.DEFAULTS:
            title, body = notices.DEFAULTS[kind]
            initial.update(kind=kind, title=title, body=body)
        return initial


class NoticeTemplateViewSet(SnippetViewSet):
    model = NoticeTemplate
    icon = "doc-full"
    menu_label = _("Notice templates")
    menu_name = "gi_wagtail_notice_templates"
    add_to_admin_menu = True
    menu_order = 260
    add_view_class = NoticeTemplateCreateView
    list_display = ["title", "kind", "updated_at"]
    search_fields = ["title", "body"]
    edit_handler = ObjectList(
        [
            FieldPanel("kind"),
            FieldPanel("title"),
            FieldPanel("body"),
            HelpPanel(content=lazy(_placeholder_help, str)(), heading=_("Placeholders")),
        ],
        base_form_class=NoticeTemplateForm,
    )


register_snippet(NoticeTemplateViewSet)


@hooks.register("register_log_actions")
def register_reminder_log_action(actions: LogActionRegistry) -> None:
    actions.register_action(
        tasks.REMIND_ACTION, _("Remind handler"), _("Reminded the handler of the due date by e-mail")
    )


@hooks.register("register_admin_urls")
def register_notice_urls() -> list[URLPattern]:
    return [
        path(
            "requests/<int:pk>/notice/<str:kind>/<str:fmt>/",
            notice_views.notice,
            name="gi_wagtail_request_notice",
        ),
    ]
