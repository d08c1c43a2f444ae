"""Module paths that moved into the rooms keep working.

Paths written into settings or into migrations (StreamField block paths) are kept for good, silently:
deployed sites and their migration history name them. Paths only imported by code warn for one minor
release, like Wagtail's ``RemovedInWagtailXXWarning``.
"""

import importlib
import sys
import warnings


class RemovedInGiWagtail02Warning(DeprecationWarning):
    pass


def moved(old: str, new: str, *, permanent: bool = False) -> None:
    """Make ``old`` the same module object as ``new`` (so patches and ``isinstance`` see one module)."""
    if not permanent:
        warnings.warn(
            f"{old} has moved to {new}; the old path goes in gi-wagtail 0.2.", RemovedInGiWagtail02Warning, stacklevel=3
        )
    sys.modules[old] = importlib.import_module(new)
