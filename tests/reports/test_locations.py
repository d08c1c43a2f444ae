"""Cell addresses read as the printed labels an editor sees."""

import pytest

from gi_wagtail.reports.formats import get_format
from gi_wagtail.reports.locations import describe, describe_all


@pytest.mark.parametrize(
    ("code", "address", "expected"),
    [
        ("2021", "table3.granted.natural_person", "表三“（一）予以公开”行“自然人”列"),
        ("2021", "table3.withheld_1.total", "表三“（三）不予公开1.属于国家秘密”行“总计”列"),
        ("2019", "table3.received.org_business", "表三“一、本年新收政府信息公开申请数量”行“法人或其他组织·商业企业”列"),
        ("2021", "table4.cases.review_pending", "表四“行政复议·尚未审结”列"),
        ("2021", "table2.regulations.issued", "表二“第二十条第（一）项 规章”行“本年制发件数”列"),
        ("2021", "fees.collected", "六、收费情况“实际收取金额（元）”"),
        ("2008", "key_figures.lawsuits", "行政诉讼数（件）"),
        ("2021", "table3", "表三"),
    ],
)
def test_printed_labels(code, address, expected):
    assert describe(get_format(code), address) == expected


def test_unknown_address_is_kept_and_lists_are_joined():
    fmt = get_format("2021")
    assert describe(fmt, "provenance.x") == "provenance.x"
    assert describe_all(fmt, ["table3.granted.total", "table3.partial.total"]).count("、") == 1
