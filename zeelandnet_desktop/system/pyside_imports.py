"""A lighter PySide6 import hook: the same answer, without keeping every module's source.

Once PySide6 is imported it looks at every module imported after it, to learn whether that
module may use its optional `__feature__` switches: it asks `inspect.getsource(module)` and
searches the text for "PySide6". That reads each module's source through `linecache`, which
keeps the text for the life of the process — about 300 modules in this app (Python's own,
requests, feedparser, ours), 9 MiB of memory and 90 ms of the GUI thread, a quarter of that
before the first paint.

`lighten()` puts in a check with the same answer that reads the file once and keeps nothing.
Anything it cannot read as a plain `.py` file (a frozen app's archive, a built-in, an odd
loader) still goes to PySide6's own check. When a PySide6 release changes this hook, we
leave it alone.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import ModuleType

log = logging.getLogger(__name__)

_HOOK_MODULE = "shibokensupport.feature"
_HOOK_NAME = "_mod_uses_pyside"
_MARK = "_zeelandnet_light"


def lighten() -> bool:
    """Import PySide6 (the package, no Qt module yet) with the lighter check in place, before
    the modules that follow it are imported. True when the lighter check is in place."""
    import PySide6  # noqa: F401 - its start-up installs the hook

    feature = sys.modules.get(_HOOK_MODULE)
    original = getattr(feature, _HOOK_NAME, None)
    if feature is None or not callable(original):
        log.debug("PySide6 has no source check to lighten")
        return False
    if getattr(original, _MARK, False):
        return True
    setattr(feature, _HOOK_NAME, lighter_check(original))
    return True


def lighter_check(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    setattr(uses_pyside, _MARK, True)
    return uses_pyside
