from gi_wagtail.catalogue.models.category import AbstractCatalogueCategoryPage, CatalogueCategoryPage
from gi_wagtail.catalogue.models.index import AbstractDisclosureIndexPage, DisclosureIndexPage
from gi_wagtail.catalogue.models.index_numbers import IndexNumberSequence
from gi_wagtail.catalogue.models.item import (
    AbstractDisclosureItemPage,
    DisclosureItemPage,
    DisclosureMethod,
    DisclosureScope,
    ItemAttachment,
    ItemKeyword,
    Validity,
    normalise_doc_no,
)
from gi_wagtail.catalogue.models.site_identity import SiteIdentity
from gi_wagtail.catalogue.models.validity import ValidityEvent
from gi_wagtail.catalogue.models.vocabularies import Genre, Organisation, TopicClass
from gi_wagtail.reports.models import AbstractAnnualReportPage, AnnualReportPage, ReportFormat
from gi_wagtail.requests.models import (
    Appeal,
    DisclosureRequest,
    NoticeTemplate,
    RequestEvent,
    RequestSettings,
)
from gi_wagtail.review.models import LeaderSignOffTask, ReviewDecision, ReviewTaskState, SecrecyReviewTask
from gi_wagtail.search.backlog import SearchIndexBacklog
from gi_wagtail.search.models import AttachmentText, SearchEntry, SearchEntryText, SearchSynonym

__all__ = [
    "AbstractAnnualReportPage",
    "AbstractCatalogueCategoryPage",
    "AbstractDisclosureIndexPage",
    "AbstractDisclosureItemPage",
    "AnnualReportPage",
    "Appeal",
    "AttachmentText",
    "CatalogueCategoryPage",
    "DisclosureIndexPage",
    "DisclosureItemPage",
    "DisclosureMethod",
    "DisclosureRequest",
    "DisclosureScope",
    "Genre",
    "IndexNumberSequence",
    "ItemAttachment",
    "ItemKeyword",
    "LeaderSignOffTask",
    "NoticeTemplate",
    "Organisation",
    "ReportFormat",
    "RequestEvent",
    "RequestSettings",
    "ReviewDecision",
    "ReviewTaskState",
    "SearchEntry",
    "SearchEntryText",
    "SearchIndexBacklog",
    "SearchSynonym",
    "SecrecyReviewTask",
    "SiteIdentity",
    "TopicClass",
    "Validity",
    "ValidityEvent",
    "normalise_doc_no",
]
