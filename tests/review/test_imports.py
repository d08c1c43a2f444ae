"""review/ reads the catalogue (disclosure roots, the page base) and conf, never reports or search."""

from tests.security.test_imports import imports_of, outside


def test_review_imports_catalogue_and_conf_only():
    assert outside(imports_of("review"), ("gi_wagtail.review", "gi_wagtail.catalogue", "gi_wagtail.conf")) == {}
