"""A rebuild with worker processes writes exactly what a rebuild in one process writes."""

import pytest

from gi_wagtail.models import DisclosureItemPage
from gi_wagtail.search.rebuild import _can_fork, rows_in_batches
from tests.factories import build_catalogue


@pytest.mark.django_db(transaction=True)
def test_parallel_rows_equal_serial_rows():
    assert _can_fork(), "the test settings use a file database, so rebuild workers can read it"
    index, category, organisation = build_catalogue()
    for n in range(7):
        category.add_child(
            instance=DisclosureItemPage(
                title=f"关于第{n}批科技创新券兑付的公示", slug=f"p-{n}", live=True, organisation=organisation
            )
        )
    ids = list(DisclosureItemPage.objects.order_by("path").values_list("pk", flat=True)) + [index.pk]
    serial = list(rows_in_batches(ids, 3, jobs=1))
    parallel = list(rows_in_batches(ids, 3, jobs=2))
    assert [count for count, _ in serial] == [3, 3, 2]
    assert parallel == serial
    assert DisclosureItemPage.objects.count() == 7  # the parent reconnects after the workers
