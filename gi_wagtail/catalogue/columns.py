"""The standard sub-columns of a 政府信息公开专栏 (国办公开办函〔2019〕61号, "专栏姓专").

First level: 政府信息公开指南, 政府信息公开制度, 法定主动公开内容 (by the art. 20 items) and
政府信息公开年报. The 依申请公开 entry is the 政府信息公开首页's own link to the request form.
Empty columns stay hidden from menus until they hold a page (the 检查指标 count empty columns).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from wagtail.models import Page

from gi_wagtail.catalogue.models.category import AbstractCatalogueCategoryPage, CatalogueCategoryPage


@dataclass(frozen=True)
class Column:
    slug: str
    title: str
    code: str
    description: str = ""
    children: tuple[Column, ...] = field(default=())


def _p(text: str) -> str:
    return f"<p>{text}</p>"


STANDARD_COLUMNS: tuple[Column, ...] = (
    Column("xxgkzn", "政府信息公开指南", "01", _p("本机关政府信息公开的范围、方式、申请程序、受理机构和联系方式。")),
    Column("xxgkzd", "政府信息公开制度", "02", _p("本机关政府信息公开工作的制度规定，如发布审核、保密审查等。")),
    Column(
        "fdzdgknr",
        "法定主动公开内容",
        "03",
        _p("《中华人民共和国政府信息公开条例》第二十条规定本机关应当主动公开的政府信息。"),
        (
            Column("jgzn", "机构职能", "0301", _p("机构职能、机构设置、办公地址、办公时间、联系方式、负责人姓名。")),
            Column("gfxwj", "规范性文件", "0302", _p("本机关制定的行政规范性文件，包括已废止和失效的文件。")),
            Column("zcjd", "政策解读", "0303", _p("对本机关政策文件的解读。")),
            Column("ghjh", "规划计划", "0304", _p("国民经济和社会发展规划、专项规划、区域规划及相关政策。")),
            Column("tjxx", "统计信息", "0305", _p("本机关职责范围内的统计信息。")),
            Column("xzql", "行政权力", "0306", _p("行政许可、行政处罚、行政强制等事项的依据、条件、程序和结果。")),
            Column("czyjs", "财政预决算", "0307", _p("财政预算、决算信息。")),
            Column("xzsyxsf", "行政事业性收费", "0308", _p("行政事业性收费项目及其依据、标准。")),
            Column("zfcg", "政府采购", "0309", _p("政府集中采购项目的目录、标准及实施情况。")),
            Column("jytabl", "建议提案办理", "0310", _p("人大代表建议和政协提案的办理结果。")),
        ),
    ),
    Column("xxgknb", "政府信息公开年报", "04", _p("本机关各年度政府信息公开工作年度报告。")),
)


def _find(parent: Page, column: Column) -> Page | None:
    """An existing category that is this column: same slug, or same title (a renamed slug is respected)."""
    categories = parent.get_children().type(AbstractCatalogueCategoryPage)
    return categories.filter(slug=column.slug).first() or categories.filter(title=column.title).first()


def _create(parent: Page, columns: tuple[Column, ...], created: list[Page]) -> None:
    for column in columns:
        page = _find(parent, column)
        if page is None:
            slug = column.slug
            if parent.get_children().filter(slug=slug).exists():  # taken by a page of another type
                slug = f"{slug}-{column.code}"
            page = CatalogueCategoryPage(
                title=column.title, slug=slug, code=column.code, description=column.description
            )
            parent.add_child(instance=page)
            page.save_revision().publish()
            created.append(page)
        if column.children:
            _create(page, column.children, created)


@transaction.atomic
def create_standard_columns(index: Page, columns: tuple[Column, ...] = STANDARD_COLUMNS) -> list[Page]:
    """Add the standard sub-columns missing under ``index``; returns the pages created (none on a re-run)."""
    created: list[Page] = []
    _create(index, columns, created)
    return created
