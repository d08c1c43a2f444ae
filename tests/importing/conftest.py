import pytest


@pytest.fixture(autouse=True)
def _english_import_messages(request):
    """Import tests compare the command's messages in English; users see the zh-hans translation."""
    if request.module.__name__.endswith("test_catalogue_import"):
        from django.utils import translation

        with translation.override("en"):
            yield
    else:
        yield
