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
from .workflow_tasks import LeaderSignOffTask, ReviewDecision, ReviewTaskState, SecrecyReviewTask

__all__ = [
    "AbstractCatalogueCategoryPage", "CatalogueCategoryPage", "AbstractDisclosureIndexPage", "DisclosureIndexPage",
    "AbstractDisclosureItemPage", "DisclosureItemPage", "DisclosureMethod", "DisclosureScope", "ItemAttachment",
    "ItemKeyword", "Validity", "normalise_doc_no", "IndexNumberSequence", "Genre", "Organisation", "TopicClass",
    "LeaderSignOffTask", "ReviewDecision", "ReviewTaskState", "SecrecyReviewTask",
]
