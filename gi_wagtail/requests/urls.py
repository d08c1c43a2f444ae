"""Public URLs of 依申请公开 (included by gi_wagtail.urls under ``requests/``).

No URL carries a 查询码 or an id: the receipt and status pages find their request through the session.
"""

from django.urls import path

from gi_wagtail.requests import views

urlpatterns = [
    path("apply/", views.apply_view, name="gi_wagtail_request_apply"),
    path("receipt/", views.receipt_view, name="gi_wagtail_request_receipt"),
    path("status/", views.lookup_view, name="gi_wagtail_request_lookup"),
    path("status/request/", views.status_view, name="gi_wagtail_request_status"),
    path("status/correction/", views.correction_view, name="gi_wagtail_request_correction"),
]
