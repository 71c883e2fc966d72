"""Command line: argparse in, one frozen LaunchOptions out (no Namespace passed around).

Imports nothing from Qt: `--help`, `--version` and bad arguments answer instantly.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from . import APP_ID, __version__

SUBCOMMANDS = ("headlines",)
# Developer switches (`--debug-flag NAME[=VALUE]`), for benchmarks and diagnosis:
#   startup-report=SECONDS  print when the window shows its first screen's articles and the
#                           resident memory SECONDS later, then quit (bench/startup.py)
#   soak=ROUNDS             refresh rounds back to back, a line of figures after each, then
#                           quit (bench/soak.py)
DEBUG_FLAGS = ("startup-report", "soak")


@dataclass(frozen=True)
class HeadlinesOptions:
    category: str | None = None
    limit: int = 20
    json: bool = False
    offline: bool = False
    feeds: str | None = None


@dataclass(frozen=True)
class LaunchOptions:
    profile_dir: str | None = None
    tab: str | None = None  # "news", "webmail" or None (the last one used)
    minimized: bool = False
    feeds: str | None = None  # a catalogue file instead of the shipped one
    verbose: bool = False
    debug_flags: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    headlines: HeadlinesOptions | None = None  # set: run the headlines command, no window

    def debug_flag(self, name: str) -> str | None:
        return self.debug_flags.get(name)


def _add_profile_dir(parser: argparse.ArgumentParser, *, default: object = None) -> None:
    parser.add_argument(
        "--profile-dir",
        metavar="DIR",
        default=default,
        help="keep everything the app writes (settings, cache, web profile, logs) under DIR",
    )


def _debug_flag(text: str) -> tuple[str, str]:
    name, _, value = text.partition("=")
    if name not in DEBUG_FLAGS:
        raise argparse.ArgumentTypeError(f"unknown debug flag {name!r}")
    return name, value


def build_parser() -> argparse.ArgumentParser:
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
    parser.add_argument("--debug-flag", metavar="NAME[=VALUE]", type=_debug_flag,
                        action="append", default=[], help=argparse.SUPPRESS)
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND")
    headlines = subcommands.add_parser(
        "headlines", help="print the latest headlines (no window)",
        description="Fetch the news feeds (or read the cache) and print the headlines.",
    )
    # SUPPRESS keeps a --profile-dir given before the subcommand from being overwritten.
    _add_profile_dir(headlines, default=argparse.SUPPRESS)
    headlines.add_argument("--category", metavar="ID",
                           help="only this category (e.g. buitenland)")
    headlines.add_argument("--limit", metavar="N", type=_positive, default=20, help="at most N")
    headlines.add_argument("--json", action="store_true", help="one JSON array instead of lines")
    headlines.add_argument("--offline", action="store_true",
                           help="read the cache, fetch nothing")
    headlines.add_argument("--feeds", metavar="FILE",
                           help="a catalogue in the feeds.json format")
    return parser


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def parse(argv: Sequence[str] | None = None) -> LaunchOptions:
    """The options of this launch; exits with argparse's usage message on bad arguments."""
    args = build_parser().parse_args(argv)
    headlines = None
    if args.command == "headlines":
        headlines = HeadlinesOptions(category=args.category, limit=args.limit, json=args.json,
                                     offline=args.offline, feeds=args.feeds)
    return LaunchOptions(
        profile_dir=getattr(args, "profile_dir", None),
        tab=args.tab,
        minimized=args.minimized,
        feeds=args.feeds if headlines is None else None,
        verbose=args.verbose,
        debug_flags=MappingProxyType(dict(args.debug_flag)),
        headlines=headlines,
    )
