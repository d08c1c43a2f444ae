"""Quoting untrusted input inside one-line messages."""

from hypothesis import given
from hypothesis import strategies as st

from gi_wagtail.text.quote import escape, one_line, quote


def test_line_breaks_and_control_characters_are_escaped():
    assert quote("a\nb\r\x00\x1b\u2028") == "“a\\nb\\r\\x00\\x1b\\u2028”"
    assert escape("C:\\dir") == "C:\\\\dir"
    assert quote("高科发〔2024〕12号") == "“高科发〔2024〕12号”"


def test_long_values_are_cut():
    assert quote("长" * 100, limit=5) == "“长长长长长…”"
    assert len(one_line("x" * 1000, limit=20)) == 21


@given(st.text())
def test_never_more_than_one_line(text):
    for out in (quote(text), one_line(text)):
        assert len(out.splitlines()) <= 1
        assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in out)
