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
from .reports import AbstractAnnualReportPage, AnnualReportPage, ReportFormat
from .search import SearchEntry, SearchEntryText, SearchSynonym
from .search_backlog import SearchIndexBacklog
from .snippets import Genre, Organisation, TopicClass
from .validity import ValidityEvent
from .workflow_tasks import LeaderSignOffTask, ReviewDecision, ReviewTaskState, SecrecyReviewTask

__all__ = [
    "AbstractCatalogueCategoryPage", "CatalogueCategoryPage", "AbstractDisclosureIndexPage", "DisclosureIndexPage",
    "AbstractDisclosureItemPage", "DisclosureItemPage", "DisclosureMethod", "DisclosureScope", "ItemAttachment",
    "ItemKeyword", "Validity", "normalise_doc_no", "IndexNumberSequence", "Genre", "Organisation", "TopicClass",
    "AbstractAnnualReportPage", "AnnualReportPage", "ReportFormat", "SearchEntry", "SearchEntryText", "SearchSynonym",
    "ValidityEvent", "SearchIndexBacklog",
    "LeaderSignOffTask", "ReviewDecision", "ReviewTaskState", "SecrecyReviewTask",
]
