"""tests/demo: the example site's demo content (`load_demo`), under its own settings.

Run apart from the rest of the suite, which uses the test project (tests/settings.py):
``PYTHONPATH=example_site pytest tests/demo --ds=example_site.settings.test`` (``make test`` does).
"""
