"""Entry point: `zeelandnet-desktop` and `python -m zeelandnet_desktop`.

Arguments first and cheaply; Qt is imported only once we know a window is wanted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from . import options as cli

    args = cli.parse_args(argv)
    if args.command == "headlines":
        return _headlines(args)
    from . import startup as app

    return app.run(args)


def _headlines(args: argparse.Namespace) -> int:
    from . import i18n
    from .cli import headlines
    from .system import paths

    app_paths = paths.resolve(getattr(args, "profile_dir", None))
    return headlines.run(args, app_paths, i18n.cli_language(app_paths))


if __name__ == "__main__":
    sys.exit(main())
