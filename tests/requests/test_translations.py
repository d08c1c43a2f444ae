"""Every message of the request register has a zh-hans translation in a requests_* PO fragment."""

import ast
import re
from pathlib import Path

import gi_wagtail

PACKAGE = Path(gi_wagtail.__file__).parent
FRAGMENTS = sorted((PACKAGE / "locale" / "fragments").glob("requests_*.po"))
MARKERS = {"gettext_noop", "_", "gettext", "gettext_lazy", "pgettext_lazy", "ngettext"}
PY_FILES = [
    *(PACKAGE / "requests").rglob("*.py"),
    *(PACKAGE / "importing").glob("requests*.py"),
    *(PACKAGE / "management" / "commands").glob("gi_wagtail_*request*.py"),
]
TEMPLATES = [*(PACKAGE / "templates" / "gi_wagtail" / "requests").rglob("*.html")]


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
        found.update(re.findall(r'{% translate "([^"]+)"', text))
        for block in re.findall(r"{% blocktranslate[^%]*%}(.*?){% endblocktranslate %}", text, re.S):
            block = block.split("{% plural %}")[0]  # the singular is the msgid
            found.add(re.sub(r"\s+", " ", re.sub(r"{{ (\w+) }}", r"%(\1)s", block)).strip())
    return found


def po_entries():
    entries = {}
    for fragment in FRAGMENTS:
        text = fragment.read_text("utf-8")
        singular = re.findall(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', text, re.M)
        plural = re.findall(r'^msgid ((?:".*"\n)+)msgid_plural (?:".*"\n)+msgstr\[0\] ((?:".*"\n?)+)', text, re.M)
        for msgid, msgstr in singular + plural:
            key = "".join(ast.literal_eval(line) for line in msgid.strip().splitlines())
            value = "".join(ast.literal_eval(line) for line in msgstr.strip().splitlines())
            if key:
                entries[key] = value
    return entries


def test_every_request_message_is_translated_with_the_same_placeholders():
    assert FRAGMENTS, "no requests_*.po fragment"
    entries = po_entries()
    missing = sorted(msgids_in_code() - set(entries))
    assert not missing, missing
    for msgid, msgstr in entries.items():
        assert msgstr and msgstr != msgid, msgid
        assert sorted(re.findall(r"%\(\w+\)", msgid)) == sorted(re.findall(r"%\(\w+\)", msgstr)), msgid
