"""What a citizen sees on both backends alike: questions, partial matches, validity,
proximity and attachments (the embedded backend on the database under test, Elasticsearch
over real HTTP)."""

import datetime as dt

import pytest
from django.utils import timezone

from gi_wagtail.search.base import SearchDocument, SearchQuery

pytestmark = [pytest.mark.elasticsearch]


@pytest.fixture(params=["embedded", "elasticsearch"])
def engine(request, make_page):
    """(backend, index(docs)) for each backend; documents get real page ids."""
    if request.param == "embedded":
        from gi_wagtail.search.embedded import EmbeddedBackend

        backend = EmbeddedBackend()
    else:
        backend = request.getfixturevalue("backend")

    def index(specs):
        docs = []
        for title, body, fields in specs:
            page = make_page(title=title)
            fields = dict(fields)
            year = fields.pop("year", 2023)
            docs.append(
                SearchDocument(
                    page_id=page.pk,
                    title=title,
                    body=body,
                    url=f"/p/{page.pk}/",
                    published=timezone.make_aware(dt.datetime(year, 3, 1)),
                    **fields,
                )
            )
        if request.param == "embedded":
            backend.index(docs)
        else:
            backend.rebuild(docs)
        return [d.page_id for d in docs]

    return backend, index


def titles(results, partial=None):
    return [h.title for h in results.hits if partial is None or h.partial == partial]


def test_question_words_are_dropped(engine):
    backend, index = engine
    index(
        [
            ("高青县科学技术局政府信息公开指南", "公民可以向本机关申请获取政府信息，申请应当采用书面形式。", {}),
            ("关于开展科技特派员工作的通知", "各乡镇科技特派员要深入一线。", {}),
        ]
    )
    for question in ("如何申请政府信息", "请问在哪里申请政府信息", "怎么申请政府信息？"):
        results = backend.search(SearchQuery(question))
        assert titles(results, partial=False)[:1] == ["高青县科学技术局政府信息公开指南"], question


def test_partial_matches_follow_full_ones_best_covered_first(engine):
    backend, index = engine
    index(
        [
            ("科技项目申报指南", "申报条件和申报材料。", {}),
            ("科技项目验收办法", "项目验收的程序。", {}),
            ("关于组织科技项目申报的通知", "请各单位按时申报，附申报说明。", {}),
            ("农业保险补贴政策", "保险补贴标准。", {}),
        ]
    )
    results = backend.search(SearchQuery("科技项目 申报 说明"))
    assert titles(results, partial=False) == ["关于组织科技项目申报的通知"]
    partial = titles(results, partial=True)
    # Two of the three words (科技项目, 申报) before one (科技项目); nothing that matches none.
    assert partial == ["科技项目申报指南", "科技项目验收办法"]
    assert results.total == 3 and results.partial_total == 2
    assert [h.partial for h in results.hits] == [False, True, True]


def test_no_partial_matches_when_full_ones_fill_the_page(engine):
    backend, index = engine
    index([(f"科技项目申报通知第{n}批", "申报说明", {}) for n in range(3)] + [("科技项目验收", "", {})])
    results = backend.search(SearchQuery("科技项目 申报", page_size=3))
    assert results.total == 3 and not any(h.partial for h in results.hits)


def test_items_in_force_rank_above_repealed_ones(engine):
    backend, index = engine
    old, current = index(
        [
            ("高青县科技创新券管理办法", "科技创新券的申领和兑付。", {"validity": "repealed", "year": 2024}),
            ("高青县科技创新券管理办法", "科技创新券的申领和兑付。", {"validity": "valid", "year": 2021}),
        ]
    )
    results = backend.search(SearchQuery("科技创新券管理办法"))
    assert [h.page_id for h in results.hits] == [current, old]


def test_equal_scores_go_to_the_newer_item(engine):
    backend, index = engine
    older, newer = index(
        [("科技特派员工作总结", "科技特派员。", {"year": 2020}), ("科技特派员工作总结", "科技特派员。", {"year": 2023})]
    )
    assert [h.page_id for h in backend.search(SearchQuery("科技特派员")).hits] == [newer, older]


def test_words_together_beat_scattered_words(engine):
    backend, index = engine
    scattered, together = index(
        [
            ("农业技术推广中的科学管理项目", "有关事项通知如下。", {"year": 2024}),
            ("科学技术项目管理办法", "有关事项通知如下。", {"year": 2020}),
        ]
    )
    results = backend.search(SearchQuery("科学技术 项目"))
    assert [h.page_id for h in results.hits if not h.partial][:1] == [together]


def test_attachment_text_is_found_below_the_body_and_named(engine):
    backend, index = engine
    in_body, in_attachment = index(
        [
            ("关于印发认定办法的通知", "营业执照复印件须加盖公章。", {"year": 2020}),
            (
                "关于印发科技型中小企业认定办法的通知",
                "现将办法印发给你们，详见附件。",
                {"year": 2024, "attachments": [("附件：认定办法.pdf", "第五条 申报材料包括营业执照复印件。")]},
            ),
        ]
    )
    results = backend.search(SearchQuery("营业执照复印件"))
    assert [h.page_id for h in results.hits] == [in_body, in_attachment]
    hit = results.hits[1]
    assert hit.attachment == "附件：认定办法.pdf"
    assert "<mark>营业执照</mark><mark>复印件</mark>" in hit.highlight  # the passage of the attachment
    assert results.hits[0].attachment == ""
