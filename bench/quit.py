"""Quit benchmark: SIGTERM → process gone, with a feed that hangs for 40 s in flight, against the
same app quitting with nothing in flight (the baseline, measured in the same run).

    .venv/bin/python bench/quit.py [--runs 5]

Target: under 1 s whatever is in flight. Not a test: run by hand, read the figures.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.app_process import log_text  # noqa: E402
from tests.support.feedgen import Item, serve_feed, write_catalogue  # noqa: E402
from tests.support.localserver import LocalServer, Response  # noqa: E402


def quit_seconds(profile: Path, feeds: Path, server: LocalServer | None, env: dict[str, str]
                 ) -> float:
    process = subprocess.Popen(
        [sys.executable, "-m", "zeelandnet_desktop", "--profile-dir", str(profile),
         "--feeds", str(feeds)], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while "Window shown" not in log_text(profile) or (
            server is not None and len(server.requests_for("/slow.xml")) == 0):
        if time.monotonic() > deadline:
            process.kill()
            raise SystemExit("the app never got going")
        time.sleep(0.02)
    if server is not None:
        server.requests.clear()
    time.sleep(0.5)  # settle: the fast feed is stored, the slow one still hangs
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    server = LocalServer().start()
    try:
        fast = serve_feed(server, "/fast.xml", "Omroep Zeeland",
                          [Item(f"Bericht {n}", "GOES - Tekst.", minutes_ago=n) for n in range(20)])
        server.route("/slow.xml", Response(200, b"<rss/>", delay=40))
        with tempfile.TemporaryDirectory() as tmp:
            busy = write_catalogue(Path(tmp) / "busy.json", [
                ("zeeland", "Zeeland", "Zeeland", [("Snel", fast),
                                                   ("Traag", server.url("/slow.xml"))])])
            idle = write_catalogue(Path(tmp) / "idle.json", [])
            busy_runs, idle_runs = [], []
            for run in range(args.runs):  # interleaved, so drift hits both alike
                idle_runs.append(quit_seconds(Path(tmp) / f"idle-{run}", idle, None, env))
                busy_runs.append(quit_seconds(Path(tmp) / f"busy-{run}", busy, server, env))
    finally:
        server.stop()
    busy_s, idle_s = statistics.median(busy_runs), statistics.median(idle_runs)
    print(f"{args.runs} runs each, median SIGTERM → exit")
    print(f"nothing in flight      {idle_s:6.3f} s")
    print(f"a 40 s feed in flight  {busy_s:6.3f} s   (max {max(busy_runs):.3f} s)")
    print(f"ratio {busy_s / idle_s:.2f}; target: under 1 s")
    return 0 if max(busy_runs) < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
