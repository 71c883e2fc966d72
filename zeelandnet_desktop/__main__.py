"""Entry point: `zeelandnet-desktop` and `python -m zeelandnet_desktop`.

Arguments first and cheaply; Qt is imported only once we know a window is wanted.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from . import options

    launch = options.parse(argv)
    if launch.headlines is not None:
        from . import i18n
        from .cli import headlines
        from .system import paths

        app_paths = paths.resolve(launch.profile_dir)
        return headlines.run(launch.headlines, app_paths, i18n.cli_language(app_paths))
    from .system.pyside_imports import lighten

    lighten()  # before the window's modules are imported: see system/pyside_imports.py
    from . import startup

    return startup.run(launch)


if __name__ == "__main__":
    sys.exit(main())
