"""Old module paths that moved into the rooms keep working for one minor release."""

import importlib
import sys
import warnings


class RemovedInGiWagtail02Warning(DeprecationWarning):
    pass


def moved(old: str, new: str) -> None:
    """Make ``old`` the same module object as ``new``, with a warning for whoever imported it."""
    warnings.warn(f"{old} has moved to {new}; the old path goes in gi-wagtail 0.2.", RemovedInGiWagtail02Warning, stacklevel=3)
    sys.modules[old] = importlib.import_module(new)
