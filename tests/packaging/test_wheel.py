"""The README's integration steps, followed word for word with the built wheel in a fresh `wagtail start` project.

The code blocks of the README section "Adding gi-wagtail to an existing Wagtail site" are read
from the README itself: shell blocks are run as written (in the checkout or in the project, with
the project's virtualenv active), the other blocks are applied to the file their first line names.
The admin steps in between (README steps 6 and 8) are done through the admin's own forms by
``admin_journey.py``, run with the project's ``manage.py shell``. A block whose first line the
test does not know fails the test, so the README cannot grow a step that is not followed here.
"""

import datetime
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from gi_wagtail.requests import workdays
from gi_wagtail.requests.checks import HORIZON_DAYS

pytestmark = pytest.mark.packaging

REPO = Path(__file__).resolve().parents[2]
SECTION = "## Adding gi-wagtail to an existing Wagtail site"
CHECKOUT = "# in the gi-wagtail checkout"
SITE = "# in your site's folder, with its virtualenv active"
SETTINGS = "# mysite/settings/base.py: append"
URLS = '# mysite/urls.py: above the statement that adds path("", include(wagtail_urls))'
BASE_HTML = "{# mysite/templates/base.html: above {% block content %} #}"
# README steps done in the admin, and what admin_journey.py does for them.
ADMIN_STEPS = {"Add the column in the admin.": "index", "First content.": "content"}
SUPERUSER_ENV = {
    "DJANGO_SUPERUSER_USERNAME": "admin",
    "DJANGO_SUPERUSER_PASSWORD": "Gi-Wagtail-admin-2025",
    "DJANGO_SUPERUSER_EMAIL": "admin@example.invalid",
}
SHIPPED = (
    "gi_wagtail/locale/zh_Hans/LC_MESSAGES/django.mo",
    "gi_wagtail/templates/gi_wagtail/pages/disclosure_item_page.html",
    "gi_wagtail/static/gi_wagtail/css/gi_wagtail.css",
    "gi_wagtail/migrations/0001_initial.py",
)


def readme_steps(text):
    """[(step title, [(language, first line, rest), …]), …] of the integration section's numbered steps."""
    section = text[text.index(SECTION) + len(SECTION) :]
    section = section[: re.search(r"^#", section, re.M).start()]
    steps, lines, i = [], section.splitlines(), 0
    while i < len(lines):
        if match := re.match(r"\d+\. \*\*(.+?)\*\*", lines[i]):
            steps.append((match[1], []))
        elif match := re.match(r"(\s*)```(\w+)$", lines[i]):
            end = lines.index(f"{match[1]}```", i + 1)
            first, *rest = textwrap.dedent("\n".join(lines[i + 1 : end])).splitlines()
            steps[-1][1].append((match[2], first, "\n".join(rest) + "\n"))
            i = end
        i += 1
    return steps


def run(args, cwd, env=None):
    started = time.monotonic()
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=900, env=env)
    shown = args if isinstance(args, str) else " ".join(map(str, args))
    assert result.returncode == 0, f"{shown[:2000]} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    print(f"{time.monotonic() - started:6.1f}s  {shown.splitlines()[-1][:120]}")  # durations, shown with -s
    return result.stdout + result.stderr  # `check` prints its warnings on stderr


class Integrator:
    """A `wagtail start` site in its own virtualenv, and a clean checkout of this repository beside it."""

    def __init__(self, tmp_path):
        self.checkout = tmp_path / "gi-wagtail"
        # A clean copy: a stale build/ folder in a working tree would leak old files into the wheel.
        shutil.copytree(
            REPO,
            self.checkout,
            ignore=shutil.ignore_patterns(
                ".git",
                ".venv*",
                "build",
                "dist",
                "*.egg-info",
                "__pycache__",
                "node_modules",
                "_screenshots",
                "db.sqlite3",
                "media",
            ),
        )
        self.venv = tmp_path / "venv"
        run([sys.executable, "-m", "venv", str(self.venv)], cwd=tmp_path)
        # The project's own settings, not the test suite's; the virtualenv active as `source bin/activate` leaves it.
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "PYTHONPATH", "PYTHONHOME")
        }
        self.env.update(VIRTUAL_ENV=str(self.venv), PATH=f"{self.venv / 'bin'}{os.pathsep}{os.environ['PATH']}")
        # The existing site: a fresh `wagtail start` project.
        self.shell('python -m pip install -q "wagtail>=7.4,<9"', cwd=tmp_path)
        self.shell("wagtail start mysite", cwd=tmp_path)
        self.project = tmp_path / "mysite"

    def shell(self, script, cwd, **env):
        return run(["bash", "-euo", "pipefail", "-c", script], cwd=cwd, env={**self.env, **env})

    def apply(self, language, first, body):
        """Do what one README block says. Returns the shell output (or "")."""
        if language == "sh" and first == CHECKOUT:
            return self.shell(body, cwd=self.checkout)
        if language == "sh" and first == SITE:
            return self.shell(body.replace("/path/to/gi-wagtail", str(self.checkout)), cwd=self.project)
        if language == "python" and first == SETTINGS:
            settings = self.project / "mysite" / "settings" / "base.py"
            settings.write_text(settings.read_text() + "\n" + body)
        elif language == "python" and first == URLS:
            urls = self.project / "mysite" / "urls.py"
            lines = urls.read_text().splitlines(keepends=True)
            catch_all = next(i for i, line in enumerate(lines) if 'path("", include(wagtail_urls))' in line)
            statement = max(i for i in range(catch_all + 1) if lines[i][:1] not in (" ", "\t", "\n", "#"))
            urls.write_text("".join(lines[:statement]) + body + "\n" + "".join(lines[statement:]))
        elif language == "html" and first == BASE_HTML:
            base = self.project / "mysite" / "templates" / "base.html"
            text = base.read_text()
            at = text.index("\n", text.rindex("\n", 0, text.index("{% block content %}")))
            base.write_text(text[: at + 1] + body + text[at + 1 :])
        else:
            pytest.fail(f"README block the packaging test does not know how to follow: {language} {first!r}")
        return ""

    def admin(self, step):
        """README steps done in the admin, through its forms (admin_journey.py)."""
        if step == "index":
            self.shell("python manage.py createsuperuser --noinput", cwd=self.project, **SUPERUSER_ENV)
        journey = (Path(__file__).with_name("admin_journey.py")).read_text() + f"\nrun({step!r})\n"
        output = run(
            [str(self.venv / "bin" / "python"), "manage.py", "shell", "-c", journey], cwd=self.project, env=self.env
        )
        assert f"JOURNEY OK {step}" in output, output[-3000:]
        return output


def check_wheel(checkout):
    wheels = list((checkout / "dist").glob("gi_wagtail-*.whl"))
    assert len(wheels) == 1, wheels
    names = zipfile.ZipFile(wheels[0]).namelist()
    top_level = {name.split("/")[0] for name in names if not name.startswith("gi_wagtail-")}
    assert top_level == {"gi_wagtail"}, top_level
    for shipped in SHIPPED:
        assert shipped in names, shipped


def test_readme_integration_steps_work_in_a_fresh_wagtail_project(tmp_path):
    steps = readme_steps((REPO / "README.md").read_text(encoding="utf-8"))
    titles = [title for title, _blocks in steps]
    assert set(ADMIN_STEPS) <= set(titles), titles
    site = Integrator(tmp_path)
    outputs = []
    for title, blocks in steps:
        for language, first, body in blocks:
            outputs.append(site.apply(language, first, body))
            if first == CHECKOUT:
                check_wheel(site.checkout)
        if title in ADMIN_STEPS:
            outputs.append(site.admin(ADMIN_STEPS[title]))
    log = "\n".join(outputs)
    # Step 4's `check`: no warning at all once the README's settings are in (W020, W021, W030 included),
    # except W040 while the working-day calendar ends less than 90 days ahead (no holiday notice yet).
    if workdays.covered_until() >= datetime.date.today() + datetime.timedelta(days=HORIZON_DAYS):
        assert "System check identified no issues (0 silenced)." in log, log[-3000:]
    else:
        assert "(gi_wagtail.W040)" in log and "System check identified 1 issue (0 silenced)." in log, log[-3000:]
    assert "PUBLISHED 11370322MB2851234X/2025-00001 /xxgk/zcfg/kjcxq-2025/" in log, log[-3000:]
    installed = site.shell(
        "pip show gi-wagtail && python -c 'import gi_wagtail; print(gi_wagtail.__file__)'", cwd=tmp_path
    )
    assert str(site.venv) in installed and str(REPO) not in installed, installed
    assert "No changes detected" in site.shell("python manage.py makemigrations --check --dry-run", cwd=site.project)
