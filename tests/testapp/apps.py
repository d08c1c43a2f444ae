from django.apps import AppConfig


class TestAppConfig(AppConfig):
    """An integrator's site: its own home page and its own subclasses of gi_wagtail's abstract pages."""

    name = "tests.testapp"
    label = "testapp"
    default_auto_field = "django.db.models.BigAutoField"
