"""Soak benchmark, "three days in a few minutes": the real app refreshes back to back against a
local feed server whose feeds bring new stories every round, with the window shown and the
webmail never opened; then again with the webmail open and then hidden ("unload when hidden"
after one minute).

    .venv/bin/python bench/soak.py [--rounds 300] [--feeds 20] [--mode news|webmail|both]

Reports resident memory at round 10 and at the last round (target: growth ≤ 10 %), the news
database's size (retention is 14 days, so three days only grow it by what arrived), and the
longest the GUI thread was held during a round (target ≤ 50 ms). Run by hand, not a test.

`--probe FILE` runs the stall sampler (zeelandnet_desktop/system/stall_probe.py): what the GUI
thread was doing in each stall, the GC passes and malloc_trim calls, memory at round 10 and at
the end (`--tracemalloc`: what grew). The sampler costs a little: take figures without it.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.fakewebmail import FakeWebmail  # noqa: E402
from tests.support.feedgen import RSS_TYPE, Item, rss, write_catalogue  # noqa: E402
from tests.support.localserver import LocalServer, Request, Response  # noqa: E402

CATEGORIES = ("zeeland", "binnenland", "buitenland", "economie", "sport")
NEW_PER_ROUND = 3  # new stories per feed per round: a busy news day


class ChangingFeeds:
    """Each feed answers 50 stories, NEW_PER_ROUND of them new at every request."""

    def __init__(self) -> None:
        self._counter = itertools.count()
        self._lock = threading.Lock()
        self._served: dict[str, int] = {}

    def __call__(self, request: Request) -> Response:
        with self._lock:
            served = self._served.get(request.path, 0) + NEW_PER_ROUND
            self._served[request.path] = served
        items = [Item(f"{request.path} bericht {n}: Veerdienst vaart weer, dijken versterkt",
                      "VLISSINGEN (ANP) - De veerboot vaart weer. " * 4,
                      minutes_ago=(served - n) * 5, guid=f"{request.path}-{n}")
                 for n in range(served, max(0, served - 50), -1)]
        return Response(200, rss(f"Bron {request.path}", items), content_type=RSS_TYPE)


def run(mode: str, rounds: int, feeds: int, tmp: Path, env: dict[str, str]) -> list[tuple]:
    server = LocalServer().start()
    try:
        handler = ChangingFeeds()
        per_category: dict[str, list[tuple[str, str]]] = {c: [] for c in CATEGORIES}
        for number in range(feeds):
            path = f"/feed-{number}.xml"
            server.route(path, handler)
            per_category[CATEGORIES[number % len(CATEGORIES)]].append(
                (f"Bron {number}", server.url(path)))
        catalogue = write_catalogue(tmp / f"{mode}-feeds.json", [
            (cid, cid.title(), cid.title(), sources) for cid, sources in per_category.items()])
        profile = tmp / f"profile-{mode}"
        args = ["--profile-dir", str(profile), "--feeds", str(catalogue),
                "--debug-flag", f"soak={rounds}"]
        if mode == "webmail":
            fake = FakeWebmail(server)
            config = profile / "config"
            fake.write_provider_file(config)
            (config / "zeelandnet-desktop.ini").write_text(
                "[webmail]\nprovider=fake\nunload_after_minutes=1\n", encoding="utf-8")
            args.append("--webmail")
        else:
            args.append("--news")
        result = subprocess.run([sys.executable, "-m", "zeelandnet_desktop", *args], cwd=ROOT,
                                env=env, capture_output=True, text=True, timeout=rounds * 30)
        lines = [line.split()[1:] for line in result.stdout.splitlines()
                 if line.startswith("ZND_ROUND ")]
        if len(lines) < rounds:
            errors = "\n".join(line for line in result.stderr.splitlines()
                               if "propagateSizeHints" not in line)
            raise SystemExit(f"{mode}: only {len(lines)} rounds (exit {result.returncode})\n"
                             f"{errors[-3000:]}")
        database = profile / "data" / "news.sqlite3"
        size = sum(Path(f"{database}{s}").stat().st_size for s in ("", "-wal")
                   if Path(f"{database}{s}").exists())
        return [(int(n), int(rss) / 1024, int(gap), size) for n, rss, gap in lines]
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--mode", choices=("news", "webmail", "both"), default="both")
    parser.add_argument("--probe", metavar="FILE", help="write the stall sampler's findings")
    parser.add_argument("--tracemalloc", type=int, metavar="FRAMES", default=0,
                        help="with --probe: what grew, with this many frames of each allocation")
    args = parser.parse_args()
    env = dict(os.environ)
    if args.probe:
        env["ZND_SOAK_PROBE"] = str(Path(args.probe).resolve())
        if args.tracemalloc:
            env["ZND_SOAK_TRACEMALLOC"] = str(args.tracemalloc)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    modes = ("news", "webmail") if args.mode == "both" else (args.mode,)
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        for mode in modes:
            rows = run(mode, args.rounds, args.feeds, Path(folder), env)
            at10, last = rows[min(9, len(rows) - 1)], rows[-1]
            growth = (last[1] - at10[1]) / at10[1] * 100
            gaps = [row[2] for row in rows[1:]]  # the first round also builds the window
            print(f"{mode}: {args.rounds} rounds × {args.feeds} feeds, "
                  f"{NEW_PER_ROUND} new stories per feed per round")
            print(f"  RSS round 10 {at10[1]:.1f} MiB, round {last[0]} {last[1]:.1f} MiB "
                  f"(growth {growth:+.1f} %, target ≤ 10 %)")
            print(f"  GUI held per round: median {statistics.median(gaps):.0f} ms, "
                  f"90th percentile {sorted(gaps)[len(gaps) * 9 // 10]} ms, worst {max(gaps)} ms "
                  f"(target ≤ 50), {sum(g > 50 for g in gaps)} rounds over 50")
            print(f"  news database {last[3] / 1024 / 1024:.1f} MiB")
            failed = failed or growth > 10 or max(gaps) > 50
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
