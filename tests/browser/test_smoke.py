import pytest

from tests.factories import add_item, build_catalogue

# serialized_rollback restores what migrations made (root collection, vocabularies) after the flush
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_citizen_opens_an_item_from_the_catalogue(live_server, page, screenshot):
    index, category, organisation = build_catalogue()
    item = add_item(
        category, "关于印发《高青县科技创新券管理办法》的通知", doc_no="高科发〔2024〕3号", organisation=organisation
    )

    page.goto(live_server.url + index.url)
    assert page.locator("h1").inner_text() == "政府信息公开"
    screenshot("disclosure_index_desktop")
    page.get_by_role("link", name="政策法规").first.click()
    page.get_by_role("link", name=item.title).click()

    metadata = page.locator("table.gi-metadata")
    assert "索引号" in metadata.inner_text()
    assert item.index_no in metadata.inner_text()
    assert "高科发〔2024〕3号" in metadata.inner_text()
    screenshot("disclosure_item_desktop")
