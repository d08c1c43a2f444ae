import pytest

from tests.factories import add_item, build_catalogue

# serialized_rollback restores what migrations made (root collection, vocabularies) after the flush
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def catalogue():
    index, category, organisation = build_catalogue()
    item = add_item(
        category,
        "关于印发《高青县科技创新券管理办法》的通知",
        doc_no="高科发〔2024〕3号",
        organisation=organisation,
        body=[
            ("heading", {"text": "一、总则", "level": "h2"}),
            ("paragraph", "<p>为支持中小微企业开展科技创新活动。</p>"),
        ],
    )
    return index, category, item


def test_reading_aids_are_remembered(live_server, page, catalogue):
    index, category, item = catalogue
    page.goto(live_server.url + index.url)
    page.get_by_role("button", name="大字号").click()
    page.get_by_role("button", name="高对比度").click()
    assert page.get_by_role("button", name="大字号").get_attribute("aria-pressed") == "true"

    page.goto(live_server.url + item.url)
    classes = page.evaluate("document.documentElement.className")
    assert "gi-large-text" in classes and "gi-high-contrast" in classes
    font_size = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    assert font_size == "20px"

    page.get_by_role("button", name="恢复默认").click()
    page.reload()
    assert page.evaluate("document.documentElement.className") == ""


def test_content_reads_without_javascript(live_server, browser, catalogue):
    _, _, item = catalogue
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + item.url)
    assert "为支持中小微企业开展科技创新活动。" in page.inner_text("main")
    assert not page.locator("[data-gi-a11y]").is_visible()
    context.close()
