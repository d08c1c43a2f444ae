"""Admin form of the 政府信息公开首页: offers to add the standard sub-columns in the same step."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class DisclosureIndexAdminForm(WagtailAdminPageForm):
    gi_create_columns = forms.BooleanField(
        required=False,
        label=_("Create the standard sub-columns"),
        help_text=_(
            "政府信息公开指南, 政府信息公开制度, 法定主动公开内容 (机构职能, 规范性文件, 规划计划, 统计信息 …) and "
            "政府信息公开年报, as 国办公开办函〔2019〕61号 asks. Only missing ones are added; empty columns stay "
            "hidden from the menus until they hold a page."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "gi_create_columns" in self.fields and self.instance.pk is None:
            self.fields["gi_create_columns"].initial = True  # a new 专栏 starts with its standard structure

    def save(self, commit: bool = True) -> Any:
        page = super().save(commit=commit)
        # Read by the after_create_page / after_edit_page hooks, once the page is in the tree.
        page._gi_create_columns = bool(self.cleaned_data.get("gi_create_columns"))
        return page
