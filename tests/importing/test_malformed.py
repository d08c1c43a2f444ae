"""Malformed catalogue files found by fuzzing (issue #19): each problem is reported on its line."""

import json
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import TestCase

from gi_wagtail.importing import read_records
from gi_wagtail.models import DisclosureItemPage
from tests.factories import build_catalogue
from tests.fuzz_inputs import xlsx_bytes

HEADER = ["category", "title", "published"]


def records(path):
    return list(read_records(path))


def test_a_broken_xlsx_cell_spoils_only_its_row(tmp_path):
    rows = [HEADER] + [["政策法规", f"标题{n}", "2024-01-02"] for n in range(2, 801)]
    rows[601][1] = ("s", "9999")  # row 602: a shared string that does not exist
    rows[700].append(("n", "not a number"))  # row 701: a number cell openpyxl cannot convert
    path = tmp_path / "items.xlsx"
    path.write_bytes(xlsx_bytes(rows))
    found = records(path)
    errors = [(r.line, r.error) for r in found if r.error]
    assert [line for line, _error in errors] == [602, 701]
    assert len([r for r in found if r.data]) == 797  # every other row, also the 199 after row 602


def test_broken_sheet_xml_ends_with_an_error_on_its_row(tmp_path):
    good = xlsx_bytes([HEADER, ["政策法规", "一", "2024-01-02"], ["政策法规", "二", "2024-01-03"]])
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    cut = sheet.index(b'<row r="3"')
    path = tmp_path / "items.xlsx"
    path.write_bytes(xlsx_bytes([], sheet_xml=sheet[: cut + 20]))
    found = records(path)
    assert [r.line for r in found if r.data] == [2]
    assert [r.line for r in found if r.error] == [3]


def test_deeply_nested_json_is_an_error_on_its_line(tmp_path):
    path = tmp_path / "items.jsonl"
    valid = json.dumps({"category": "政策法规", "title": "有效", "published": "2024-01-02"}, ensure_ascii=False)
    path.write_text("\n".join([valid, "[" * 100000 + "]" * 100000, valid]) + "\n", "utf-8")
    found = records(path)
    assert [(r.line, bool(r.data)) for r in found] == [(1, True), (2, False), (3, True)]
    assert "嵌套层数过多" in found[1].error  # "nested too deeply", in the site's language


class MalformedRecordImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_catalogue()
        get_user_model().objects.create_superuser("importer", "importer@example.com", None)

    def run_import(self, path, publish=True):
        err = StringIO()
        args = ["--user", "importer"] + (["--publish"] if publish else [])
        with self.assertRaises(CommandError):
            call_command("gi_wagtail_import", str(path), *args, stdout=StringIO(), stderr=err)
        return err.getvalue().splitlines()

    def csv(self, tmp, rows):
        path = tmp / "items.csv"
        path.write_text("category,title,published,doc_no\n" + "".join(rows), "utf-8")
        return path

    def setUp(self):
        import tempfile
        from pathlib import Path

        self._tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self._tmp.cleanup)
        self.tmp = Path(self._tmp.name)

    def test_nul_in_a_csv_field_fails_that_record_only(self):
        """PostgreSQL cannot store NUL: it used to lose the whole chunk; now it is an error on its line."""
        for publish in (True, False):
            path = self.csv(
                self.tmp,
                [
                    f"政策法规,前{publish},2024-01-02,\n",
                    f"政策法规,坏\x00{publish},2024-01-02,\n",
                    f"政策法规,后{publish},2024-01-02,\n",
                ],
            )
            errors = self.run_import(path, publish)
            self.assertEqual(len(errors), 1, errors)
            self.assertTrue(errors[0].startswith(f"{path}:3: title 含有控制字符 “\\x00”"), errors)
            self.assertEqual(DisclosureItemPage.objects.filter(title__in=[f"前{publish}", f"后{publish}"]).count(), 2)

    def test_a_crafted_field_cannot_print_a_fake_error_line(self):
        path = self.csv(self.tmp, ['"x\nfake.csv:1: 导入成功",标题,2024-01-02,\n', "政策法规,好,2024-01-02,\n"])
        errors = self.run_import(path)
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("“x\\nfake.csv:1: 导入成功”", errors[0])

    def test_doc_no_is_validated_on_import(self):
        path = self.csv(
            self.tmp,
            [
                "政策法规,一,2024-01-02,高科发〔2024〕12号\n",
                "政策法规,二,2024-01-02,高科发[2023]3号\n",
                "政策法规,三,2024-01-02,随便写的文号\n",
                "政策法规,四,2024-01-02,高科发〔1800〕1号\n",
            ],
        )
        errors = self.run_import(path)
        self.assertEqual([e.split(": ")[0] for e in errors], [f"{path}:4", f"{path}:5"])
        self.assertIn("文号", errors[0])
        self.assertEqual(set(DisclosureItemPage.objects.values_list("title", flat=True)), {"一", "二"})
