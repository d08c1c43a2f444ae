"""Editors see the security messages in Chinese: the zh-hans fragment covers them."""

import gettext
import shutil
import subprocess
from pathlib import Path

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase

import gi_wagtail
from gi_wagtail.catalogue.validation import validate_doc_no, validate_index_no_text

# pii.po: the personal-data scan of the secrecy review; files_review.po: attachment review, upload
# bombs and HTML refusal (issue #19).
FRAGMENTS = [
    Path(gi_wagtail.__file__).parent / "locale" / "fragments" / name
    for name in ("security.po", "pii.po", "files_review.po")
]
SOURCES = [
    "review/models.py",
    "review/forms.py",
    "review/wagtail_hooks.py",
    "review/personal_data.py",
    "catalogue/validation.py",
    "security/uploads.py",
    "review/roots.py",
    "management/commands/gi_wagtail_setup_groups.py",
    "management/commands/gi_wagtail_setup_workflow.py",
]


class FragmentTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        assert shutil.which("msgfmt") and shutil.which("xgettext"), "gettext tools missing: run make sysdeps"

    def merged(self, tmp):
        po = Path(tmp) / "area.po"
        subprocess.run(["msgcat", "--use-first", "-o", str(po), *map(str, FRAGMENTS)], check=True)
        return po

    def compiled(self, tmp):
        mo = Path(tmp) / "security.mo"
        subprocess.run(["msgfmt", "--check-format", "-o", str(mo), str(self.merged(tmp))], check=True)
        with open(mo, "rb") as handle:
            return gettext.GNUTranslations(handle)

    def test_every_message_of_the_area_is_translated(self):
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            pot = Path(tmp) / "area.pot"
            base = Path(gi_wagtail.__file__).parent
            subprocess.run(
                [
                    "xgettext",
                    "-L",
                    "Python",
                    "--from-code=UTF-8",
                    "--keyword=_",
                    "--keyword=gettext",
                    "--keyword=gettext_lazy",
                    "-o",
                    str(pot),
                    *[str(base / s) for s in SOURCES],
                ],
                check=True,
            )
            catalogue = self.compiled(tmp)
            # Every msgid in the sources has a non-empty translation in the area's fragments.
            out = subprocess.run(["msgcmp", str(self.merged(tmp)), str(pot)], capture_output=True, text=True)
            self.assertEqual(out.returncode, 0, out.stderr)
            with self.assertRaises(ValidationError) as ctx:
                validate_doc_no("高科发2024-3")
            self.assertIn("发文机关代字", catalogue.gettext(ctx.exception.message))
            with self.assertRaises(ValidationError) as ctx:
                validate_index_no_text("a b")
            self.assertIn("索引号不能包含空格", catalogue.gettext(ctx.exception.message))
