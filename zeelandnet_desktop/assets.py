"""Files shipped with the app (resources/ in a source checkout; inside the wheel or a
PyInstaller bundle when installed). No Qt here: the core reads its data files through this.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """A file shipped in resources/ (in the wheel, a source checkout or a PyInstaller bundle)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root, "zeelandnet_desktop", "resources", *parts)
    # resources/ is a package (zeelandnet_desktop.resources) mapped by the build; its __path__
    # is right for wheels, editable installs and source checkouts, and cheaper to get than
    # importlib.resources.files(), which start-up would pay for.
    import zeelandnet_desktop.resources as package  # type: ignore[import-not-found]

    return Path(next(iter(package.__path__))).joinpath(*parts)
