"""Demo content: the disclosure column of a fictional county science bureau (高青县科学技术局)."""

import datetime

from gi_wagtail.models import CatalogueCategoryPage, DisclosureIndexPage, DisclosureItemPage, Organisation

AGENCY = "高青县科学技术局"
ORG_CODE = "11370322MB2851234X"

CATEGORIES = [
    ("xxgkzn", "政府信息公开指南", "01"),
    ("jggk", "机构概况", "02"),
    ("jgld", "机构领导", "03"),
    ("zcfg", "政策法规", "04"),
    ("ghjh", "规划计划", "05"),
    ("tjsj", "统计数据", "06"),
    ("xxgknb", "政府信息公开年报", "07"),
]

ITEMS = [
    ("zcfg", "关于印发《高青县科技创新券管理办法》的通知", "高科发〔2024〕3号", datetime.date(2024, 3, 15),
     "为支持中小微企业开展科技创新活动，降低企业研发成本，县科学技术局制定了科技创新券管理办法。"),
    ("zcfg", "关于组织申报2024年度县级科技计划项目的通知", "高科发〔2024〕7号", datetime.date(2024, 4, 2),
     "各有关单位：现将2024年度县级科技计划项目申报工作有关事项通知如下。"),
    ("ghjh", "高青县“十四五”科技创新发展规划", "", datetime.date(2022, 1, 20),
     "本规划依据《高青县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》编制。"),
    ("tjsj", "2023年高青县高新技术企业统计情况", "", datetime.date(2024, 2, 28),
     "截至2023年底，全县共有高新技术企业42家，科技型中小企业96家。"),
]


def _child(parent, model, slug, **fields):
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def build_demo_site(home, stdout=None):
    organisation, _ = Organisation.objects.get_or_create(
        name=AGENCY, defaults={"short_name": "县科技局", "org_code": ORG_CODE, "address": "高青县城黄河路87号", "phone": "0533-6961249"}
    )
    index = _child(home, DisclosureIndexPage, "xxgk", title="政府信息公开", agency_name=AGENCY, org_code=ORG_CODE)
    categories = {slug: _child(index, CatalogueCategoryPage, slug, title=title, code=code) for slug, title, code in CATEGORIES}
    for slug, title, doc_no, published_on, text in ITEMS:
        parent = categories[slug]
        if parent.get_children().filter(title=title).exists():
            continue
        item = DisclosureItemPage(
            title=title, doc_no=doc_no, published_on=published_on, written_on=published_on,
            organisation=organisation, summary=text, body=[("paragraph", f"<p>{text}</p>")],
        )
        parent.add_child(instance=item)
        item.save_revision().publish()
    return index
