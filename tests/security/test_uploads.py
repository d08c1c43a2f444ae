"""Document uploads: the content must match the extension and stay under MAX_UPLOAD_MB."""

import io
import json
import zipfile

import openpyxl
from django.core.checks import run_checks
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase, TestCase, override_settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.test.utils import WagtailTestUtils

from gi_wagtail.security.uploads import validate_document_file

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"PE\x00\x00"


def zip_bytes(members, first=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if first:
            archive.writestr(first[0], first[1], compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bytes():
    return zip_bytes(
        {"[Content_Types].xml": "<Types/>", "_rels/.rels": "<Relationships/>", "word/document.xml": "<w:document/>"}
    )


def xlsx_bytes():
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "政府信息公开"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odt_bytes():
    return zip_bytes(
        {"content.xml": "<office:document-content/>"}, first=("mimetype", "application/vnd.oasis.opendocument.text")
    )


GOOD = {
    "a.pdf": PDF,
    "b.docx": docx_bytes(),
    "c.xlsx": xlsx_bytes(),
    "d.odt": odt_bytes(),
    "e.zip": zip_bytes({"readme.txt": "附件"}),
    "f.txt": "高青县科学技术局政府信息公开指南".encode(),
    "g.csv": "索引号,标题\n000014349/2017-00110,通知\n".encode("gb18030"),
}
BAD = {
    "virus.pdf": EXE,
    "page.txt": b"<!DOCTYPE html><html><script>alert(1)</script></html>",
    "archive.docx": zip_bytes({"readme.txt": "not a document"}),
    "fake.xlsx": docx_bytes(),
    "fake.odt": zip_bytes({"content.xml": "x"}),
    "random.pdf": b"hello, this is not a pdf",
    "binary.csv": b"\x00\x01\x02\x03" * 10,
    "notzip.zip": b"PK but truncated",
    "virus.zip": EXE,
}


class ValidatorTests(SimpleTestCase):
    def test_genuine_files_pass(self):
        for name, data in GOOD.items():
            validate_document_file(SimpleUploadedFile(name, data))

    def test_renamed_or_forged_files_fail(self):
        for name, data in BAD.items():
            with self.assertRaises(ValidationError, msg=name) as ctx:
                validate_document_file(SimpleUploadedFile(name, data))
            self.assertEqual(ctx.exception.code, "file_content_mismatch", name)

    @override_settings(GI_WAGTAIL={"MAX_UPLOAD_MB": 1})
    def test_size_limit_from_settings(self):
        big = PDF + b"0" * (1024 * 1024)
        with self.assertRaises(ValidationError) as ctx:
            validate_document_file(SimpleUploadedFile("big.pdf", big))
        self.assertEqual(ctx.exception.code, "file_too_large")
        self.assertIn("1 MB", ctx.exception.messages[0])
        validate_document_file(SimpleUploadedFile("small.pdf", PDF))

    def test_empty_file(self):
        with self.assertRaises(ValidationError):
            validate_document_file(SimpleUploadedFile("empty.txt", b""))


class AdminUploadTests(WagtailTestUtils, TestCase):
    def setUp(self):
        self.login()
        self.collection = Collection.get_first_root_node()

    def upload(self, name, data):
        return self.client.post(
            reverse("wagtaildocs:add"),
            {
                "title": name,
                "file": SimpleUploadedFile(name, data),
                "collection": self.collection.pk,
            },
        )

    def test_admin_accepts_genuine_pdf(self):
        response = self.upload("指南.pdf", PDF)
        self.assertRedirects(response, reverse("wagtaildocs:index"))
        self.assertTrue(get_document_model().objects.filter(title="指南.pdf").exists())

    def test_admin_refuses_renamed_executable_with_form_error(self):
        response = self.upload("通知.pdf", EXE)
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors.as_data()["file"]
        self.assertEqual([e.code for e in errors], ["file_content_mismatch"], [e.messages for e in errors])
        self.assertFalse(get_document_model().objects.exists())

    def test_admin_refuses_extension_outside_list(self):
        response = self.upload("page.html", b"<html></html>")
        self.assertEqual(response.status_code, 200)
        self.assertIn("file", response.context["form"].errors)

    def test_multiple_uploader_refuses_forgery(self):
        response = self.client.post(
            reverse("wagtaildocs:add_multiple"),
            {"files[]": SimpleUploadedFile("表格.xlsx", docx_bytes())},
            HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        )
        payload = json.loads(response.content)
        self.assertFalse(payload["success"])
        self.assertFalse(get_document_model().objects.exists())
        response = self.client.post(
            reverse("wagtaildocs:add_multiple"),
            {"files[]": SimpleUploadedFile("表格.xlsx", xlsx_bytes())},
            HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        )
        self.assertTrue(json.loads(response.content)["success"])

    @override_settings(WAGTAILDOCS_DOCUMENT_FORM_BASE="", WAGTAILDOCS_EXTENSIONS=None)
    def test_checks_warn_when_uploads_unchecked(self):
        ids = {m.id for m in run_checks()}
        self.assertIn("gi_wagtail.W020", ids)
        self.assertIn("gi_wagtail.W021", ids)

    def test_checks_quiet_when_configured(self):
        ids = {m.id for m in run_checks()}
        self.assertNotIn("gi_wagtail.W020", ids)
        self.assertNotIn("gi_wagtail.W021", ids)

    @override_settings(GI_WAGTAIL={"MAX_UPLOAD_MB": 0})
    def test_bad_limit_setting_is_an_error(self):
        self.assertIn("gi_wagtail.E005", {m.id for m in run_checks()})
