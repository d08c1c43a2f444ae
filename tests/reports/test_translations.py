"""Every message of the report area has a zh-hans translation in the PO fragment."""

import ast
import re
from pathlib import Path

import gi_wagtail

PACKAGE = Path(gi_wagtail.__file__).parent
FRAGMENT = PACKAGE / "locale" / "fragments" / "reports.po"
# The request register's prefill and its commands keep their messages in their own fragment.
REGISTER_FRAGMENT = PACKAGE / "locale" / "fragments" / "requests_register.po"
# Findings and the check command's text listing (issue #17).
FINDINGS_FRAGMENT = PACKAGE / "locale" / "fragments" / "findings.po"
# Units and blanks, narrative figures (issue #17).
ISSUE17_FRAGMENTS = tuple(
    PACKAGE / "locale" / "fragments" / f"{name}.po" for name in ("units", "narrative", "imports_robust")
)
MARKERS = {"gettext_noop", "_", "gettext", "gettext_lazy"}
PY_FILES = [
    *(PACKAGE / "reports").rglob("*.py"),
    PACKAGE / "management" / "commands" / "gi_wagtail_check_report.py",
    PACKAGE / "management" / "commands" / "gi_wagtail_import_report.py",
]
TEMPLATES = [
    PACKAGE / "templates" / "gi_wagtail" / "pages" / "annual_report_page.html",
    *(PACKAGE / "templates" / "gi_wagtail" / "reports").glob("*.html"),
    *(PACKAGE / "templates" / "gi_wagtail" / "admin" / "reports").glob("*.html"),
]


def msgids_in_code():
    found = set()
    for path in PY_FILES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) in MARKERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
    for path in TEMPLATES:
        text = path.read_text("utf-8")
        found.update(re.findall(r'{% translate "([^"]+)" %}', text))
        for block in re.findall(r"{% blocktranslate[^%]*%}(.*?){% endblocktranslate %}", text, re.S):
            found.add(re.sub(r"{{ (\w+) }}", r"%(\1)s", block))
    return found


def po_entries():
    fragments = (FRAGMENT, REGISTER_FRAGMENT, FINDINGS_FRAGMENT, *ISSUE17_FRAGMENTS)
    text = "\n".join(p.read_text("utf-8") for p in fragments if p.exists())
    pairs = re.findall(r'^msgid "(.*)"\nmsgstr "(.*)"$', text, re.M)
    return {ast.literal_eval(f'"{k}"'): ast.literal_eval(f'"{v}"') for k, v in pairs if k}


def test_every_report_message_is_translated_with_the_same_placeholders():
    entries = po_entries()
    missing = msgids_in_code() - set(entries)
    assert not missing, sorted(missing)
    for msgid, msgstr in entries.items():
        assert msgstr and msgstr != msgid
        assert sorted(re.findall(r"%\(\w+\)", msgid)) == sorted(re.findall(r"%\(\w+\)", msgstr)), msgid
