"""What the narrative of each real report in the corpus states, as read by a person (issue #17).

The expected statements were written by reading each report's text; the test parses the frozen file and
compares. Kinds not listed for a report must not be found in it (no false trigger).
"""

import pytest

from gi_wagtail.reports.narrative import extract_sections
from gi_wagtail.reports.parsers import parse_file
from tests.reports.corpus_score import entries

EXPECTED = {
    "province-shanghai-bgt-2019.html": [
        ("requests_received", 859),
        ("carried_in", 18),
        ("handled", 805),
        ("share", ("granted_partial", 258, 33.9, 1)),
        ("granted_partial", 258),
        ("share", ("withheld", 35, 4.34, 2)),
        ("withheld", 35),
        ("share", ("unavailable", 265, 32.9, 1)),
        ("unavailable", 265),
        ("share", ("not_handled", 158, 19.6, 1)),
        ("not_handled", 158),
        ("other_handled", 0),
        ("all_upheld", ("review", "lawsuit")),
        ("reviews", 7),
        ("lawsuits", 9),
    ],
    "dept-shaanxi-ankang-ju-2019.html": [("proactive_items", 380)],
    "township-chongqing-rongchang-hebao-2020.html": [("no_requests", True), ("reviews", 0), ("lawsuits", 0)],
    "township-hunan-leiyang-mashui-2019.html": [("reviews", 0), ("lawsuits", 0)],
    "subdistrict-shaanxi-yulin-yuyang-tuofenglu-2020.html": [
        ("no_requests", True),
        ("fees_collected", 0),
        ("reviews", 0),
        ("lawsuits", 0),
    ],
    "dept-hunan-taojiang-sjj-2020.html": [("proactive_items", 26)],
    "city-changchun-tyjrswj-2023.html": [("requests_received", 2)],
    # "全年未收到行政许可申请" is about licences; "全年未接到信息公开申请" is the statement
    "city-zhanjiang-dfzb-2023.html": [("no_requests", True)],
    # "上年转结…0件，转下一年办理0件" are carried requests, not "no requests"
    "county-hejiang-zf-2022.html": [("requests_received", 17), ("carried_in", 0), ("handled", 17), ("carried_out", 0)],
    "county-tongzi-zf-2022.html": [("requests_received", 21), ("reviews", 1), ("lawsuits", 1)],
    "district-yangling-sjj-2022.html": [("no_requests", True)],
    "township-qujiang-hunanzhen-2021.html": [("proactive_items", 80)],
}
ENTRIES = list(entries())


@pytest.mark.parametrize(("path", "entry"), ENTRIES, ids=[e["file"] for _, e in ENTRIES])
def test_statements_read_from_each_real_report(path, entry):
    report = parse_file(path, year=entry["year"])
    found = [(s.kind, s.value) for s in extract_sections(report["sections"]) if s.kind != "catalogue_category_names"]
    assert found == EXPECTED.get(entry["file"], [])
