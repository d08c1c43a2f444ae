"""Generated query strings for the public pages that read parameters (search, listings).

Shared by the bounded fuzz tests (tests/search/test_fuzz_search.py) and the long
runs of ``make fuzz`` (benchmarks/fuzz.py). Inputs are raw, percent-encoded query
strings, so they can carry bytes a browser would never send: invalid UTF-8, NUL,
Unicode digits that ``str.isdigit()`` accepts but ``int()`` refuses.
"""

from __future__ import annotations

from urllib.parse import quote_from_bytes

from hypothesis import strategies as st

SEARCH_PARAMS = ("q", "query", "year", "category", "organisation", "topic", "genre", "validity", "sort", "page", "format")
LISTING_PARAMS = ("year", "topic", "genre", "validity", "sort", "page", "q")

# Values that broke or nearly broke parsing before, mixed into the random ones.
TRICKY = [
    "²",
    "①",
    "١٢",
    "２０２４",
    "\x00",
    "科技\x00局",
    "2024\x00",
    "-1",
    "0",
    "9" * 5000,
    "1e309",
    "NaN",
    "json",
    "relevance",
    "newest",
    "'; DROP TABLE x; --",
    "<script>alert(1)</script>",
    "〔2024〕",
    "科学技术局",
    "%",
    "\u202e",
    "\ufeff",
    " ",
    "\r\n",
]


def _encode(value: str | bytes) -> str:
    raw = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
    return quote_from_bytes(raw, safe="")


values = st.one_of(
    st.sampled_from(TRICKY),
    st.text(max_size=40),
    st.binary(max_size=24),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)

def query_strings(params: tuple[str, ...] = SEARCH_PARAMS) -> st.SearchStrategy[str]:
    """Raw query strings such as ``q=%E7%A7%91&year=%C2%B2&format=json``."""
    pairs = st.lists(st.tuples(st.sampled_from(params), values), max_size=8)
    return pairs.map(lambda chosen: "&".join(f"{name}={_encode(value)}" for name, value in chosen))
