"""After a large import the planner statistics describe the new catalogue (PostgreSQL, MariaDB)."""

import pytest
from django.db import connection, transaction

from gi_wagtail.importing.planner import refresh_statistics
from gi_wagtail.models import DisclosureItemPage
from tests.factories import add_item, build_catalogue


@pytest.mark.django_db(transaction=True)
def test_statistics_are_refreshed_outside_transactions_only():
    _index, category, _org = build_catalogue()
    for n in range(3):
        add_item(category, f"第{n}号通知")
    with transaction.atomic():
        assert refresh_statistics([DisclosureItemPage]) is False  # MySQL would commit implicitly
    ran = refresh_statistics([DisclosureItemPage])
    assert ran is (connection.vendor in ("postgresql", "mysql"))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [DisclosureItemPage._meta.db_table])
            assert cursor.fetchone()[0] == 3  # -1 (never analysed) until ANALYZE ran
