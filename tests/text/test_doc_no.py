"""文号: one bracket set and one parser (gi_wagtail.text.doc_no), read alike by validation, storage and search."""

import warnings

import pytest
from django.core.exceptions import ValidationError

from gi_wagtail.catalogue import validation
from gi_wagtail.search import analysis, segment
from gi_wagtail.text import doc_no
from gi_wagtail.text.doc_no import (
    CLOSE_BRACKETS,
    OPEN_BRACKETS,
    DocNo,
    normalise_doc_no,
    parse_doc_no,
)
from gi_wagtail.text.normalise import normalise

BRACKET_PAIRS = list(zip(OPEN_BRACKETS, CLOSE_BRACKETS, strict=True))


@pytest.mark.parametrize(("open_", "close"), BRACKET_PAIRS)
@pytest.mark.parametrize("form", ["高科发{o}2024{c}12号", "高科发 {o} 2024 {c} 第12号", "高科发{o}2024{c}012号"])
def test_validation_storage_and_search_read_every_bracket_alike(open_, close, form):
    text = form.format(o=open_, c=close)
    # validation (the admin form) accepts it as the same 文号
    assert parse_doc_no(text) == DocNo("高科发", 2024, 12)
    validation.validate_doc_no(text)
    # the stored matching key (doc_no_normalised) only differs where the text does, never by its brackets
    assert normalise_doc_no(text) == normalise_doc_no(form.format(o="〔", c="〕"))
    assert "[2024]" in normalise_doc_no(text)
    # search: the document is indexed and the query parsed to the same 文号 term
    assert segment.docno_terms(normalise(text)) == ["#docno:2024:12"]
    assert "#docno:2024:12" in analysis.index_terms(text)
    query = analysis.parse_query(text, synonyms=False)
    assert query.groups[0].alternatives[0].terms == ("#docno:2024:12",)


def test_bracket_styles_are_pairs_and_nothing_else_is_a_doc_no_bracket():
    assert len(OPEN_BRACKETS) == len(CLOSE_BRACKETS) == len(set(OPEN_BRACKETS + CLOSE_BRACKETS)) // 2
    for text in ("高科发<2024>12号", "高科发“2024”12号", "高科发2024-12号", "〔2024〕12号"):
        assert parse_doc_no(text) is None, text
        with pytest.raises(ValidationError):
            validation.validate_doc_no(text)


def test_canonical_form_and_matching_key():
    parsed = parse_doc_no("国办公开办函（2021） 第 30号")
    assert str(parsed) == "国办公开办函〔2021〕30号"
    assert parse_doc_no(str(parsed)) == parsed
    assert normalise_doc_no(" 国办公开办函（2021）30 号 ") == "国办公开办函[2021]30号"
    assert normalise_doc_no(None) == normalise_doc_no("") == ""


def test_one_home_every_documented_name_leads_to():
    from gi_wagtail import models
    from gi_wagtail.catalogue.models import item

    assert validation.DOC_NO_RE is doc_no.DOC_NO_RE
    assert validation.DocNo is DocNo and validation.parse_doc_no is parse_doc_no
    assert models.normalise_doc_no is item.normalise_doc_no is normalise_doc_no
    assert segment.DOCNO_RE is doc_no.SPACED_DOC_NO_RE
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from gi_wagtail import validators
    assert validators.parse_doc_no is parse_doc_no
    assert validators.validate_doc_no is validation.validate_doc_no


def test_search_treats_every_doc_no_bracket_as_a_separator():
    for open_, close in BRACKET_PAIRS:
        assert normalise(f"文{open_}2024{close}号") == "文 2024 号"
