"""First window of the PyInstaller bundle against `python -m zeelandnet_desktop`, the method of
bench/startup.py (process start -> ZND_SHOWN, resident memory after the settle time), runs
interleaved so drift hits both alike. Run by hand, never in a test:

    .venv/bin/python tools/bench_bundle.py [BUNDLE_DIR] [--runs 5] [--articles 0]

BUNDLE_DIR defaults to dist/zeelandnet-desktop (make bundle).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.startup import measure, seed_articles  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path,
                        default=ROOT / "dist" / "zeelandnet-desktop")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--settle", type=float, default=5.0, help="seconds before reading RSS")
    parser.add_argument("--articles", type=int, default=0, help="cached articles in the profile")
    args = parser.parse_args()
    executable = args.bundle / "zeelandnet-desktop"
    if not executable.is_file():
        parser.error(f"no bundle at {args.bundle}: run make bundle")

    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: from compiled bytecode
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "zeelandnet_desktop")],
                   check=True, env=env)
    with tempfile.TemporaryDirectory() as tmp:
        results: dict[str, list[tuple[float, float]]] = {"python -m": [], "bundle": []}
        commands = {}
        for name in results:
            profile = Path(tmp) / name.replace(" ", "_") / "profile"
            profile.parent.mkdir(parents=True)
            feeds = seed_articles(profile, args.articles)
            prefix = ([str(executable)] if name == "bundle"
                      else [sys.executable, "-m", "zeelandnet_desktop"])
            commands[name] = [*prefix, "--profile-dir", str(profile), "--news",
                              "--feeds", str(feeds),
                              "--debug-flag", f"startup-report={args.settle:g}"]
            measure(commands[name], env)  # warm the file cache and the profile, not counted
        for _ in range(args.runs):
            for name, command in commands.items():
                results[name].append(measure(command, env))

    print(f"platform {env['QT_QPA_PLATFORM']}, {args.runs} runs each (median), "
          f"{args.articles} cached articles, RSS after {args.settle:g} s")
    print(f"{'':12}{'shown (s)':>12}{'RSS (MiB)':>12}")
    medians = {}
    for name, runs in results.items():
        medians[name] = (statistics.median(r[0] for r in runs),
                         statistics.median(r[1] for r in runs))
        print(f"{name:12}{medians[name][0]:12.3f}{medians[name][1]:12.1f}")
    ratio = medians["bundle"][0] / medians["python -m"][0]
    print(f"bundle / python -m: first window {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
