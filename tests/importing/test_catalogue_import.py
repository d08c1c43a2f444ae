import codecs
import datetime
import json
import time
import tracemalloc
from io import StringIO

from django.core.management import CommandError, call_command
from django.test import TestCase
from openpyxl import Workbook
from wagtail.models import PageLogEntry, Revision

from gi_wagtail.importing import Importer, read_records
from gi_wagtail.models import CatalogueCategoryPage, DisclosureItemPage, Genre, TopicClass, Validity
from tests.factories import build_catalogue

HEADER = "category,title,published,body,index_no,doc_no,organisation,written_on,topic,genre,validity,keywords\n"


PUBLISHER = "importer"


def run(path, *args, publish=True, fails=False):
    """Run the import (published at once by PUBLISHER unless ``publish=False``); ``fails``: it must exit non-zero."""
    out, err = StringIO(), StringIO()
    if publish:
        args = (*args, "--publish", "--user", PUBLISHER)
    try:
        call_command("gi_wagtail_import", str(path), *args, stdout=out, stderr=err)
    except CommandError as exc:
        if not fails:
            raise
        err.write(f"CommandError: {exc}\n")
    else:
        assert not fails, "the import exited 0 although records failed"
    return out.getvalue(), err.getvalue()


def errors_of(err):
    return [line for line in err.splitlines() if not line.startswith("CommandError: ")]


class ImportTestBase(TestCase):
    @classmethod
    def setUpTestData(cls):
        from django.contrib.auth import get_user_model

        cls.index, cls.category, cls.organisation = build_catalogue()
        cls.publisher = get_user_model().objects.create_superuser(PUBLISHER, "importer@example.com", None)

    def setUp(self):
        import tempfile
        from pathlib import Path

        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = Path(self._tmp.name)

    def tearDown(self):
        self._tmp.cleanup()

    def write(self, name, content, encoding="utf-8"):
        path = self.tmp / name
        path.write_bytes(content.encode(encoding) if isinstance(content, str) else content)
        return path

    def jsonl(self, name, records):
        return self.write(name, "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")


class JsonLinesImportTests(ImportTestBase):
    def test_imports_published_items_with_metadata_revision_and_log(self):
        path = self.jsonl(
            "items.jsonl",
            [
                {
                    "category": "zcfg",
                    "title": "关于印发《高青县科技创新券管理办法》的通知",
                    "published": "2024-03-15",
                    "body": "第一段。\n第二段 <不是标签",
                    "doc_no": "高科发〔2024〕3号",
                    "organisation": "县科技局",
                    "written_on": "2024年3月10日",
                    "topic": "科技、教育\\科技",
                    "genre": "通知",
                    "validity": "有效",
                    "keywords": "科技创新券、中小企业",
                },
                {
                    "category": "政策法规",
                    "title": "第二条",
                    "published": "2024/04/01",
                    "body": "<p>正文<script>alert(1)</script><b>加粗</b></p>",
                    "index_no": "11370322MB2851234X/2023-00999",
                },
            ],
        )
        out, err = run(path)
        self.assertEqual(err, "")
        self.assertIn("2 created, 0 updated, 0 failed", out)
        first = DisclosureItemPage.objects.get(title__startswith="关于印发")
        self.assertTrue(first.live)
        self.assertEqual(first.get_parent().pk, self.category.pk)
        self.assertEqual(first.index_no, "11370322MB2851234X/2024-00001")
        self.assertEqual(first.organisation, self.organisation)
        self.assertEqual(first.written_on, datetime.date(2024, 3, 10))
        self.assertEqual(str(first.topic), "科技、教育\\科技")
        self.assertEqual(first.genre.name, "通知")
        self.assertEqual(sorted(t.name for t in first.keywords.all()), ["中小企业", "科技创新券"])
        self.assertEqual(first.body[0].value.source, "<p>第一段。</p><p>第二段 &lt;不是标签</p>")
        self.assertTrue(Revision.page_revisions.filter(object_id=str(first.pk)).exists())
        self.assertEqual(first.live_revision_id, first.latest_revision_id)
        self.assertTrue(PageLogEntry.objects.filter(page=first, action="wagtail.publish").exists())
        second = DisclosureItemPage.objects.get(title="第二条")
        self.assertEqual(second.index_no, "11370322MB2851234X/2023-00999")
        self.assertNotIn("script", second.body[0].value.source)
        self.assertIn("<b>加粗</b>", second.body[0].value.source)
        response = self.client.get(first.url)
        self.assertContains(response, "第二段 &lt;不是标签")
        DisclosureItemPage.fix_tree() if hasattr(DisclosureItemPage, "fix_tree") else None
        from wagtail.models import Page

        self.assertEqual(Page.find_problems(), ([], [], [], [], []))

    def test_bad_records_reported_with_line_and_reason_others_imported(self):
        path = self.write(
            "mixed.jsonl",
            "\n".join(
                [
                    json.dumps(
                        {"category": "zcfg", "title": "好的一条", "published": "2024-01-02"}, ensure_ascii=False
                    ),
                    json.dumps({"category": "zcfg", "title": "坏日期", "published": "2024-02-30"}, ensure_ascii=False),
                    "{not json",
                    "",
                    json.dumps(
                        {"category": "不存在的分类", "title": "未知分类", "published": "2024-01-02"}, ensure_ascii=False
                    ),
                    json.dumps(
                        {"category": "zcfg", "title": "未知主题", "published": "2024-01-02", "topic": "没有这个"},
                        ensure_ascii=False,
                    ),
                    json.dumps({"category": "zcfg", "published": "2024-01-02"}),
                    json.dumps(["a list"]),
                    json.dumps(
                        {"category": "zcfg", "title": "坏有效性", "published": "2024-01-02", "validity": "也许"},
                        ensure_ascii=False,
                    ),
                ]
            )
            + "\n",
        )
        out, err = run(path, fails=True)
        self.assertIn("1 created, 0 updated, 7 failed", out)
        self.assertIn("CommandError: 7 record(s) failed; the valid records were kept.", err)
        lines = errors_of(err)
        self.assertEqual([line.split(":")[1] for line in lines], ["2", "3", "5", "6", "7", "8", "9"])
        self.assertIn("“2024-02-30” is not a date", lines[0])
        self.assertIn("invalid JSON", lines[1])
        self.assertIn("unknown category “不存在的分类”", lines[2])
        self.assertIn("unknown topic", lines[3])
        self.assertIn("missing required field(s): title", lines[4])
        self.assertIn("unknown validity", lines[6])
        self.assertEqual(list(DisclosureItemPage.objects.values_list("title", flat=True)), ["好的一条"])

    def test_create_categories_builds_missing_nested_categories(self):
        path = self.jsonl(
            "new.jsonl",
            [
                {"category": "法定主动公开内容/规划计划", "title": "十四五规划", "published": "2022-01-20"},
                {"category": "法定主动公开内容/规划计划", "title": "年度计划", "published": "2024-01-20"},
            ],
        )
        out, _ = run(path, "--create-categories")
        self.assertIn("2 created", out)
        plan = CatalogueCategoryPage.objects.get(title="规划计划")
        self.assertEqual(plan.get_parent().title, "法定主动公开内容")
        self.assertTrue(plan.live)
        self.assertEqual(plan.get_children().count(), 2)
        self.assertEqual(CatalogueCategoryPage.objects.filter(title="法定主动公开内容").count(), 1)

    def test_reimport_updates_instead_of_duplicating(self):
        records = [
            {
                "category": "zcfg",
                "title": "按索引号匹配",
                "published": "2024-01-02",
                "index_no": "X/2024-1",
                "body": "旧",
            },
            {"category": "zcfg", "title": "按标题匹配", "published": "2024-01-03", "body": "旧"},
        ]
        run(self.jsonl("a.jsonl", records))
        records[0].update(title="按索引号匹配（修订）", body="新", validity="废止")
        records[1].update(body="新")
        out, _ = run(self.jsonl("b.jsonl", records))
        self.assertIn("0 created, 2 updated, 0 failed", out)
        self.assertEqual(DisclosureItemPage.objects.count(), 2)
        renamed = DisclosureItemPage.objects.get(index_no="X/2024-1")
        self.assertEqual(
            (renamed.title, renamed.validity, renamed.body[0].value.source),
            ("按索引号匹配（修订）", Validity.REPEALED, "<p>新</p>"),
        )
        self.assertEqual(renamed.validity_events.get().new_status, Validity.REPEALED)
        self.assertEqual(DisclosureItemPage.objects.get(title="按标题匹配").body[0].value.source, "<p>新</p>")

    def test_duplicate_index_number_in_one_file_is_reported(self):
        path = self.jsonl(
            "dup.jsonl",
            [
                {"category": "zcfg", "title": "甲", "published": "2024-01-02", "index_no": "D/1"},
                {"category": "zcfg", "title": "乙", "published": "2024-01-02", "index_no": "D/1"},
            ],
        )
        out, err = run(path, fails=True)
        self.assertIn("1 created, 0 updated, 1 failed", out)
        self.assertIn(":2: duplicate index number D/1 (already on line 1)", err)
        self.assertEqual(DisclosureItemPage.objects.get(index_no="D/1").title, "甲")

    def test_dry_run_changes_nothing(self):
        path = self.jsonl(
            "dry.jsonl",
            [
                {"category": "zcfg", "title": "甲", "published": "2024-01-02"},
                {"category": "新分类", "title": "乙", "published": "2024-01-02"},
                {"category": "zcfg", "title": "丙", "published": "bad"},
            ],
        )
        counts = (DisclosureItemPage.objects.count(), CatalogueCategoryPage.objects.count(), Revision.objects.count())
        out, err = run(path, "--dry-run", "--create-categories", fails=True)
        self.assertIn("Would import: 2 created, 0 updated, 1 failed", out)
        self.assertIn(":3:", err)
        self.assertEqual(
            (DisclosureItemPage.objects.count(), CatalogueCategoryPage.objects.count(), Revision.objects.count()),
            counts,
        )

    def test_atomic_rolls_back_everything_on_one_bad_record(self):
        path = self.jsonl(
            "atomic.jsonl",
            [
                {"category": "zcfg", "title": "甲", "published": "2024-01-02"},
                {"category": "zcfg", "title": "乙", "published": "never"},
            ],
        )
        with self.assertRaisesMessage(CommandError, "nothing imported (--atomic)"):
            run(path, "--atomic")
        self.assertFalse(DisclosureItemPage.objects.exists())
        out, _ = run(
            self.jsonl("ok.jsonl", [{"category": "zcfg", "title": "甲", "published": "2024-01-02"}]), "--atomic"
        )
        self.assertIn("1 created", out)

    def test_empty_files_and_unreadable_files_give_clear_errors(self):
        for name, content in (("empty.csv", b""), ("empty.jsonl", b""), ("blank.jsonl", b"\n\n  \n")):
            path = self.write(name, content)
            if content:
                out, err = run(path)
                self.assertIn("0 created, 0 updated, 0 failed", out)
            else:
                with self.assertRaisesMessage(CommandError, "the file is empty"):
                    run(path)
        with self.assertRaisesMessage(CommandError, "not a readable XLSX workbook"):
            run(self.write("broken.xlsx", b"PK\x03\x04 not really a zip"))
        with self.assertRaisesMessage(CommandError, "cannot open"):
            run(self.tmp / "missing.csv")

    def test_import_creates_a_disclosure_root_when_the_site_has_none(self):
        from gi_wagtail.models import DisclosureIndexPage

        DisclosureIndexPage.objects.all().delete()
        path = self.jsonl("root.jsonl", [{"category": "政策法规", "title": "甲", "published": "2024-01-02"}])
        out, _ = run(path, "--create-categories")
        self.assertIn("1 created", out)
        root = DisclosureIndexPage.objects.get()
        self.assertTrue(root.live)
        self.assertEqual(DisclosureItemPage.objects.get().get_parent().get_parent().pk, root.pk)
        with self.assertRaisesMessage(CommandError, "no disclosure index page “nope”"):
            run(path, "--root", "nope")


class CsvAndXlsxImportTests(ImportTestBase):
    ROWS = [
        "政策法规,关于开展科技特派员工作的通知,2024-05-06,正文一,,高科发〔2024〕9号,,,,,,\n",
        "zcfg,“十四五”科技创新规划,2022-01-20,正文二,,,,,,规划,失效,\n",
    ]

    def assert_imported(self, path, *args):
        out, err = run(path, *args)
        self.assertEqual(err, "")
        self.assertIn("2 created, 0 updated, 0 failed", out)
        self.assertEqual(
            sorted(DisclosureItemPage.objects.values_list("title", flat=True)),
            ["“十四五”科技创新规划", "关于开展科技特派员工作的通知"],
        )
        self.assertEqual(DisclosureItemPage.objects.get(genre__name="规划").validity, Validity.EXPIRED)

    def test_utf8_with_bom(self):
        self.assert_imported(self.write("bom.csv", codecs.BOM_UTF8 + (HEADER + "".join(self.ROWS)).encode()))

    def test_gbk(self):
        self.assert_imported(self.write("gbk.csv", HEADER + "".join(self.ROWS), "gbk"))

    def test_gb18030_with_characters_outside_gbk(self):
        rows = [self.ROWS[0], self.ROWS[1].replace("正文二", "𠀀字与€符号")]
        self.assert_imported(self.write("gb18030.csv", HEADER + "".join(rows), "gb18030"))
        self.assertIn("𠀀字与€符号", DisclosureItemPage.objects.get(genre__name="规划").body[0].value.source)

    def test_chinese_headings_and_multiline_quoted_body(self):
        content = (
            '分类,标题,发布日期,正文,文号\n政策法规,多行正文,2024-01-02,"第一行\n第二行, 含逗号",高科发[2024]1号\n'
        )
        out, _ = run(self.write("zh.csv", content))
        self.assertIn("1 created", out)
        item = DisclosureItemPage.objects.get()
        self.assertEqual(item.body[0].value.source, "<p>第一行</p><p>第二行, 含逗号</p>")
        self.assertEqual(item.doc_no_normalised, "高科发[2024]1号")

    def test_undecodable_bytes_reported_on_their_line(self):
        good = (HEADER + self.ROWS[0]).encode("utf-8")
        bad = "zcfg,坏字节".encode() + b"\xff\xfe\xfa" + b",2024-01-02,x,,,,,,,,\n"
        tail = "zcfg,最后一条,2024-01-03,x,,,,,,,,\n".encode()
        out, err = run(self.write("broken.csv", good + bad + tail), fails=True)
        self.assertIn("2 created, 0 updated, 1 failed", out)
        self.assertIn("broken.csv:3: cannot decode the line as", err)

    def test_forced_encoding_and_unknown_encoding(self):
        path = self.write("forced.csv", HEADER + "".join(self.ROWS), "gbk")
        self.assert_imported(path, "--encoding", "gbk")
        with self.assertRaisesMessage(CommandError, "unknown encoding"):
            run(path, "--encoding", "klingon")

    def test_xlsx_with_real_dates(self):
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(["分类", "标题", "发布日期", "正文", "索引号", "有效性"])
        sheet.append(["zcfg", "表格导入一", datetime.datetime(2024, 6, 1), "正文", 12345, "有效"])
        sheet.append(["zcfg", "表格导入二", "2024-06-02", None, None, "废止"])
        sheet.append([None, None, None, None, None, None])
        sheet.append(["zcfg", "坏日期", "明天", None, None, None])
        path = self.tmp / "items.xlsx"
        workbook.save(path)
        out, err = run(path, fails=True)
        self.assertIn("2 created, 0 updated, 1 failed", out)
        self.assertIn("items.xlsx:5:", err)
        self.assertEqual(DisclosureItemPage.objects.get(title="表格导入一").index_no, "12345")
        self.assertEqual(DisclosureItemPage.objects.get(title="表格导入二").validity, Validity.REPEALED)


class VocabularyTests(TestCase):
    def test_shipped_vocabularies_are_present_after_migrate(self):
        self.assertEqual(TopicClass.objects.filter(parent=None).count(), 22)
        science = TopicClass.objects.get(parent=None, name="科技、教育")
        self.assertEqual([t.name for t in science.children.all()], ["科技", "教育", "知识产权", "其他"])
        self.assertEqual(Genre.objects.filter(is_official_document=True).count(), 15)
        self.assertTrue(Genre.objects.filter(name="统计数据", is_official_document=False).exists())

    def test_loading_again_changes_nothing(self):
        before = (TopicClass.objects.count(), Genre.objects.count())
        out = StringIO()
        call_command("gi_wagtail_load_vocabularies", stdout=out)
        self.assertIn("0 new entries", out.getvalue())
        self.assertEqual((TopicClass.objects.count(), Genre.objects.count()), before)


class LargeFileTests(ImportTestBase):
    """50 MB files stream through with bounded memory (numbers are printed with -s)."""

    SIZE = 50 * 1024 * 1024

    def test_50mb_csv_of_short_lines_dry_run(self):
        path = self.tmp / "big.csv"
        row = "zcfg,科技项目公示第{n}号,2024-05-06,“" + "本条目为批量导入的测试正文，内容较长。" * 40 + "”\n"
        with open(path, "w", encoding="gb18030") as handle:
            handle.write("category,title,published,body\n")
            n = 0
            while handle.tell() < self.SIZE:
                handle.writelines(row.format(n=n + k) for k in range(1000))
                n += 1000
        self.assertGreaterEqual(path.stat().st_size, self.SIZE)
        tracemalloc.start()
        started = time.perf_counter()
        result = Importer(root=self.index, dry_run=True).run(read_records(path))
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"\n50 MB CSV dry-run: {result.created} records in {elapsed:.1f}s, peak {peak / 2**20:.1f} MiB")
        self.assertEqual((result.created, result.errors), (n, []))
        self.assertLess(peak, 8 * 2**20)
        self.assertFalse(DisclosureItemPage.objects.exists())

    def test_50mb_record_is_refused_and_the_others_imported(self):
        path = self.tmp / "huge.jsonl"
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(
                json.dumps({"category": "zcfg", "title": "之前", "published": "2024-01-01"}, ensure_ascii=False) + "\n"
            )
            handle.write('{"category": "zcfg", "title": "巨大正文", "published": "2024-01-01", "body": "')
            chunk = "很长的正文" * 20000
            while handle.tell() < self.SIZE:
                handle.write(chunk)
            handle.write('"}\n')
            handle.write(
                json.dumps({"category": "zcfg", "title": "之后", "published": "2024-01-01"}, ensure_ascii=False) + "\n"
            )
        tracemalloc.start()
        started = time.perf_counter()
        result = Importer(root=self.index).run(read_records(path))
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"\n50 MB single-record JSONL: {elapsed:.1f}s, peak {peak / 2**20:.1f} MiB")
        self.assertEqual(result.created, 2)
        self.assertEqual(len(result.errors), 1)
        self.assertEqual(result.errors[0][0], 2)
        self.assertIn("larger than", result.errors[0][1])
        self.assertLess(peak, 40 * 2**20)
        self.assertEqual(sorted(DisclosureItemPage.objects.values_list("title", flat=True)), ["之前", "之后"])

    def test_record_larger_than_limit_can_be_allowed(self):
        path = self.jsonl(
            "big-body.jsonl",
            [{"category": "zcfg", "title": "两兆正文", "published": "2024-01-01", "body": "字" * 700_000}],
        )
        self.assertIn(
            "larger than", Importer(root=self.index).run(read_records(path, max_record_bytes=1024 * 1024)).errors[0][1]
        )
        result = Importer(root=self.index).run(read_records(path, max_record_bytes=4 * 1024 * 1024))
        self.assertEqual((result.created, result.errors), (1, []))
