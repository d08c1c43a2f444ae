"""Fill django.po from the PO fragments in locale/fragments/ (the source of truth).

Usage: python scripts/merge_translations.py gi_wagtail/locale
Fragments are plain PO files kept per area, so parallel work never edits the
same file; `make messages` runs this after makemessages. Fuzzy guesses that
makemessages copies from similar strings are dropped, never shipped.
"""

import re
import sys
from pathlib import Path

QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _field(block, name):
    match = re.search(rf'^{name} ((?:"(?:[^"\\]|\\.)*"\s*)+)', block, re.M)
    return "".join(QUOTED.findall(match.group(1))) if match else None


PAIR = re.compile(r'^msgid ((?:"(?:[^"\\]|\\.)*"\s*)+)msgstr ((?:"(?:[^"\\]|\\.)*"\s*)+)', re.M)
# zh-hans has one plural form: msgstr[0] is the whole translation.
PLURAL = re.compile(
    r'^msgid ((?:"(?:[^"\\]|\\.)*"\s*)+)msgid_plural (?:"(?:[^"\\]|\\.)*"\s*)+msgstr\[0\] ((?:"(?:[^"\\]|\\.)*"\s*)+)',
    re.M,
)


def load(path):
    pairs = {}
    text = path.read_text(encoding="utf-8")
    for msgid, msgstr in PAIR.findall(text) + PLURAL.findall(text):
        msgid, msgstr = "".join(QUOTED.findall(msgid)), "".join(QUOTED.findall(msgstr))
        if msgid and msgstr:
            pairs[msgid] = msgstr
    return pairs


def _rewrite(block, translations, missing):
    msgid = _field(block, "msgid")
    if msgid is None:
        return block
    lines = [line for line in block.split("\n") if not line.startswith("#|")]
    fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
    lines = [re.sub(r",? ?fuzzy", "", line) if line.startswith("#,") else line for line in lines]
    lines = [line for line in lines if line.strip() != "#,"]
    if msgid == "":
        return "\n".join(lines)
    if any(line.startswith("msgid_plural") for line in lines):  # not a fuzzy guess's old plural (#|)
        head = lines[: next(i for i, line in enumerate(lines) if line.startswith("msgstr"))]
        if msgid not in translations:
            missing.append(msgid)
        return "\n".join(head + [f'msgstr[0] "{translations.get(msgid, "")}"'])
    head = [
        line
        for line in lines
        if not line.startswith("msgstr") and not (line.startswith('"') and _after_msgstr(lines, line))
    ]
    if msgid in translations:
        value = translations[msgid]
    elif fuzzy or not _field(block, "msgstr"):
        missing.append(msgid)
        value = ""
    else:
        value = _field(block, "msgstr")
    return "\n".join(head + [f'msgstr "{value}"'])


def _after_msgstr(lines, line):
    start = next(i for i, candidate in enumerate(lines) if candidate.startswith("msgstr"))
    return lines.index(line) > start


def merge(locale_dir):
    translations = {}
    for fragment in sorted((locale_dir / "fragments").glob("*.po")):
        translations.update(load(fragment))
    po = locale_dir / "zh_Hans" / "LC_MESSAGES" / "django.po"
    missing = []
    blocks = po.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    po.write_text("\n\n".join(_rewrite(block, translations, missing) for block in blocks) + "\n", encoding="utf-8")
    return missing


if __name__ == "__main__":
    for key in merge(Path(sys.argv[1])):
        print("untranslated:", key)
