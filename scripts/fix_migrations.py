"""Make auto-generated migrations loadable on Wagtail 7.4 as well as 8.x.

Wagtail 8 adds wagtailcore 0098 and the swappable WAGTAIL_PAGE_MODEL setting;
neither exists in 7.4. Run after `makemigrations`:
    python scripts/fix_migrations.py gi_wagtail/migrations/*.py example_site/home/migrations/*.py
"""

import re
import sys

REPLACEMENTS = [
    (
        re.compile(r"\('wagtailcore', '0098_[a-z_]+'\)"),
        "('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes')",
    ),
    (re.compile(r"\s*migrations\.swappable_dependency\(settings\.WAGTAIL_PAGE_MODEL\),"), ""),
    (re.compile(r"to=settings\.WAGTAIL_PAGE_MODEL"), "to='wagtailcore.page'"),
]

for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        text = original = handle.read()
    for pattern, replacement in REPLACEMENTS:
        text = pattern.sub(replacement, text)
    if text != original:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        print("fixed", path)
