"""Personal data never reaches the log files through the redaction filter."""

import logging

from django.test import SimpleTestCase

from gi_wagtail.security.log_filters import RedactPersonalDataFilter, redact


class RedactionTests(SimpleTestCase):
    def test_masks_id_numbers_phones_and_emails(self):
        text = "申请人 370322199001011234 电话 13812345678 / +86 139-0000 邮箱 zhang.san@example.com"
        self.assertEqual(redact(text), "申请人 [id-number] 电话 [phone] / +86 139-0000 邮箱 [email]")
        self.assertEqual(redact("id 37032219900101123X."), "id [id-number].")

    def test_keeps_catalogue_codes(self):
        for text in ("11370322MB2851234X/2024-00012", "000014349/2017-00110", "高科发〔2024〕12号"):
            self.assertEqual(redact(text), text)

    def test_filter_rewrites_the_record(self):
        logger = logging.getLogger("gi_wagtail.tests.redaction")
        handler_filter = RedactPersonalDataFilter()
        logger.addFilter(handler_filter)
        try:
            with self.assertLogs(logger, level="ERROR") as logs:
                logger.error("Internal Server Error: /search/?q=%s", "370322199001011234")
        finally:
            logger.removeFilter(handler_filter)
        self.assertEqual(logs.records[0].getMessage(), "Internal Server Error: /search/?q=[id-number]")
        self.assertNotIn("370322199001011234", logs.output[0])
