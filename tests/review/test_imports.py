"""review/ reads the catalogue (disclosure roots, the page base, an item's text), conf and the pure-Python
text room (the personal-data scanner), never reports or search."""

from tests.security.test_imports import imports_of, outside


def test_review_imports_catalogue_conf_and_text_only():
    allowed = ("gi_wagtail.review", "gi_wagtail.catalogue", "gi_wagtail.conf", "gi_wagtail.text")
    assert outside(imports_of("review"), allowed) == {}
