"""The built wheel works inside a brand-new `wagtail start` project, as an integrator would use it."""

import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.packaging

REPO = Path(__file__).resolve().parents[2]

SETTINGS_ADDITION = textwrap.dedent("""
    INSTALLED_APPS += ["gi_wagtail", "wagtail.contrib.settings", "wagtail.contrib.search_promotions", "django_tasks"]
    GI_WAGTAIL = {"INDEX_NUMBER_PATTERN": "{org_code}-{year}-{serial:06d}"}
    LANGUAGE_CODE = "zh-hans"
    ALLOWED_HOSTS = ["*"]
""")

RENDER_SCRIPT = textwrap.dedent("""
    from django.test import Client
    from wagtail.models import Site
    from gi_wagtail.models import CatalogueCategoryPage, DisclosureIndexPage, DisclosureItemPage

    home = Site.objects.get(is_default_site=True).root_page
    index = home.add_child(instance=DisclosureIndexPage(title="政府信息公开", slug="xxgk", agency_name="某县科学技术局", org_code="000014349"))
    category = index.add_child(instance=CatalogueCategoryPage(title="政策法规", slug="zcfg"))
    item = category.add_child(instance=DisclosureItemPage(title="关于科技创新的通知", slug="notice", live=False))
    item.save_revision().publish()
    item.refresh_from_db()
    response = Client().get(item.url, HTTP_HOST="localhost")
    body = response.content.decode()
    assert response.status_code == 200, response.status_code
    assert "索引号" in body and "000014349-" in body and "关于科技创新的通知" in body, body[:2000]
    print("RENDERED", item.index_no)
""")


def run(*args, cwd=None):
    # The new project uses its own settings, not the test suite's.
    env = {key: value for key, value in os.environ.items() if key not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "PYTHONPATH")}
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=900, env=env)
    assert result.returncode == 0, f"{' '.join(map(str, args))} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


def test_wheel_installs_into_fresh_wagtail_project(tmp_path):
    # Build from a clean copy: a stale build/ folder in a working tree would leak old files into the wheel.
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".git", ".venv*", "build", "dist", "*.egg-info", "__pycache__",
                                                                "node_modules", "_screenshots", "db.sqlite3", "media"))
    run(sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path / "dist"), str(source))
    wheel = next((tmp_path / "dist").glob("gi_wagtail-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    top_level = {name.split("/")[0] for name in names if not name.startswith("gi_wagtail-")}
    assert top_level == {"gi_wagtail"}, top_level
    for shipped in ("gi_wagtail/locale/zh_Hans/LC_MESSAGES/django.mo", "gi_wagtail/templates/gi_wagtail/pages/disclosure_item_page.html",
                    "gi_wagtail/static/gi_wagtail/css/gi_wagtail.css", "gi_wagtail/migrations/0001_initial.py"):
        assert shipped in names, shipped

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", str(venv))
    python = venv / "bin" / "python"
    run(str(python), "-m", "pip", "install", "-q", str(wheel))
    run(str(venv / "bin" / "wagtail"), "start", "mysite", cwd=tmp_path)
    project = tmp_path / "mysite"
    settings = project / "mysite" / "settings" / "base.py"
    settings.write_text(settings.read_text() + SETTINGS_ADDITION)
    urls = project / "mysite" / "urls.py"
    urls.write_text(urls.read_text().replace('path("admin/", include(wagtailadmin_urls)),',
                                             'path("admin/", include(wagtailadmin_urls)),\n    path("gi/", include("gi_wagtail.urls")),'))

    manage = [str(python), "manage.py"]
    run(*manage, "check", cwd=project)
    run(*manage, "migrate", "--noinput", cwd=project)
    assert "No changes detected" in run(*manage, "makemigrations", "--check", "--dry-run", cwd=project)
    assert "RENDERED 000014349-2" in run(*manage, "shell", "-c", RENDER_SCRIPT, cwd=project)
