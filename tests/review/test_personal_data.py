"""保密审查 and personal data: an item listing names with ID numbers is held until the reviewer
records why it may be published; the decision modal shows each hit masked, in place."""

import json
import re

from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import PageLogEntry
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from gi_wagtail.models import LeaderSignOffTask
from gi_wagtail.review.workflow import setup_workflow
from gi_wagtail.text.personal_data import id_check_char
from tests.factories import add_item, build_catalogue
from tests.helpers import edit_form_data, make_staff
from tests.text.attachments import make_docx, make_pdf


def id_number(first17):
    return first17 + id_check_char(first17)


ID_1 = id_number("37032219850312401")
ID_2 = id_number("37032219921107252")
MOBILE = "13953312345"
LIST_HTML = (
    "<p>经审核，以下人员符合低保条件，现予公示：</p>"
    f"<p>1. 张建国 身份证号：{ID_1} 联系电话：{MOBILE}</p>"
    f"<p>2. 李秀英 身份证号：{ID_2}</p>"
    "<p>监督电话：0533-6961250。高青县民政局 2024年3月1日</p>"
)
DECISION = {"reason": "不涉及国家秘密。", "reviewer_name": "李审查"}
OVERRIDE = {
    **DECISION,
    "personal_data_override": "on",
    "personal_data_reason": "依《社会救助暂行办法》须公示，已征得同意。",
}


class PersonalDataReviewTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.category, cls.organisation = build_catalogue()
        setup_workflow()
        cls.staff = make_staff()

    def setUp(self):
        self.item = add_item(
            self.category, "关于2024年第一季度城乡低保对象的公示", publish=False, owner=self.staff.editor
        )

    def submit(self, body_html="", attachment=None):
        self.client.force_login(self.staff.editor)
        changes = {"action-submit": "submit"}
        if body_html:
            changes.update(nested_form_data({"body": streamfield([("paragraph", rich_text(body_html))])}))
        if attachment is not None:
            changes.update(
                {
                    "attachments-TOTAL_FORMS": "1",
                    "attachments-INITIAL_FORMS": "0",
                    "attachments-0-document": str(attachment.pk),
                    "attachments-0-title": "",
                    "attachments-0-ORDER": "1",
                    "attachments-0-id": "",
                }
            )
        data = edit_form_data(self.client, self.item, **changes)
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=(self.item.pk,)), data, follow=True)
        self.assertEqual(response.status_code, 200)
        self.item.refresh_from_db()
        self.assertEqual(self.item.current_workflow_task.name, "保密审查")
        return [str(m) for m in response.context["messages"]]

    def url(self, action):
        state = self.item.current_workflow_task_state
        return reverse("wagtailadmin_pages:workflow_action", args=(self.item.pk, action, state.pk))

    def modal(self, action="approve"):
        self.client.force_login(self.staff.reviewer)
        response = self.client.get(self.url(action), HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        self.assertEqual(response.status_code, 200)
        return json.loads(response.content)["html"]

    def decide(self, action, data, state_in_form=True):
        if state_in_form:  # as the modal sends it
            token = re.search(r'name="reviewed_state" value="([^"]+)"', self.modal(action)).group(1)
            data = {**data, "reviewed_state": token}
        self.client.force_login(self.staff.reviewer)
        return self.client.post(self.url(action), data, HTTP_X_REQUESTED_WITH="XMLHttpRequest")

    def assertNoClearValues(self, text):
        for value in (ID_1, ID_2, MOBILE, "张建国", "李秀英"):
            self.assertNotIn(value, text)

    def entry(self):
        return PageLogEntry.objects.get(page=self.item, action="gi_wagtail.review_decision")

    def test_editor_is_warned_on_submit(self):
        messages = self.submit(LIST_HTML)
        warning = next(m for m in messages if "personal data" in m or "个人信息" in m)
        self.assertIn("2", warning)
        self.assertNoClearValues(" ".join(messages))

    def test_approval_refused_without_override_and_hits_shown_masked(self):
        self.submit(LIST_HTML)
        html = self.modal()
        self.assertIn("<mark>370322********" + ID_1[-4:] + "</mark>", html)
        self.assertIn("<mark>139****2345</mark>", html)
        self.assertIn("张**", html)
        self.assertIn('name="personal_data_override"', html)
        self.assertIn('name="personal_data_reason"', html)
        self.assertNotIn("0533-6961250</mark>", html)
        self.assertNoClearValues(html)

        response = self.decide("approve", DECISION)
        payload = json.loads(response.content)
        self.assertEqual(payload["step"], "action")
        self.assertIn("error", payload["html"])
        self.assertNoClearValues(payload["html"])
        # A ticked box without a reason is not enough either.
        payload = json.loads(self.decide("approve", {**DECISION, "personal_data_override": "on"}).content)
        self.assertEqual(payload["step"], "action")
        # Without the modal's hidden field the task itself refuses.
        self.assertEqual(self.decide("approve", DECISION, state_in_form=False).status_code, 403)
        self.assertEqual(self.item.current_workflow_task_state.status, "in_progress")
        self.assertFalse(PageLogEntry.objects.filter(page=self.item, action="gi_wagtail.review_decision").exists())

    def test_override_with_reason_approves_and_logs_masked_hits(self):
        self.submit(LIST_HTML)
        response = self.decide("approve", OVERRIDE)
        self.assertEqual(json.loads(response.content)["step"], "success")
        self.item.refresh_from_db()
        self.assertIsInstance(self.item.current_workflow_task, LeaderSignOffTask)
        data = self.entry().data
        self.assertEqual(data["decision"], "approved")
        record = data["personal_data"]
        self.assertEqual(record["override_reason"], OVERRIDE["personal_data_reason"])
        self.assertEqual(record["counts"], {"id_card": 2, "mobile": 1, "name_list": 1})
        self.assertIn({"kind": "id_card", "where": "body", "masked": "370322********" + ID_1[-4:]}, record["hits"])
        self.assertNoClearValues(json.dumps(data, ensure_ascii=False))
        # The history shows the override's reason.
        self.client.force_login(self.staff.manager)
        history = self.client.get(reverse("wagtailadmin_pages:history", args=(self.item.pk,)))
        self.assertContains(history, "已征得同意")

    def test_rejection_is_always_allowed(self):
        self.submit(LIST_HTML)
        response = self.decide("reject", {"reason": "含有身份证号码，请删除后再报。", "reviewer_name": "李审查"})
        self.assertEqual(json.loads(response.content)["step"], "success")
        record = self.entry().data["personal_data"]
        self.assertEqual(record["counts"]["id_card"], 2)
        self.assertNotIn("override_reason", record)
        self.assertNoClearValues(json.dumps(self.entry().data, ensure_ascii=False))

    def test_text_around_a_hit_is_escaped(self):
        self.item.summary = f'<img src=x onerror="alert(1)"> 申请人 {ID_1}'
        self.item.save_revision()
        self.submit()
        html = self.modal()
        self.assertNotIn('onerror="', html)
        self.assertIn("onerror=&quot;alert(1)&quot;&gt; 申请人 <mark>", html)
        self.assertIn("<mark>370322********" + ID_1[-4:] + "</mark>", html)

    def test_clean_item_is_approved_as_before(self):
        messages = self.submit(
            "<p>索引号：11370322MB2851234X/2024-00012，文号：高民发〔2024〕13号。</p>"
            "<p>2024年发放低保资金1385246.50元，咨询电话：0533-6961250。</p>"
        )
        self.assertFalse([m for m in messages if "personal data" in m or "个人信息" in m])
        html = self.modal()
        self.assertNotIn("<mark>", html)
        self.assertNotIn('name="personal_data_override"', html)
        response = self.decide("approve", DECISION)
        self.assertEqual(json.loads(response.content)["step"], "success")
        self.assertNotIn("personal_data", self.entry().data)

    def test_id_number_in_an_attached_pdf_is_caught(self):
        pdf = make_pdf([["城乡低保对象名单", f"王桂兰 {ID_1}", f"赵志强 {ID_2}"]])
        document = get_document_model().objects.create(title="低保名单", file=ContentFile(pdf, name="mingdan.pdf"))
        self.submit("<p>名单见附件。</p>", attachment=document)
        html = self.modal()
        self.assertIn("低保名单", html)
        self.assertIn("<mark>370322********" + ID_2[-4:] + "</mark>", html)
        self.assertNotIn(ID_1, html)
        self.assertEqual(json.loads(self.decide("approve", DECISION).content)["step"], "action")

    def test_id_number_in_an_attached_docx_table_is_caught(self):
        docx = make_docx(
            ["补贴发放名单"], table=[["序号", "姓名", "身份证号"], ["1", "孙丽", ID_2], ["2", "周强", ID_1]]
        )
        document = get_document_model().objects.create(title="补贴名单", file=ContentFile(docx, name="mingdan.docx"))
        self.submit(attachment=document)
        self.assertEqual(self.decide("approve", DECISION, state_in_form=False).status_code, 403)
        self.assertEqual(json.loads(self.decide("approve", OVERRIDE).content)["step"], "success")
        record = self.entry().data["personal_data"]
        self.assertEqual(record["counts"]["id_card"], 2)
        self.assertEqual({h["where"] for h in record["hits"]}, {"attachment"})


class CreatedItemWarningTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.category, cls.organisation = build_catalogue()
        setup_workflow()
        cls.staff = make_staff()

    def test_item_created_and_submitted_with_a_list_in_its_summary(self):
        from wagtail.test.utils.form_data import inline_formset

        self.client.force_login(self.staff.editor)
        data = nested_form_data(
            {
                "title": "2024年度见义勇为人员拟表彰名单公示",
                "slug": "jyyw-2024",
                "published_on": "2024-05-06",
                "published_on_confirmed": "on",  # a back-dated new item
                "validity": "valid",
                "disclosure_method": "proactive",
                "disclosure_scope": "public",
                "summary": "王桂兰，手机 139 5331 2345\n赵志强，手机 138-0533-6789\n公示期5个工作日。",
                "body": streamfield([]),
                "attachments": inline_formset([]),
                "action-submit": "submit",
            }
        )
        url = reverse("wagtailadmin_pages:add", args=("gi_wagtail", "disclosureitempage", self.category.pk))
        response = self.client.post(url, data, follow=True)
        self.assertEqual(response.status_code, 200)
        messages = [str(m) for m in response.context["messages"]]
        warning = next(m for m in messages if "personal data" in m or "个人信息" in m)
        self.assertNotIn("5331", warning)
        self.assertNotIn("王桂兰", warning)
