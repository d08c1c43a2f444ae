"""Public URLs of 依申请公开 (included by gi_wagtail.urls under ``requests/``)."""

urlpatterns: list = []
