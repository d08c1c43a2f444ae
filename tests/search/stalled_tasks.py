"""A task backend for the outbox kill tests: it announces each task on stdout, then waits for a line
on stdin that never comes (the test kills the process while it waits). Loaded by ``kill_settings``."""

import sys

from django_tasks.backends.immediate import ImmediateBackend

QUEUED = "gi-test: task queued"


class StalledBackend(ImmediateBackend):
    def enqueue(self, task, args, kwargs):
        print(QUEUED, task.name, args, flush=True)
        sys.stdin.readline()
        return super().enqueue(task, args, kwargs)
