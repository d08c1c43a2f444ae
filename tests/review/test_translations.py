"""Every message of the reviewer's listing has a zh-hans translation in the PO fragment."""

import ast
from pathlib import Path

import gi_wagtail
from tests.reports.test_translations import po_entries

PACKAGE = Path(gi_wagtail.__file__).parent
SOURCES = [PACKAGE / "review" / "viewsets.py", PACKAGE / "review" / "queue.py"]


def test_review_queue_messages_are_translated():
    found = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) in {"_", "gettext", "gettext_lazy"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.add(node.args[0].value)
    entries = po_entries()
    assert found and not found - set(entries), sorted(found - set(entries))
    assert all(entries[msgid] and entries[msgid] != msgid for msgid in found)
