"""The headlines command: output, JSON, exit codes, and no QtWidgets."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import pytest

from tests.support.localserver import LocalServer, closed_port_url
from tests.unit.news.conftest import feed_response
from zeelandnet_desktop import options
from zeelandnet_desktop.cli import headlines
from zeelandnet_desktop.system import paths

ROOT = Path(__file__).resolve().parents[3]


def feeds_file(tmp_path: Path, server: LocalServer, *, dead: bool = False) -> Path:
    def url(path: str) -> str:
        return closed_port_url(path) if dead else server.url(path)

    catalogue = {
        "version": 1,
        "categories": [
            {
                "id": "buitenland",
                "name": {"nl": "Buitenland", "en": "World"},
                "order": 1,
                "notify": False,
                "feeds": [
                    {"name": "NU.nl Buitenland", "url": url("/nu")},
                    {"name": "NOS Buitenland", "url": url("/nos")},
                ],
            },
            {
                "id": "zeeland",
                "name": {"nl": "Zeeland", "en": "Zeeland"},
                "order": 0,
                "notify": False,
                "feeds": [{"name": "Omroep Zeeland", "url": url("/oz")}],
            },
        ],
    }
    path = tmp_path / "feeds.json"
    path.write_text(json.dumps(catalogue), encoding="utf-8")
    return path


@pytest.fixture
def served(server: LocalServer) -> LocalServer:
    server.route("/nu", feed_response("nu_buitenland.xml"))
    server.route("/nos", feed_response("nos_buitenland.xml"))
    server.route("/oz", feed_response("omroep_zeeland.atom", "application/atom+xml"))
    return server


def run(profile_dir: Path, *argv: str, lang: str = "nl") -> tuple[int, str, str]:
    launch = options.parse(["headlines", *argv])
    assert launch.headlines is not None
    out, err = io.StringIO(), io.StringIO()
    code = headlines.run(launch.headlines, paths.resolve(profile_dir), lang, stdout=out,
                         stderr=err)
    return code, out.getvalue(), err.getvalue()


LINE = re.compile(r"^(?P<name>\S+) +(?P<clock>\d\d:\d\d)  (?P<title>.+)  \((?P<when>[^()]+)\)$")


def test_lines_for_one_category(tmp_path: Path, profile_dir: Path, served: LocalServer) -> None:
    feeds = feeds_file(tmp_path, served)
    code, out, err = run(profile_dir, "--feeds", str(feeds), "--category", "buitenland")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 4  # 3 NU + 2 NOS, the shared story once
    first = LINE.match(lines[0])
    assert first is not None, lines[0]
    assert first["name"] == "Buitenland"
    assert first["title"] == "Ook China mag bij vredesraad van Trump!"  # NOS's copy is newer
    assert first["when"].endswith("geleden") or first["when"] in ("zojuist", "gisteren")
    assert lines[0].startswith("Buitenland  ")
    assert not served.requests_for("/oz")  # only the asked category was fetched


def test_all_categories_aligned_english_and_limit(
    tmp_path: Path, profile_dir: Path, served: LocalServer
) -> None:
    feeds = feeds_file(tmp_path, served)
    code, out, _err = run(profile_dir, "--feeds", str(feeds), "--limit", "3", lang="en")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 3
    assert all(LINE.match(line) for line in lines)
    names = {LINE.match(line)["name"] for line in lines}  # type: ignore[index]
    assert names <= {"World", "Zeeland"}
    assert len({line.index(":") for line in lines}) == 1  # the clock column lines up


def test_json(tmp_path: Path, profile_dir: Path, served: LocalServer) -> None:
    feeds = feeds_file(tmp_path, served)
    code, out, _err = run(profile_dir, "--feeds", str(feeds), "--json", "--category", "zeeland")
    assert code == 0
    items = json.loads(out)
    assert isinstance(items, list) and len(items) == 2
    first = items[0]
    assert set(first) == {
        "id", "category", "title", "link", "published", "summary_text", "source", "agencies",
    }  # fmt: skip
    assert first["category"] == "zeeland" and first["source"] == "Omroep Zeeland"
    assert first["summary_text"].startswith("DOMBURG - ")
    assert datetime.fromisoformat(first["published"]).utcoffset() is not None
    assert first["agencies"] == []


def test_offline_reads_the_cache(tmp_path: Path, profile_dir: Path, served: LocalServer) -> None:
    feeds = feeds_file(tmp_path, served)
    assert run(profile_dir, "--feeds", str(feeds))[0] == 0
    before = len(served.requests)
    code, out, _err = run(profile_dir, "--feeds", str(feeds), "--offline", "--json")
    assert code == 0 and len(json.loads(out)) == 6
    assert len(served.requests) == before


def test_all_failed_exits_1_with_reasons(
    tmp_path: Path, profile_dir: Path, served: LocalServer
) -> None:
    feeds = feeds_file(tmp_path, served, dead=True)
    code, _out, err = run(profile_dir, "--feeds", str(feeds))
    assert code == 1
    assert "NU.nl Buitenland: Geen internetverbinding" in err
    assert "Geen enkele feed werkte" in err
    code, _out, err = run(profile_dir, "--feeds", str(feeds), lang="en")
    assert code == 1 and "NOS Buitenland: No internet connection" in err


def test_one_failing_feed_still_exits_0(
    tmp_path: Path, profile_dir: Path, served: LocalServer
) -> None:
    served.route("/nos", feed_response("not_a_feed.html", "text/html"))
    code, out, err = run(profile_dir, "--feeds", str(feeds_file(tmp_path, served)))
    assert code == 0
    assert "NOS Buitenland: Op dit adres staat geen nieuwsbron" in err
    assert out.strip()


@pytest.mark.parametrize(
    "argv",
    [
        ("--category", "onbekend"),
        ("--feeds", "/nonexistent/feeds.json"),
        ("--feeds", "{broken}"),
    ],
)
def test_bad_arguments_exit_2(
    argv: tuple[str, ...], tmp_path: Path, profile_dir: Path, served: LocalServer
) -> None:
    if argv[1] == "{broken}":
        broken = tmp_path / "broken.json"
        broken.write_text("{niet: json", encoding="utf-8")
        argv = ("--feeds", str(broken))
    elif argv[0] == "--category":
        argv = (*argv, "--feeds", str(feeds_file(tmp_path, served)))
    code, out, err = run(profile_dir, *argv)
    assert code == 2 and out == "" and err.strip()
    assert not served.requests


def test_bad_limit_is_an_argparse_error() -> None:
    with pytest.raises(SystemExit) as exit_info:
        options.parse(["headlines", "--limit", "0"])
    assert exit_info.value.code == 2


CHILD = textwrap.dedent(
    """
    import runpy, sys
    sys.argv = ["zeelandnet-desktop", *sys.argv[1:]]
    try:
        runpy.run_module("zeelandnet_desktop", run_name="__main__")
    except SystemExit as done:
        code = done.code
    print("QtWidgets loaded:", "PySide6.QtWidgets" in sys.modules, file=sys.stderr)
    sys.exit(code)
    """
)


def test_stand_alone_run_without_qtwidgets(
    tmp_path: Path, profile_dir: Path, served: LocalServer
) -> None:
    feeds = feeds_file(tmp_path, served)
    argv = ["headlines", "--profile-dir", str(profile_dir), "--feeds", str(feeds)]
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *argv, "--category", "zeeland"],
        cwd=ROOT, env={**os.environ, "LANGUAGE": "nl"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "QtWidgets loaded: False" in done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Zeeland  ") and "Strand van Domburg" in lines[0]
    assert (profile_dir / "data" / "news.sqlite3").exists()
