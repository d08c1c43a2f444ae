"""Bounds on what one attachment may cost: fixed here, not settings, so a hostile file meets the same wall everywhere."""

from __future__ import annotations

MB = 1024 * 1024

# The attachment as uploaded. Larger files are refused unread.
MAX_INPUT_BYTES = 50 * MB

# ZIP containers (DOCX, XLSX), judged from the central directory before anything is inflated.
MAX_ZIP_MEMBERS = 5_000
MAX_UNZIPPED_BYTES = 100 * MB
MAX_COMPRESSION_RATIO = 100
# Ratio is only judged on members this large: small XML parts compress far beyond 100:1 honestly.
RATIO_CHECKED_FROM = 1 * MB
# Read size when a member is checked by inflating it (memory stays at one chunk).
ZIP_CHUNK = 64 * 1024

# PDF pages read; a longer document is read up to here and marked truncated.
MAX_PDF_PAGES = 500
# Decoded content streams (with their form XObjects) that pypdf parses, per page and per document.
# Parsing text operators runs at about 0.25 MB/s, so this bounds the time a crafted PDF can take
# (about a minute) where max_chars cannot: operators may draw nothing. A dense page of Chinese is
# some 20 KB; a page over the limit is skipped and reported, the document stops at the total.
MAX_PDF_PAGE_CONTENT = 4 * MB
MAX_PDF_CONTENT = 16 * MB

# Spreadsheet cells visited (empty ones included): a sheet of sparse, far-apart cells costs time, not text.
MAX_SHEET_CELLS = 5_000_000

# HTML parsed (the tree costs many times the page); a larger page is read up to here and marked truncated.
MAX_HTML_BYTES = 10 * MB

DEFAULT_MAX_CHARS = 200_000
