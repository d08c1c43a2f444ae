from django.core import checks
from django.test import SimpleTestCase, override_settings

from gi_wagtail.catalogue.checks import index_number_pattern_problem
from gi_wagtail.checks import missing_app_errors


def _ids():
    return {message.id for message in checks.run_checks() if message.id and message.id.startswith("gi_wagtail.")}


class SettingsChecksTests(SimpleTestCase):
    def test_default_settings_pass(self):
        # W040 depends on today's date against the installed holiday calendar (tests/requests/test_checks.py);
        # W022: the test project runs in one process on LocMemCache (tests/security/test_shared_cache.py).
        self.assertEqual(_ids() - {"gi_wagtail.W040", "gi_wagtail.W022"}, set())

    @override_settings(GI_WAGTAIL={"SEARCH_BACKEND": "solr"})
    def test_unknown_search_backend_is_rejected(self):
        messages = [m for m in checks.run_checks() if m.id == "gi_wagtail.E001"]
        self.assertEqual(len(messages), 1)
        self.assertIn("solr", messages[0].msg)

    @override_settings(GI_WAGTAIL={"INDEX_NUMBER_PATTERN": "{org_code}/{year}"})
    def test_pattern_without_serial_is_rejected(self):
        self.assertIn("gi_wagtail.E002", _ids())

    @override_settings(GI_WAGTAIL={"INDEX_NUMBER_PATTERN": "{org_code}/{yeer}-{serial:05d}"})
    def test_pattern_with_unknown_field_is_rejected(self):
        self.assertIn("gi_wagtail.E002", _ids())

    @override_settings(GI_WAGTAIL="embedded")
    def test_settings_must_be_a_dict(self):
        self.assertIn("gi_wagtail.E004", _ids())

    @override_settings(GI_WAGTAIL={"ITEMS_PER_PAGE": 0})
    def test_page_size_must_be_positive(self):
        self.assertIn("gi_wagtail.E005", _ids())

    @override_settings(
        GI_WAGTAIL={
            "SEARCH_BACKEND": "elasticsearch",
            "ELASTICSEARCH": {"HOSTS": ["es.example.gov.cn:9200"], "ANALYZER": "jieba", "INDEX_PREFIX": "GI Wagtail"},
        }
    )
    def test_elasticsearch_settings_are_checked(self):
        messages = [m.msg for m in checks.run_checks() if m.id == "gi_wagtail.E006"]
        self.assertEqual(len(messages), 3)
        for text in ("HOSTS", "ANALYZER", "INDEX_PREFIX"):
            self.assertTrue(any(text in message for message in messages), text)

    @override_settings(
        GI_WAGTAIL={
            "SEARCH_BACKEND": "elasticsearch",
            "ELASTICSEARCH": {"HOSTS": ["https://es.example.gov.cn:9200"], "ANALYZER": "smartcn"},
        }
    )
    def test_good_elasticsearch_settings_pass(self):
        self.assertNotIn("gi_wagtail.E006", _ids())

    @override_settings(GI_WAGTAIL={"SEARCH_BAKEND": "embedded"})
    def test_unknown_key_warns(self):
        self.assertIn("gi_wagtail.W001", _ids())

    @override_settings(GI_WAGTAIL={"ELASTICSEARCH": {"CHUNCK_SIZE": 100}})
    def test_unknown_nested_elasticsearch_key_warns(self):
        messages = [m for m in checks.run_checks() if m.id == "gi_wagtail.W001"]
        self.assertEqual(len(messages), 1)
        self.assertIn("CHUNCK_SIZE", messages[0].msg)
        self.assertIn("CHUNK_SIZE", messages[0].hint)

    @override_settings(GI_WAGTAIL={"ELASTICSEARCH": {"CHUNK_SIZE": 100, "FALLBACK": False}})
    def test_documented_nested_elasticsearch_keys_pass(self):
        self.assertNotIn("gi_wagtail.W001", _ids())

    def test_missing_required_app_is_reported(self):
        from django.conf import settings

        installed = set(settings.INSTALLED_APPS) - {"wagtail.contrib.settings", "taggit"}
        messages = missing_app_errors(installed)
        self.assertEqual({m.id for m in messages}, {"gi_wagtail.E003"})
        self.assertEqual(
            [m.msg for m in messages],
            [
                "gi_wagtail needs 'taggit' in INSTALLED_APPS.",
                "gi_wagtail needs 'wagtail.contrib.settings' in INSTALLED_APPS.",
            ],
        )


class PatternTests(SimpleTestCase):
    def test_known_families_are_valid(self):
        for pattern in (
            "{org_code}/{year}-{serial:05d}",
            "{org_code}-{year}-{serial:06d}",
            "{org_code}/{year}{month}-{serial:05d}",
            "{org_code}-{category_code}-{year}-{serial:05d}",
        ):
            self.assertIsNone(index_number_pattern_problem(pattern), pattern)

    def test_broken_format_string(self):
        self.assertIn("format", index_number_pattern_problem("{org_code/{serial}"))
