"""The layers of DESIGN.md hold: startup → shell → ui → services → core, each import pointing
down; the core never touches Qt's widgets; the ui does no I/O of its own.

Read from the source (every import, also those inside functions), so a late import cannot hide
a broken arrow.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "zeelandnet_desktop"
ROOT_NAME = "zeelandnet_desktop"

# Which part of the app a module belongs to, by its dotted name under the package.
CORE = ("news", "mail")
LAYER = {
    "startup": 5, "__main__": 5,
    "shell": 4,
    "ui": 3,
    "services": 2,
    "cli": 2,  # commands without a window: core and system, nothing of the GUI
    "system": 1, "i18n": 1, "settings": 1, "options": 1,
    "news": 0, "mail": 0, "assets": 0, "resources": 0, "__init__": 0,
}
QT_WIDGETS = ("PySide6.QtWidgets", "PySide6.QtGui", "PySide6.QtWebEngineWidgets",
              "PySide6.QtWebEngineCore", "PySide6.QtWebChannel")
# The ui talks to the disk, the network, the keyring and the OS through services or system/.
IO_MODULES = ("requests", "urllib3", "sqlite3", "keyring", "socket", "subprocess", "shutil",
              "http.client", "urllib.request", "jeepney", "imaplib", "ssl")
IO_CORE = ("news.store", "news.db", "news.fetch", "news.refresh", "mail.imap")


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path) -> set[str]:
    """Every module `name` imports, as absolute names ("zeelandnet_desktop.news.model",
    "PySide6.QtWidgets")."""
    is_package = path.name == "__init__.py"
    package = [ROOT_NAME, *name.split(".")] if is_package else [ROOT_NAME, *name.split(".")[:-1]]
    if name == "__init__":
        package = [ROOT_NAME]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            # "from . import settings" imports the module zeelandnet_desktop.settings
            for alias in node.names:
                found.add(f"{target}.{alias.name}")
    return found


def part_of(dotted: str) -> str | None:
    """'zeelandnet_desktop.ui.news.tab' -> 'ui.news.tab' (None outside the package)."""
    if dotted == ROOT_NAME:
        return "__init__"
    if not dotted.startswith(ROOT_NAME + "."):
        return None
    return dotted[len(ROOT_NAME) + 1:]


def layer(inner: str) -> int:
    return LAYER[inner.split(".", 1)[0]]


KNOWN = modules()
GRAPH = {name: imports_of(name, path) for name, path in KNOWN.items()}


def own_imports(name: str) -> set[str]:
    found = set()
    for target in GRAPH[name]:
        inner = part_of(target)
        if inner is None:
            continue
        # "from .. import settings as keys" names a module; "from .model import Article" a
        # value: keep only what is a module of ours.
        while inner and inner not in KNOWN and "." in inner:
            inner = inner.rsplit(".", 1)[0]
        if inner in KNOWN and inner != name:
            found.add(inner)
    return found


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_every_import_points_down_the_layers(name: str) -> None:
    wrong = [target for target in own_imports(name)
             if layer(target) > layer(name)
             and not (layer(name) == 2 and target.split(".")[0] in ("services", "cli"))]
    assert not wrong, f"{name} imports from a higher layer: {sorted(wrong)}"


@pytest.mark.parametrize("name", sorted(n for n in KNOWN if n.split(".")[0] in ("services", "cli")))
def test_services_and_the_command_line_stay_apart(name: str) -> None:
    other = "cli" if name.startswith("services") else "services"
    wrong = [t for t in own_imports(name) if t.split(".")[0] == other]
    assert not wrong, f"{name} imports {wrong}"


@pytest.mark.parametrize("name", sorted(n for n in KNOWN if n.split(".")[0] in
                                        (*CORE, "system", "cli", "services")))
def test_below_the_ui_nothing_imports_widgets(name: str) -> None:
    wrong = sorted(t for t in GRAPH[name] if t.startswith(QT_WIDGETS))
    # The tray balloon is the one place system-level notifications need a widget: it lives in
    # the ui (ui/tray/balloon.py), so nothing here is exempt.
    assert not wrong, f"{name} imports {wrong}"


@pytest.mark.parametrize("name", sorted(n for n in KNOWN if n.split(".")[0] in CORE))
def test_the_core_imports_no_qt_at_all(name: str) -> None:
    wrong = sorted(t for t in GRAPH[name] if t.startswith("PySide6") or t == "shiboken6")
    assert not wrong, f"{name} imports {wrong}"


@pytest.mark.parametrize("name", sorted(n for n in KNOWN if n.startswith("ui")))
def test_the_ui_does_no_io_of_its_own(name: str) -> None:
    wrong = sorted(t for t in GRAPH[name]
                   if t.split(".")[0] in IO_MODULES or t in IO_MODULES
                   or (part_of(t) or "") in IO_CORE)
    assert not wrong, f"{name} imports {wrong}: that work belongs in a service or system/"


def test_the_graph_sees_the_arrows() -> None:
    # A guard against a test that cannot fail: the shell does import the ui and services, and
    # the news service the store.
    assert "ui.main_window" in own_imports("shell")
    assert "services.news" in own_imports("shell")
    assert "news.store" in own_imports("services.news")
    assert layer("ui.news.tab") > layer("services.news") > layer("news.store")
