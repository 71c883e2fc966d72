"""The bundle as PyInstaller builds it, run as a user runs it: no Python, no source tree.

On Linux the bundle is built once per session (about 30 s) into build/bundle-test/, and reused by
the next session (the desktop pass) while nothing that goes into it has changed. The release
workflow builds the Windows and macOS bundles with the same spec and points ZND_BUNDLE at the
folder that holds the executable; the Linux-only checks skip there.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path

import pytest

from tests.conftest import require_service
from tests.support.app_process import ROOT, app_env, log_text, stop, wait_for_log
from tests.support.fakewebmail import FakeWebmail
from tests.support.feedgen import Item, serve_feed, write_catalogue
from tests.support.localserver import LocalServer
from zeelandnet_desktop import __version__
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.settings import Settings

# The first test that needs the bundle builds it (about 30 s here, more on a busy machine).
pytestmark = pytest.mark.timeout(900)
LINUX = sys.platform.startswith("linux")
linux_only = pytest.mark.skipif(not LINUX, reason="checks of the Linux bundle's files")
EXE = ".exe" if sys.platform == "win32" else ""
GUI = f"zeelandnet-desktop{EXE}"
# Windows: the windowed exe has no console, so command-line checks use the console twin.
CLI = "zeelandnet-desktop-cli.exe" if sys.platform == "win32" else GUI

SPEC = ROOT / "packaging" / "pyinstaller" / "zeelandnet-desktop.spec"
CACHE = ROOT / "build" / "bundle-test"
INPUTS = ("zeelandnet_desktop", "resources", "packaging/pyinstaller", "packaging/linux",
          "tools/translations.py", "tools/make_icons.py")
# The oldest glibc the bundle may need. Debian 12 (CI) has 2.36; release builds run on a
# glibc-2.34 base and set ZND_GLIBC_CEILING=2.34 (packaging/README.md).
GLIBC_CEILING = os.environ.get("ZND_GLIBC_CEILING", "2.36")
PASSWORD = "Vlissingen-Haven-3"


def fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("pyinstaller", "pyside6", "keyring"):
        digest.update(f"{name}={metadata.version(name)}\n".encode())
    for entry in INPUTS:
        base = ROOT / entry
        files = [base] if base.is_file() else sorted(base.rglob("*"))
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".qm":
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="session")
def bundle() -> Path:
    given = os.environ.get("ZND_BUNDLE")
    if given:
        assert (Path(given) / GUI).is_file(), f"ZND_BUNDLE={given} holds no {GUI}"
        return Path(given)
    if not LINUX:
        pytest.skip("set ZND_BUNDLE to the built bundle (the release workflow does)")
    folder = CACHE / "dist" / "zeelandnet-desktop"
    stamp = CACHE / "fingerprint"
    wanted = fingerprint()
    if (folder / "zeelandnet-desktop").exists() and stamp.exists() and stamp.read_text() == wanted:
        return folder
    shutil.rmtree(CACHE, ignore_errors=True)
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(CACHE / "dist"), "--workpath", str(CACHE / "work"), str(SPEC)],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-6000:]
    stamp.write_text(wanted)
    return folder


def run_bundle(bundle: Path, *args: str, env: dict[str, str] | None = None,
               timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bundle / CLI), *args], cwd=bundle.anchor,
                          env=env or app_env(), capture_output=True, text=True, timeout=timeout)


def start_bundle(bundle: Path, profile_dir: Path, *args: str,
                 env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(bundle / GUI), "--profile-dir", str(profile_dir), *args], cwd=bundle.anchor,
        env=env or app_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )


def quit_app(app: subprocess.Popen[str]) -> None:
    """Quit as a logout does; on Windows there is no such signal from outside, only a kill."""
    code = stop(app)
    if sys.platform != "win32":
        assert code == 0, app.stderr.read() if app.stderr else ""


def elf_files(bundle: Path) -> Iterator[Path]:
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    yield path


def debian_package_of(path: str) -> str:
    """The package that installed a file, under any of its names (merged /usr)."""
    real = os.path.realpath(path)
    for candidate in dict.fromkeys((path, real, real.removeprefix("/usr"))):
        found = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True, text=True)
        if found.returncode == 0:
            return found.stdout.split(":")[0]
    return "(no package)"


def test_version(bundle: Path) -> None:
    result = run_bundle(bundle, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"zeelandnet-desktop {__version__}"


def test_headlines_offline_on_an_empty_profile(bundle: Path, profile_dir: Path) -> None:
    env = app_env(LANGUAGE="nl")
    frozen = run_bundle(bundle, "headlines", "--offline", "--profile-dir", str(profile_dir),
                        env=env)
    assert frozen.stderr.strip() == "Nog geen nieuws opgeslagen."
    assert frozen.stdout == "" and frozen.returncode == 1
    # The frozen app answers as the source does (the same exit code).
    source = subprocess.run(
        [sys.executable, "-m", "zeelandnet_desktop", "headlines", "--offline", "--profile-dir",
         str(profile_dir.parent / "source-profile")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert frozen.returncode == source.returncode
    assert frozen.stderr == source.stderr


def test_window_shows_news_from_a_local_server(bundle: Path, profile_dir: Path,
                                               tmp_path: Path, server: LocalServer) -> None:
    url = serve_feed(server, "/zeeland.xml", "Omroep Zeeland", [
        Item("Veerboot Vlissingen-Breskens vaart weer", "VLISSINGEN - De veerboot vaart weer.",
             minutes_ago=12),
        Item("Strandpaviljoen Domburg open", "DOMBURG - Het paviljoen is open.", minutes_ago=40),
    ])
    feeds = write_catalogue(tmp_path / "feeds.json",
                            [("zeeland", "Zeeland", "Zeeland", [("Omroep Zeeland", url)])])
    app = start_bundle(bundle, profile_dir, "--news", "--feeds", str(feeds))
    try:
        wait_for_log(profile_dir, "Window shown", app)
        wait_for_log(profile_dir, "Refresh: 1 feeds, 2 new articles", app)
        assert len(server.requests_for("/zeeland.xml")) == 1
        # What the window lists is in the store the bundle's own command line reads.
        listed = run_bundle(bundle, "headlines", "--offline", "--json", "--profile-dir",
                            str(profile_dir), "--feeds", str(feeds))
        assert listed.returncode == 0, listed.stderr
        titles = [item["title"] for item in json.loads(listed.stdout)]
        assert titles == ["Veerboot Vlissingen-Breskens vaart weer",
                          "Strandpaviljoen Domburg open"]
    finally:
        quit_app(app)
    assert "Traceback" not in log_text(profile_dir)


def test_webmail_tab_opens_the_provider_page(bundle: Path, profile_dir: Path,
                                             tmp_path: Path, server: LocalServer) -> None:
    fake = FakeWebmail(server)
    fake.write_provider_file(profile_dir / "config")
    settings = Settings(profile_dir / "config" / "zeelandnet-desktop.ini")
    settings.set(keys.WEBMAIL_PROVIDER, "fake")
    settings.sync()  # on disk before the app reads it
    feeds = write_catalogue(tmp_path / "feeds.json", [])
    app = start_bundle(bundle, profile_dir, "--webmail", "--feeds", str(feeds))
    try:
        # QtWebEngine's helper process, resources and locales are all in the bundle: the page
        # loads and the sign-in helper finds its login form.
        wait_for_log(profile_dir, "Opening webmail fake", app)
        wait_for_log(profile_dir, "Webmail login form found", app)
        assert server.requests_for("/")
    finally:
        quit_app(app)


@linux_only
def test_dutch_is_in_the_bundle(bundle: Path) -> None:
    ours = bundle / "_internal" / "zeelandnet_desktop" / "resources" / "translations"
    compiled = (ours / "zeelandnet_desktop_nl.qm").read_bytes()
    for dutch in ("Nieuws", "Afsluiten", "Instellingen"):
        assert dutch.encode("utf-16-be") in compiled, dutch
    qt = bundle / "_internal" / "PySide6" / "Qt" / "translations"
    assert (qt / "qtbase_nl.qm").is_file() and (qt / "qtwebengine_locales" / "nl.pak").is_file()
    assert not (qt / "qtbase_de.qm").exists()  # languages the app does not speak stay out


@linux_only
def test_pyside_support_code_is_in_the_bundle_compiled(bundle: Path) -> None:
    """Shiboken loads it from here instead of compiling its built-in copy at every start."""
    support = bundle / "_internal" / "shiboken6" / "files.dir" / "shibokensupport"
    assert list((support / "signature" / "__pycache__").glob("loader.*.pyc"))


def test_size_and_glibc(bundle: Path, record_property: Callable[[str, object], None]) -> None:
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    size_mib = sum(p.stat().st_size for p in files) / 2**20
    versions: set[tuple[int, ...]] = set()
    for path in elf_files(bundle):
        symbols = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True)
        versions.update(tuple(int(n) for n in found.split("."))
                        for found in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", symbols.stdout))
    highest = ".".join(map(str, max(versions)))
    report = f"bundle: {size_mib:.0f} MiB in {len(files)} files, needs glibc {highest}\n"
    (CACHE / "report.txt").write_text(report)
    record_property("bundle", report.strip())
    assert size_mib <= 400, report
    ceiling = tuple(int(n) for n in GLIBC_CEILING.split("."))
    assert max(versions) <= ceiling, f"{report}: build on a glibc-{GLIBC_CEILING} base"


@linux_only
def test_system_libraries_are_the_listed_ones(bundle: Path) -> None:
    sys.path.insert(0, str(ROOT / "packaging" / "pyinstaller"))
    import bundle_rules  # type: ignore[import-not-found]

    host = bundle_rules.host_libraries()
    carried = {p.name for p in bundle.rglob("*")}
    assert not carried & {"libstdc++.so.6", "libgcc_s.so.1"}
    needed = {name for path in elf_files(bundle) for name in bundle_rules.elf_needed(str(path))}
    from_system = sorted(needed - carried)
    unlisted = [name for name in from_system if not bundle_rules.is_host_library(name, host)]
    assert unlisted == [], "add these to packaging/linux/host-libraries.txt"
    if shutil.which("dpkg-query") is None:
        return
    # The packages named for them really provide them on this (Debian/Ubuntu) system.
    cache = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True).stdout
    for name in from_system:
        match = re.search(rf"^\s*{re.escape(name)} \(libc6,x86-64[^)]*\) => (\S+)", cache, re.M)
        if match is None:
            continue  # an optional part's library that this machine lacks (e.g. GTK)
        owner = debian_package_of(match.group(1))
        listed = next(p for pattern, p, _r in host if bundle_rules.is_host_library(name, [
            (pattern, p, _r)]))
        assert owner in listed, f"{name} comes from {owner}, the list says {listed}"


@linux_only
@pytest.mark.desktop
def test_signs_in_with_the_password_in_the_secret_service(
        bundle: Path, profile_dir: Path, tmp_path: Path, server: LocalServer) -> None:
    require_service("secrets" in os.environ.get("ZND_SERVICES", "").split(","),
                    "Secret Service (gnome-keyring)")
    from keyring.backends import SecretService

    fake = FakeWebmail(server, user="jan", password=PASSWORD)
    fake.write_provider_file(profile_dir / "config")
    settings = Settings(profile_dir / "config" / "zeelandnet-desktop.ini")
    settings.set(keys.WEBMAIL_PROVIDER, "fake")
    settings.set(keys.WEBMAIL_ACCOUNTS, json.dumps({"fake": "jan"}))
    settings.set(keys.WEBMAIL_AUTO_LOGIN, True)
    settings.sync()  # on disk before the app reads it
    keyring = SecretService.Keyring()
    keyring.set_password("zeelandnet-desktop", "fake:jan", PASSWORD)
    # The app chooses its keyring itself, as it does for a user: no backend pinned.
    env = {k: v for k, v in app_env().items() if k != "PYTHON_KEYRING_BACKEND"}
    feeds = write_catalogue(tmp_path / "feeds.json", [])
    app = start_bundle(bundle, profile_dir, "--webmail", "--feeds", str(feeds), env=env)
    try:
        wait_for_log(profile_dir, "Keyring backend: keyring.backends.SecretService.Keyring", app)
        wait_for_log(profile_dir, "Signed in to webmail", app)
        assert fake.sessions, "the provider saw no successful sign-in"
    finally:
        code = stop(app)
        keyring.delete_password("zeelandnet-desktop", "fake:jan")
    assert code == 0
    assert PASSWORD not in log_text(profile_dir)
