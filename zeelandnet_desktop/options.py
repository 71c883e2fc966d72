"""Command line: the GUI's options and the subcommands that need no window.

Imports nothing from Qt: `--help`, `--version` and bad arguments answer instantly.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import APP_ID, __version__

SUBCOMMANDS = ("headlines",)


def _add_profile_dir(parser: argparse.ArgumentParser, *, default: object = None) -> None:
    parser.add_argument(
        "--profile-dir",
        metavar="DIR",
        default=default,
        help="keep everything the app writes (settings, cache, web profile, logs) under DIR",
    )


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The full parser. The headlines options are only loaded when that subcommand is used, so
    starting the window pays nothing for the command-line tools."""
    parser = argparse.ArgumentParser(
        prog=APP_ID,
        description="ZeelandNet Desktop: news by category and your webmail in one window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_profile_dir(parser)
    tab = parser.add_mutually_exclusive_group()
    tab.add_argument("--news", dest="tab", action="store_const", const="news",
                     help="open on the news tab")
    tab.add_argument("--webmail", dest="tab", action="store_const", const="webmail",
                     help="open on the webmail tab")
    parser.add_argument("--minimized", action="store_true",
                        help="start hidden in the system tray (when there is one)")
    parser.add_argument("--feeds", metavar="FILE",
                        help="use this catalogue (feeds.json format) instead of the shipped one")
    parser.add_argument("--verbose", action="store_true", help="log debug messages")
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND")
    headlines = subcommands.add_parser(
        "headlines", help="print the latest headlines (no window)",
        description="Fetch the news feeds (or read the cache) and print the headlines.",
    )
    # SUPPRESS keeps a --profile-dir given before the subcommand from being overwritten.
    _add_profile_dir(headlines, default=argparse.SUPPRESS)
    words = sys.argv[1:] if argv is None else list(argv)
    if "headlines" in words:
        from .cli import headlines as headlines_command

        headlines_command.add_arguments(headlines)
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    return build_parser(argv).parse_args(argv)
