"""The upload check: zip bombs refused without being unpacked in memory; HTML found whatever its BOM or tag."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection

from gi_wagtail.security.uploads import validate_document_file

MB = 1024 * 1024


def bomb(name, inflated_mb, extension_member=None):
    """A deflated archive whose ``name`` member unpacks to ``inflated_mb`` MB of zeros (written a MB at a time)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        if extension_member:
            archive.writestr(*extension_member)
        with archive.open(name, "w", force_zip64=True) as member:
            zeros = bytes(MB)
            for _ in range(inflated_mb):
                member.write(zeros)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def odt_bomb():
    # The ODF check reads the ``mimetype`` member: 300 MB of it, in a file of some 300 KB.
    return bomb("mimetype", 300)


def peak_mb(function):
    tracemalloc.start()
    try:
        function()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak / MB


def test_odt_bomb_is_refused_without_inflating_it(odt_bomb):
    assert len(odt_bomb) < 400 * 1024

    def check():
        with pytest.raises(ValidationError) as raised:
            validate_document_file(SimpleUploadedFile("通知.odt", odt_bomb))
        assert raised.value.code == "zip_bomb"
        assert "100" in raised.value.messages[0]

    assert peak_mb(check) < 20  # the upload itself is 0.3 MB; unpacking it would cost 300


def test_zip_bomb_is_refused():
    data = bomb("data.csv", 120)
    with pytest.raises(ValidationError) as raised:
        validate_document_file(SimpleUploadedFile("数据.zip", data))
    assert raised.value.code == "zip_bomb"


def test_small_archive_compressed_beyond_any_real_file_is_refused():
    data = bomb("data.csv", 5)  # 5 MB of zeros in a few KB: over 100 to 1
    with pytest.raises(ValidationError) as raised:
        validate_document_file(SimpleUploadedFile("数据.zip", data))
    assert raised.value.code == "zip_bomb"


def test_directory_that_lies_about_sizes_is_caught_while_inflating():
    data = bytearray(bomb("data.csv", 2))
    # Declare 1 KB in the central directory (and the local header): zipfile stops there and fails the CRC.
    data = bytes(data).replace((2 * MB).to_bytes(4, "little"), (1024).to_bytes(4, "little"))
    with pytest.raises(ValidationError) as raised:
        validate_document_file(SimpleUploadedFile("数据.zip", data))
    assert raised.value.code in {"file_content_mismatch", "zip_bomb"}


def test_encrypted_archive_is_refused():
    # zipfile cannot write encrypted members: flip the "encrypted" bit of an ordinary archive.
    data = bytearray(bomb("readme.txt", 0, extension_member=("a.txt", "附件")))
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            data[start + flag_offset] |= 0x1
            start += 4
    with pytest.raises(ValidationError) as raised:
        validate_document_file(SimpleUploadedFile("附件.zip", bytes(data)))
    assert raised.value.code == "file_encrypted"


HTML = {
    "bom.txt": b"\xef\xbb\xbf<!DOCTYPE html><html><script>alert(1)</script></html>",
    "img.txt": "高青县通知\n<img src=x onerror=alert(1)>\n".encode(),
    "body.csv": "标题,内容\n通知,<body onload=alert(1)>\n".encode(),
    "iframe.txt": b"\n\n   <iframe src=https://evil.example/></iframe>",
    "late.txt": "说明\n".encode() * 20000 + b"<svg onload=alert(1)>",
    "gbk.csv": "标题,内容\n通知,<a href=javascript:alert(1)>点击</a>\n".encode("gb18030"),
}
PLAIN = {
    "angles.txt": "依据《中华人民共和国政府信息公开条例》，当 a < b 且 c > d 时……".encode(),
    "bom.csv": "\ufeff索引号,标题\n000014349/2017-00110,通知\n".encode(),
    "numbers.csv": b"a,b\n1<2,3>2\n",
}


@pytest.mark.parametrize("name", sorted(HTML))
def test_html_is_refused_whatever_its_bom_or_tag(name):
    with pytest.raises(ValidationError) as raised:
        validate_document_file(SimpleUploadedFile(name, HTML[name]))
    assert raised.value.code == "file_content_mismatch"


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_plain_text_with_angle_brackets_passes(name):
    validate_document_file(SimpleUploadedFile(name, PLAIN[name]))


@pytest.mark.django_db
def test_admin_upload_refuses_html_with_a_bom_and_a_zip_bomb(admin_client, odt_bomb):
    collection = Collection.get_first_root_node()
    for name, data, code in (
        ("通知.txt", HTML["bom.txt"], "file_content_mismatch"),
        ("通知.odt", odt_bomb, "zip_bomb"),
    ):
        response = admin_client.post(
            reverse("wagtaildocs:add"),
            {"title": name, "file": SimpleUploadedFile(name, data), "collection": collection.pk},
        )
        assert response.status_code == 200
        assert [e.code for e in response.context["form"].errors.as_data()["file"]] == [code]
    assert not get_document_model().objects.exists()
