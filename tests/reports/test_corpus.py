"""The validator on real published annual reports (issue #17): every inconsistency
noted by reading is flagged, and nothing consistent is called an error."""

import pytest

from tests.reports.corpus_score import CORPUS, entries, score_file

ENTRIES = list(entries())


def test_corpus_covers_both_formats_and_levels():
    formats = {e["format"] for _, e in ENTRIES}
    assert {"2019", "2021"} <= formats
    assert len(ENTRIES) >= 15
    assert len({e["region"] for _, e in ENTRIES}) >= 8
    assert len({e["level"] for _, e in ENTRIES}) >= 3
    for path, entry in ENTRIES:
        assert path.is_file(), path
        assert path.resolve().is_relative_to(CORPUS)
        assert entry["source"], entry["file"]


@pytest.mark.parametrize(("path", "entry"), ENTRIES, ids=[e["file"] for _, e in ENTRIES])
def test_known_inconsistencies_flagged_and_no_false_error(path, entry):
    score = score_file(path, entry)
    assert not score.import_error, score.import_error
    assert not score.missed, [k["note"] for k in score.missed]
    assert not score.false_errors, [(f.rule, f.location, f.message) for f in score.false_errors]
