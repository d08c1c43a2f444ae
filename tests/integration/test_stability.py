"""What integrators rely on stays as it is (docs/integrators/upgrade.md, "What stays stable").

Each list below is committed on purpose: removing or renaming an entry fails here, so a change to it is a
decision (a shim, a deprecation, a CHANGELOG entry), not an accident. New entries may be added freely.
"""

import json
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core import checks
from django.core.management import call_command, get_commands
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.template import loader
from django.test import override_settings
from django.urls import reverse
from django.utils.module_loading import import_string
from wagtail.admin.menu import admin_menu
from wagtail.log_actions import registry as log_actions
from wagtail.models import Task, Workflow

import gi_wagtail
from gi_wagtail.conf import DEFAULTS
from gi_wagtail.models import AnnualReportPage

REPO = Path(__file__).resolve().parents[2]
PACKAGE = Path(gi_wagtail.__file__).resolve().parent

APP_LABEL = "gi_wagtail"
MIGRATIONS = ["0001_initial", "0100_search_fts", "0101_catalogue_vocabularies", "0102_repair_report_rich_text"]
# Model name: table name (auto-created many-to-many tables included).
TABLES = {
    "DisclosureIndexPage": "gi_wagtail_disclosureindexpage",
    "CatalogueCategoryPage": "gi_wagtail_cataloguecategorypage",
    "DisclosureItemPage": "gi_wagtail_disclosureitempage",
    "DisclosureItemPage_interprets": "gi_wagtail_disclosureitempage_interprets",
    "ItemAttachment": "gi_wagtail_itemattachment",
    "ItemKeyword": "gi_wagtail_itemkeyword",
    "IndexNumberSequence": "gi_wagtail_indexnumbersequence",
    "AnnualReportPage": "gi_wagtail_annualreportpage",
    "Organisation": "gi_wagtail_organisation",
    "TopicClass": "gi_wagtail_topicclass",
    "Genre": "gi_wagtail_genre",
    "ValidityEvent": "gi_wagtail_validityevent",
    "SearchEntry": "gi_wagtail_searchentry",
    "SearchEntryText": "gi_wagtail_searchentrytext",
    "SearchSynonym": "gi_wagtail_searchsynonym",
    "SearchIndexBacklog": "gi_wagtail_searchindexbacklog",
    "SecrecyReviewTask": "gi_wagtail_secrecyreviewtask",
    "SecrecyReviewTask_groups": "gi_wagtail_secrecyreviewtask_groups",
    "LeaderSignOffTask": "gi_wagtail_leadersignofftask",
    "LeaderSignOffTask_groups": "gi_wagtail_leadersignofftask_groups",
    "ReviewTaskState": "gi_wagtail_reviewtaskstate",
}
FTS_TABLE = "gi_wagtail_searchentry_fts"  # the embedded search's SQLite FTS5 table (migration 0100)
TEMPLATES = [
    "gi_wagtail/admin/reports/findings_panel.html",
    "gi_wagtail/admin/reports/key_figures_widget.html",
    "gi_wagtail/admin/reports/tables_widget.html",
    "gi_wagtail/admin/search_health_panel.html",
    "gi_wagtail/base.html",
    "gi_wagtail/blocks/department_block.html",
    "gi_wagtail/blocks/guide_block.html",
    "gi_wagtail/blocks/heading_block.html",
    "gi_wagtail/blocks/leader_block.html",
    "gi_wagtail/blocks/organisation_profile_block.html",
    "gi_wagtail/blocks/paragraph_block.html",
    "gi_wagtail/blocks/plan_block.html",
    "gi_wagtail/blocks/statistics_table_block.html",
    "gi_wagtail/includes/accessibility_toolbar.html",
    "gi_wagtail/includes/breadcrumb.html",
    "gi_wagtail/includes/category_nav.html",
    "gi_wagtail/includes/item_table.html",
    "gi_wagtail/includes/print_source.html",
    "gi_wagtail/includes/site_search.html",
    "gi_wagtail/pages/annual_report_compare.html",
    "gi_wagtail/pages/annual_report_page.html",
    "gi_wagtail/pages/catalogue_category_page.html",
    "gi_wagtail/pages/disclosure_index_page.html",
    "gi_wagtail/pages/disclosure_item_page.html",
    "gi_wagtail/rate_limited.html",
    "gi_wagtail/reports/section_block.html",
    "gi_wagtail/reports/table.html",
    "gi_wagtail/search/search.html",
    "gi_wagtail/workflow/review_action_modal.html",
]
BASE_TEMPLATE_BLOCKS = {"title", "extra_css", "header", "site_search", "content", "footer", "extra_js"}
REPORT_ROUTES = {"gi_wagtail_report", "gi_wagtail_report_json", "gi_wagtail_report_table", "gi_wagtail_report_compare"}
CHECK_IDS = {"E001", "E002", "E003", "E004", "E005", "E006", "E010", "E020", "W001", "W020", "W021", "W030"}
SETTINGS_KEYS = {
    "SEARCH_BACKEND",
    "ELASTICSEARCH",
    "INDEX_NUMBER_PATTERN",
    "BASE_TEMPLATE",
    "ITEMS_PER_PAGE",
    "SEARCH_MAX_QUERY_LENGTH",
    "SYNONYMS_FILE",
    "MAX_UPLOAD_MB",
    "DISCLOSURE_INDEX_PARENT_PAGE_TYPES",
    "PUBLIC_RATE_LIMIT",
}
ELASTICSEARCH_KEYS = {"HOSTS", "INDEX_PREFIX", "ANALYZER", "OPTIONS", "CHUNK_SIZE", "SEARCH_AFTER_FROM", "FALLBACK"}
COMMANDS = {
    "gi_wagtail_check_report",
    "gi_wagtail_import",
    "gi_wagtail_import_report",
    "gi_wagtail_load_vocabularies",
    "gi_wagtail_rebuild_index",
    "gi_wagtail_search",
    "gi_wagtail_search_health",
    "gi_wagtail_setup_groups",
    "gi_wagtail_setup_workflow",
}
LOG_ACTIONS = {"gi_wagtail.review_decision", "gi_wagtail.report_validation_override"}
GROUPS = {"信息公开编辑", "保密审查员", "信息公开管理员"}
WORKFLOW, TASKS = "信息公开发布审核", {"保密审查", "领导审签"}

# Dotted paths. Old paths named in settings or migrations stay for good, silently; old paths that only code
# imports warn (RemovedInGiWagtail02Warning) until 0.2. Both give the very same objects as the new path.
KEPT_OLD_PATHS = {  # old module: (new module, names integrators use)
    "gi_wagtail.workflow_finish": ("gi_wagtail.review.finish", ["publish_reviewed_revision"]),
    "gi_wagtail.uploads": (
        "gi_wagtail.security.uploads",
        ["GiDocumentForm", "DOCUMENT_EXTENSIONS", "validate_document_file"],
    ),
    "gi_wagtail.log_filters": ("gi_wagtail.security.log_filters", ["RedactPersonalDataFilter"]),
    "gi_wagtail.blocks.report_sections": ("gi_wagtail.reports.blocks", ["ReportSectionBlock"]),
}
DEPRECATED_OLD_PATHS = {
    "gi_wagtail.ratelimit": ("gi_wagtail.security.ratelimit", ["ratelimit", "check_rate_limit"]),
    "gi_wagtail.sanitize": ("gi_wagtail.security.sanitize", ["sanitize_rich_text"]),
    "gi_wagtail.validators": (
        "gi_wagtail.catalogue.validation",
        ["DocNo", "parse_doc_no", "parse_index_no", "validate_doc_no", "validate_disclosure_item"],
    ),
}
# Paths that are where they belong: they import without any warning.
PERMANENT_PATHS = [
    "gi_wagtail.review.finish.publish_reviewed_revision",
    "gi_wagtail.security.uploads.GiDocumentForm",
    "gi_wagtail.security.uploads.DOCUMENT_EXTENSIONS",
    "gi_wagtail.security.log_filters.RedactPersonalDataFilter",
    "gi_wagtail.search.embedded.EmbeddedBackend",
    "gi_wagtail.search.elasticsearch.ElasticsearchBackend",
    "gi_wagtail.search.wagtail_backend.SearchBackend",
    "gi_wagtail.search.base.SearchQuery",
    "gi_wagtail.search.base.SearchResults",
    "gi_wagtail.search.base.get_backend",
    "gi_wagtail.search.tasks.sync_pages",
    "gi_wagtail.search.tasks.update_search_index",
    "gi_wagtail.reports.parsers.parse_file",
    "gi_wagtail.reports.schema.validate_shape",
    "gi_wagtail.reports.schema.empty_report",
    "gi_wagtail.reports.blocks.ReportSectionBlock",
    "gi_wagtail.importing.read_records",
    "gi_wagtail.importing.Importer",
    *(
        f"gi_wagtail.models.{name}"
        for name in [
            "AbstractCatalogueCategoryPage",
            "CatalogueCategoryPage",
            "AbstractDisclosureIndexPage",
            "DisclosureIndexPage",
            "AbstractDisclosureItemPage",
            "DisclosureItemPage",
            "DisclosureMethod",
            "DisclosureScope",
            "ItemAttachment",
            "ItemKeyword",
            "Validity",
            "IndexNumberSequence",
            "Genre",
            "Organisation",
            "TopicClass",
            "AbstractAnnualReportPage",
            "AnnualReportPage",
            "ReportFormat",
            "SearchEntry",
            "SearchEntryText",
            "SearchSynonym",
            "ValidityEvent",
            "SearchIndexBacklog",
            "LeaderSignOffTask",
            "ReviewTaskState",
            "SecrecyReviewTask",
        ]
    ),
    *(
        f"gi_wagtail.blocks.{name}"
        for name in [
            "DepartmentBlock",
            "GuideBlock",
            "HeadingBlock",
            "ItemBodyBlock",
            "LeaderBlock",
            "OrganisationProfileBlock",
            "ParagraphBlock",
            "PlanBlock",
            "StatisticsTableBlock",
        ]
    ),
    "gi_wagtail.blocks.text.ParagraphBlock",  # named by migration 0001, so by integrators' migrations too
]


# ---- app, models, migrations, tables ------------------------------------------------------------------------


def test_app_label_and_model_names():
    config = apps.get_app_config(APP_LABEL)
    assert config.name == "gi_wagtail"
    names = {model.__name__ for model in config.get_models(include_auto_created=True)}
    assert set(TABLES) - names == set()


def test_table_names():
    config = apps.get_app_config(APP_LABEL)
    tables = {model.__name__: model._meta.db_table for model in config.get_models(include_auto_created=True)}
    assert {name: tables.get(name) for name in TABLES} == TABLES
    assert all(table.startswith("gi_wagtail_") for table in tables.values())
    from gi_wagtail.search.embedded import dialects

    assert dialects.FTS_TABLE == FTS_TABLE


@pytest.mark.django_db
def test_the_embedded_search_tables_exist():
    tables = set(connection.introspection.table_names())
    assert {"gi_wagtail_searchentry", "gi_wagtail_searchentrytext"} <= tables
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE name = %s", [FTS_TABLE])
            assert cursor.fetchone(), FTS_TABLE


def test_migration_names_and_order():
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    leaves = graph.leaf_nodes(APP_LABEL)
    assert len(leaves) == 1, leaves  # one line of migrations, no merge needed
    plan = [name for app, name in graph.forwards_plan(leaves[0]) if app == APP_LABEL]
    assert plan[: len(MIGRATIONS)] == MIGRATIONS


def test_dotted_paths_in_our_migrations_import():
    """Block paths and modules our migrations name (integrators' StreamField migrations name the same block paths)."""
    named = set()
    for path in (PACKAGE / "migrations").glob("0*.py"):
        source = path.read_text(encoding="utf-8")
        named |= set(re.findall(r"['\"](gi_wagtail(?:\.[a-z_]+)+\.[A-Z]\w*)['\"]", source))  # block paths
        named |= {
            f"{module}.{name}" for module, name in re.findall(r"^\s*from (gi_wagtail[\w.]*) import (\w+)", source, re.M)
        }
    assert "gi_wagtail.blocks.text.ParagraphBlock" in named
    for dotted in sorted(named):
        try:
            import_string(dotted)
        except ImportError:
            __import__(dotted)  # a module: `from gi_wagtail.search.embedded import dialects`


# ---- templates ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", TEMPLATES)
def test_template_path(name):
    template = loader.get_template(name)
    assert Path(template.origin.name).resolve() == PACKAGE / "templates" / name


def test_base_template_blocks():
    source = (PACKAGE / "templates" / "gi_wagtail" / "base.html").read_text(encoding="utf-8")
    assert BASE_TEMPLATE_BLOCKS - set(re.findall(r"{%\s*block\s+(\w+)", source)) == set()


# ---- URLs, admin names ----------------------------------------------------------------------------------------


def test_url_names():
    assert reverse("gi_wagtail_search") == "/gi/search/"  # tests/urls.py includes gi_wagtail.urls at gi/
    assert reverse("gi_wagtail_search_backlog_retry").startswith("/admin/")
    assert reverse("gi_wagtail_items:index").startswith("/admin/")
    routes = {pattern.name for pattern in AnnualReportPage.get_subpage_urls()}
    assert REPORT_ROUTES - routes == set()


def test_snippet_menu_name():
    assert "gi_wagtail" in {item.name for item in admin_menu.registered_menu_items}


# ---- checks, settings, commands, identifiers -----------------------------------------------------------------


def test_check_ids():
    found = set()
    for path in PACKAGE.rglob("*.py"):
        found |= set(re.findall(r"""id=["']gi_wagtail\.([EW]\d{3})["']""", path.read_text(encoding="utf-8")))
    assert CHECK_IDS - found == set()


def test_settings_keys():
    assert SETTINGS_KEYS - set(DEFAULTS) == set()


def test_nested_elasticsearch_keys():
    assert ELASTICSEARCH_KEYS - set(DEFAULTS["ELASTICSEARCH"]) == set()


def test_management_command_names():
    commands = {name for name, app in get_commands().items() if app == APP_LABEL}
    assert COMMANDS - commands == set()


def test_log_actions():
    for action in LOG_ACTIONS:
        assert log_actions.action_exists(action), action


@pytest.mark.django_db
def test_permission_group_workflow_and_task_names():
    assert Permission.objects.filter(content_type__app_label=APP_LABEL, codename="override_report_validation").exists()
    call_command("gi_wagtail_setup_workflow", stdout=StringIO())
    assert GROUPS - set(Group.objects.values_list("name", flat=True)) == set()
    assert Workflow.objects.filter(name=WORKFLOW).exists()
    assert TASKS - set(Task.objects.values_list("name", flat=True)) == set()


@pytest.mark.parametrize(
    "setting, value, check_id",
    [
        ("WAGTAILDOCS_DOCUMENT_FORM_BASE", "gi_wagtail.security.uploads.GiDocumentForm", "gi_wagtail.W020"),
        ("WAGTAILDOCS_DOCUMENT_FORM_BASE", "gi_wagtail.uploads.GiDocumentForm", "gi_wagtail.W020"),
        ("WAGTAIL_FINISH_WORKFLOW_ACTION", "gi_wagtail.review.finish.publish_reviewed_revision", "gi_wagtail.W030"),
        ("WAGTAIL_FINISH_WORKFLOW_ACTION", "gi_wagtail.workflow_finish.publish_reviewed_revision", "gi_wagtail.W030"),
    ],
)
def test_checks_accept_the_old_and_the_new_settings_path(setting, value, check_id):
    with override_settings(**{setting: value}):
        assert check_id not in {message.id for message in checks.run_checks(tags=[checks.Tags.security])}
    with override_settings(**{setting: "django.forms.Form" if "FORM" in setting else "builtins.print"}):
        assert check_id in {message.id for message in checks.run_checks(tags=[checks.Tags.security])}


# ---- dotted paths, in a fresh interpreter (a module is imported once per process) ------------------------------

PROBE = r"""
import importlib, json, sys, warnings

def deprecations(caught):
    return [f"{w.category.__name__}: {w.message}" for w in caught if issubclass(w.category, DeprecationWarning)
            and w.category.__module__.startswith("gi_wagtail")]

kept, deprecated, permanent = json.loads(sys.argv[1])
report = {}
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    import django
    django.setup()
    from django.utils.module_loading import import_string
    for path in permanent:
        import_string(path)
report["setup_and_permanent"] = deprecations(caught)
report["imported_by_the_package"] = [old for old in {**kept, **deprecated} if old in sys.modules]
for old, (new, names) in {**kept, **deprecated}.items():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old_module = importlib.import_module(old)
        from_names = {name: import_string(f"{old}.{name}") for name in names}
    new_module = importlib.import_module(new)
    report[old] = {
        "same_module": old_module is new_module,
        "same_objects": [name for name in names if from_names[name] is getattr(new_module, name)],
        "warnings": deprecations(caught),
    }
print(json.dumps(report))
"""


@pytest.fixture(scope="module")
def probe():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "PYTHONPATH": os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]),
    }
    env.pop("DATABASE_URL", None)  # django.setup() only; no database is opened
    args = json.dumps([KEPT_OLD_PATHS, DEPRECATED_OLD_PATHS, PERMANENT_PATHS])
    result = subprocess.run(
        [sys.executable, "-c", PROBE, args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_permanent_paths_import_without_warning(probe):
    assert probe["setup_and_permanent"] == []
    assert probe["imported_by_the_package"] == []  # gi_wagtail itself uses the new paths only


@pytest.mark.parametrize("old", KEPT_OLD_PATHS)
def test_old_settings_and_migration_paths_stay_silently(probe, old):
    new, names = KEPT_OLD_PATHS[old]
    assert probe[old] == {"same_module": True, "same_objects": names, "warnings": []}


@pytest.mark.parametrize("old", DEPRECATED_OLD_PATHS)
def test_old_import_paths_warn_until_0_2(probe, old):
    new, names = DEPRECATED_OLD_PATHS[old]
    result = probe[old]
    assert result["same_module"] and result["same_objects"] == names
    assert len(result["warnings"]) == 1, result["warnings"]
    assert result["warnings"][0].startswith(f"RemovedInGiWagtail02Warning: {old} has moved to {new}")
