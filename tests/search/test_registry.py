"""Domains register their search documents; search itself knows no domain."""

import ast
import datetime as dt
import importlib
import sys
from pathlib import Path

import pytest
from wagtail.models import Page

import gi_wagtail.search
from gi_wagtail.models import AbstractDisclosureItemPage, AnnualReportPage, DisclosureItemPage, Validity
from gi_wagtail.search import documents
from gi_wagtail.search.base import SearchDocument
from tests.factories import add_item, build_catalogue

SEARCH = Path(gi_wagtail.search.__file__).parent
DOMAINS = ("catalogue", "reports", "review", "importing", "models")


def imported_modules(path):
    """Every module a file imports, at module level or inside functions."""
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_search_never_imports_a_domain_room():
    found = sorted(
        f"{path.relative_to(SEARCH.parent)}: {module}"
        for path in SEARCH.rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[:2] in [["gi_wagtail", room] for room in DOMAINS]
    )
    assert found == []


def test_domains_register_from_ready():
    assert documents.source_for(DisclosureItemPage).kind == "item"
    assert documents.source_for(AnnualReportPage).kind == "report"
    assert documents.source_for(Page) is documents.PAGE_SOURCE
    assert documents.extra_fields() == {"disclosure_method": "keyword", "report_year": "keyword"}
    assert documents.value_label("validity", Validity.REPEALED) == str(Validity.REPEALED.label)
    assert documents.value_label("validity", "no-such-value") == "no-such-value"
    assert documents.value_label("topic", "科技") == "科技"


@pytest.fixture
def registered():
    """Put back whatever a test registers."""
    saved = dict(documents._sources)
    yield documents
    documents._sources.clear()
    documents._sources.update(saved)


@pytest.mark.django_db
def test_item_and_report_documents(registered):
    _, category, organisation = build_catalogue()
    item = add_item(category, "关于开展科技特派员工作的通知", organisation=organisation, validity=Validity.REPEALED)
    report = category.add_child(
        instance=AnnualReportPage(
            title="高青县科学技术局2023年政府信息公开工作年度报告",
            slug="nb2023",
            organisation=organisation,
            year=2023,
            published_on=dt.date(2024, 1, 20),
        )
    )
    report.save_revision().publish()

    doc = documents.document_for(Page.objects.get(pk=item.pk))
    assert (doc.kind, doc.category, doc.organisation, doc.validity) == (
        "item",
        "政策法规",
        "高青县科学技术局",
        "repealed",
    )
    assert doc.extra == {"disclosure_method": item.disclosure_method}
    assert "县科技局" in doc.keywords

    doc = documents.document_for(Page.objects.get(pk=report.pk))
    assert (doc.kind, doc.category, doc.organisation, doc.extra) == (
        "report",
        "政策法规",
        "高青县科学技术局",
        {"report_year": "2023"},
    )
    assert doc.published.date() == dt.date(2024, 1, 20)
    assert documents.documents_for_ids([report.pk, item.pk]) == [doc, documents.document_for(item)]


@pytest.mark.django_db
def test_a_site_registers_its_own_page_model(registered):
    """A site can register a model by label; subclasses inherit the nearest registration."""
    _, category, _ = build_catalogue()
    item = add_item(category, "关于防汛工作的通知")

    def notice(page):
        return SearchDocument(page_id=page.pk, title=f"[通知] {page.title}", body="防汛抗旱")

    registered.register(
        "gi_wagtail.DisclosureItemPage",
        "notice",
        document=notice,
        extra=lambda page: {"x": "1"},
        extra_fields={"x": "keyword"},
    )
    doc = registered.documents_for_ids([item.pk])[0]
    assert (doc.kind, doc.title, doc.extra) == ("notice", "[通知] 关于防汛工作的通知", {"x": "1"})
    assert registered.document_for(item) == doc
    assert registered.extra_fields()["x"] == "keyword"
    registered.unregister("gi_wagtail.DisclosureItemPage")
    assert registered.source_for(DisclosureItemPage) is registered.source_for(AbstractDisclosureItemPage)
    assert registered.document_for(item).kind == "item"


@pytest.mark.django_db
def test_page_method_wins_over_the_registry(registered, monkeypatch):
    _, category, _ = build_catalogue()
    item = add_item(category, "关于防汛工作的通知")
    monkeypatch.setattr(
        DisclosureItemPage,
        "gi_search_document",
        lambda self: SearchDocument(page_id=self.pk, title="自定义"),
        raising=False,
    )
    doc = documents.documents_for_ids([item.pk])[0]
    assert (doc.title, doc.kind) == ("自定义", "item")


def test_sources_register_kind_still_works(registered):
    """``sources.register_kind`` (README of 0.1) is a deprecated path to ``documents.register_kind``."""
    sys.modules.pop("gi_wagtail.search.elasticsearch.sources", None)
    with pytest.warns(DeprecationWarning):
        sources = importlib.import_module("gi_wagtail.search.elasticsearch.sources")
    sources.register_kind("wagtailcore.Page", "plain")
    assert documents.source_for(Page).kind == "plain"
