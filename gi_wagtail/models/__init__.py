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

__all__ = [
    "AbstractCatalogueCategoryPage", "CatalogueCategoryPage", "AbstractDisclosureIndexPage", "DisclosureIndexPage",
    "AbstractDisclosureItemPage", "DisclosureItemPage", "DisclosureMethod", "DisclosureScope", "ItemAttachment",
    "ItemKeyword", "Validity", "normalise_doc_no", "IndexNumberSequence", "Genre", "Organisation", "TopicClass",
]
from .search import SearchEntry, SearchEntryText, SearchSynonym  # noqa: E402,F401

__all__ += ["SearchEntry", "SearchEntryText", "SearchSynonym"]
from .search_backlog import SearchIndexBacklog  # noqa: E402

__all__ += ["SearchIndexBacklog"]
