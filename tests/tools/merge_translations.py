"""Fill untranslated entries of django.po from the PO fragments in locale/fragments/.

Usage: python tests/tools/merge_translations.py gi_wagtail/locale
Fragments are plain PO files (msgid/msgstr pairs) kept per area so parallel
work never edits the same file; `make messages` runs this after makemessages.
"""

import re
import sys
from pathlib import Path

ENTRY = re.compile(r'(msgid ((?:"(?:[^"\\]|\\.)*"\s*)+)msgstr ((?:"(?:[^"\\]|\\.)*"\s*)+))')


def _text(quoted):
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', quoted))


def load(path):
    pairs = {}
    for _, msgid, msgstr in ENTRY.findall(path.read_text(encoding="utf-8")):
        if _text(msgid) and _text(msgstr):
            pairs[_text(msgid)] = _text(msgstr)
    return pairs


def merge(locale_dir):
    translations = {}
    for fragment in sorted((locale_dir / "fragments").glob("*.po")):
        translations.update(load(fragment))
    po = locale_dir / "zh_Hans" / "LC_MESSAGES" / "django.po"
    text = po.read_text(encoding="utf-8").replace("#, fuzzy\n", "", 1)
    missing = []

    def fill(match):
        whole, msgid, msgstr = match.groups()
        key = _text(msgid)
        if not key or _text(msgstr):
            return whole
        if key not in translations:
            missing.append(key)
            return whole
        return f'msgid {msgid}msgstr "{translations[key]}"\n'

    po.write_text(ENTRY.sub(fill, text), encoding="utf-8")
    return missing


if __name__ == "__main__":
    missing = merge(Path(sys.argv[1]))
    for key in missing:
        print("untranslated:", key)
