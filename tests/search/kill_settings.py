"""Settings of a subprocess that the outbox kill tests stop between a commit and its index update:
the test project's settings with a task backend that stalls (``tests.search.stalled_tasks``)."""

from tests.settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "tests.search.stalled_tasks.StalledBackend"}}
