"""Elasticsearch is an optional extra: a site on the embedded backend never imports the client,
and a site that configures it without the extra gets a clear check error, not a traceback."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLIENT_PACKAGES = ("elasticsearch", "elasticsearch_dsl", "elastic_transport")

# Loads what a site loads: the apps (ready()), system checks, URLconf, admin hooks and search.
USE_THE_SITE = """
import sys
import django
django.setup()
from django.core import checks
from django.urls import reverse
from wagtail import hooks
import gi_wagtail.wagtail_hooks, gi_wagtail.search.models, gi_wagtail.search.elasticsearch, gi_wagtail.search.signals
messages = checks.run_checks()
reverse("gi_wagtail_search"), reverse("gi_wagtail_search_backlog_retry")
hooks.get_hooks("construct_homepage_panels")
"""

BLOCK_CLIENT = f"""
import sys
class _NoClient:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {CLIENT_PACKAGES!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
sys.meta_path.insert(0, _NoClient())
"""


def run(code, tmp_path, settings_module="tests.settings"):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
    }
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_embedded_site_never_imports_the_client(tmp_path):
    result = run(
        USE_THE_SITE
        + f"""
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {CLIENT_PACKAGES!r})
assert not loaded, loaded
from gi_wagtail.search.base import get_backend
assert get_backend().name == "embedded"
assert not [m for m in sys.modules if m.split(".")[0] in {CLIENT_PACKAGES!r}]
print("clean")
""",
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "clean"


def test_elasticsearch_configured_without_the_extra(tmp_path):
    (tmp_path / "es_settings.py").write_text(
        "from tests.settings import *  # noqa\n"
        "GI_WAGTAIL = {**GI_WAGTAIL, 'SEARCH_BACKEND': 'elasticsearch'}  # noqa: F405\n"
    )
    result = run(
        BLOCK_CLIENT
        + USE_THE_SITE
        + """
for m in messages:
    if m.id == "gi_wagtail.E006":
        print("E006:", m.msg, "|", m.hint)
from django.core.exceptions import ImproperlyConfigured
from gi_wagtail.search.base import get_backend
try:
    get_backend()
except ImproperlyConfigured as exc:
    print("get_backend:", exc)
""",
        tmp_path,
        settings_module="es_settings",
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("E006:") and "pip install gi-wagtail[elasticsearch]" in line for line in lines), lines
    assert any(line.startswith("get_backend:") and "pip install gi-wagtail[elasticsearch]" in line for line in lines)
