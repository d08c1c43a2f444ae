from .catalogue_category import AbstractCatalogueCategoryPage, CatalogueCategoryPage
from .disclosure_index import AbstractDisclosureIndexPage, DisclosureIndexPage
from .disclosure_item import (
    AbstractDisclosureItemPage,
    DisclosureItemPage,
    DisclosureMethod,
    DisclosureScope,
    ItemAttachment,
    ItemKeyword,
    Validity,
    normalise_doc_no,
)
from .index_numbers import IndexNumberSequence
from .snippets import Genre, Organisation, TopicClass
from .reports import AbstractAnnualReportPage, AnnualReportPage, ReportFormat
from .validity import ValidityEvent

__all__ = [
    "AbstractCatalogueCategoryPage", "CatalogueCategoryPage", "AbstractDisclosureIndexPage", "DisclosureIndexPage",
    "AbstractDisclosureItemPage", "DisclosureItemPage", "DisclosureMethod", "DisclosureScope", "ItemAttachment",
    "ItemKeyword", "Validity", "normalise_doc_no", "IndexNumberSequence", "Genre", "Organisation", "TopicClass",
    "AbstractAnnualReportPage", "AnnualReportPage", "ReportFormat",
    "ValidityEvent",
]
from .search import SearchEntry, SearchEntryText, SearchSynonym  # noqa: E402,F401

__all__ += ["SearchEntry", "SearchEntryText", "SearchSynonym"]
