"""Completions, pinyin and "did you mean", drawn from what the index holds."""

import pytest

from gi_wagtail.search.base import SearchDocument, get_backend
from gi_wagtail.search.vocabulary import Vocabulary, get_vocabulary, pinyin_keys

TITLES = [
    "高青县科学技术局2023年政府信息公开工作年度报告",
    "关于组织申报2024年度科技项目的通知",
    "关于组织申报2023年度科技项目的通知",
    "科技局领导信息",
    "高青县科学技术局政府信息公开指南",
    "关于开展科技特派员工作的通知",
    "科技型中小企业评价工作的通知",
]


@pytest.fixture
def vocabulary():
    return Vocabulary([(title, 1) for title in TITLES])


def test_pinyin_keys():
    assert pinyin_keys("科技局") == ("kejiju", "kjj")
    assert pinyin_keys("ABC") is None


def test_completions_start_with_what_was_typed_most_frequent_first(vocabulary):
    found = vocabulary.complete("科技")
    assert found[0] == "科技项目"  # in two titles
    assert all("科技" in word for word in found) and "科技" not in found
    assert vocabulary.complete("科學") == vocabulary.complete("科学")  # traditional input


@pytest.mark.parametrize(
    "typed,expected", [("kjj", "科技局"), ("keji", "科技"), ("kejiju", "科技局"), ("kjxm", "科技项目")]
)
def test_pinyin_and_initials_spell_chinese_words(vocabulary, typed, expected):
    assert vocabulary.pinyin_terms(typed)[0] == expected
    assert expected in vocabulary.complete(typed)


@pytest.mark.parametrize(
    "typed,meant",
    [
        ("科计局", "科技局"),  # same sound
        ("信息工开", "信息公开"),
        ("政府信息公开值南", "政府信息公开指南"),
        ("科技向目 申报", "科技项目 申报"),
    ],
)
def test_did_you_mean_uses_the_index_words(vocabulary, typed, meant):
    assert vocabulary.did_you_mean(typed) == meant


def test_no_correction_for_known_or_unknowable_words(vocabulary):
    assert vocabulary.did_you_mean("科技项目") is None
    assert vocabulary.did_you_mean("火星") is None
    assert vocabulary.pinyin_terms("xq") == []


@pytest.mark.django_db(transaction=True)
def test_the_vocabulary_follows_the_index(make_page):
    backend = get_backend("embedded")
    page = make_page(title="扬尘污染防治工作方案")
    backend.index([SearchDocument(page_id=page.pk, title=page.title, url="/a/")])
    assert "扬尘" in get_vocabulary()  # characters the dictionary does not know, joined
    assert "森林防火" not in get_vocabulary()
    other = make_page(title="森林防火工作方案")
    backend.index([SearchDocument(page_id=other.pk, title=other.title, url="/b/")])
    assert "森林防火" in get_vocabulary().complete("森林")
    assert "森林防火" in get_vocabulary().complete("slfh")
