import datetime

import pytest
from wagtail.models import ModelLogEntry

from gi_wagtail.requests import services, tables
from gi_wagtail.requests.models import DisclosureRequest, Status

pytestmark = pytest.mark.django_db


def _register(**kw):
    fields = {
        "channel": "in_person",
        "received_on": datetime.date(2025, 3, 3),
        "applicant_type": "natural_person",
        "applicant_name": "张三",
        "applicant_id_number": "370322199001011234",
        "description": "2024年科技项目立项名单",
    }
    fields.update(kw)
    return services.register(fields)


def test_register_reply_split_and_tables():
    req = _register()
    assert req.reference == "YSQ2025-0001"
    assert req.due_on == datetime.date(2025, 3, 31)
    services.add_event(req, "extended", datetime.date(2025, 3, 20), days=10, approved_by="李主任")
    req.refresh_from_db()
    assert req.due_on == datetime.date(2025, 4, 15)  # 清明 2025-04-04 is a holiday
    with pytest.raises(services.RequestError):
        services.add_event(req, "extended", datetime.date(2025, 3, 21), days=5, approved_by="李主任")
    services.reply(req, "granted", datetime.date(2025, 4, 10))
    other = _register(applicant_type="org_business", received_on=datetime.date(2025, 12, 29))
    parts = services.split(other, ["项目A资料", "项目B资料"])
    assert [p.reference for p in parts] == ["YSQ2025-0002-1", "YSQ2025-0002-2"]
    services.reply(parts[0], "withheld_4", datetime.date(2025, 12, 30))
    assert _register(received_on=datetime.date(2025, 12, 30)).reference == "YSQ2025-0003"  # parts are not serials
    t = tables.table3(2025, "2021")
    assert t["received"]["total"] == 4 and t["granted"]["natural_person"] == 1
    assert (
        t["withheld_4"]["org_business"] == 1
        and t["carried_out"]["org_business"] == 1
        and t["carried_out"]["total"] == 2
    )
    assert t["received"]["total"] + t["carried_in"]["total"] == t["handled_total"]["total"] + t["carried_out"]["total"]
    assert tables.table3(2026, "2019")["carried_in"]["total"] == 2
    assert DisclosureRequest.objects.get(pk=other.pk).status == Status.SPLIT
    actions = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert {"gi_wagtail.request.register", "gi_wagtail.request.event", "gi_wagtail.request.reply"} <= actions
    labels = " ".join(ModelLogEntry.objects.values_list("label", flat=True))
    assert "张三" not in labels
