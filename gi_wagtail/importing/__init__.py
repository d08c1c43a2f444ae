"""Bulk import of catalogue items from JSON Lines, CSV or XLSX.

``readers`` streams raw records out of a file, ``records`` validates one record,
``importer`` turns valid records into published pages.
"""

from gi_wagtail.importing.importer import Importer, ImportResult
from gi_wagtail.importing.readers import ImportFileError, read_records

__all__ = ["ImportFileError", "ImportResult", "Importer", "read_records"]
