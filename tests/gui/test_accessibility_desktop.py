"""What a screen reader finds (the desktop pass): the real app on Xvfb with Qt's accessibility
on, its tree read over the accessibility bus (AT-SPI, as Orca reads it), keys typed as a user
types them. Every control that takes the keyboard has a name, unread is in the words, the
webmail page is a document a screen reader can read, each dialog is named through, new news
is said once and politely, and window titles say the app's name once."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from subprocess import Popen

import pytest

from tests.conftest import require_service
from tests.support import xdo
from tests.support.app_process import app_env, start_app, stop, wait_for_log
from tests.support.atspi import Atspi, Node, bus_address
from tests.support.fakewebmail import FakeWebmail
from tests.support.feedgen import Item, rss, write_catalogue
from tests.support.localserver import LocalServer, Response
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.settings import Settings

pytestmark = pytest.mark.desktop

APP = "ZeelandNet"
WEB_DOCUMENT = ("document web", "web document")  # at-spi2-core's name, older and newer
LOGIN_TITLE = "Fake Webmail :: Welcome"
POLITE = 1  # AtspiLive: said when the screen reader has a moment, not interrupting


def need_the_accessibility_bus() -> None:
    services = os.environ.get("ZND_SERVICES", "")
    require_service("accessibility" in services, "the accessibility bus (at-spi2-core)")
    require_service(xdo.available(), "xdotool")


@dataclass
class RunningApp:
    process: Popen[str]
    window: str
    profile: Path
    feed: list[Item]
    server: LocalServer


def zeeland_items() -> list[Item]:
    return [Item("Veerboot Vlissingen-Breskens vaart weer", "VLISSINGEN - De boot vaart."),
            Item("Dijk bij Zierikzee versterkt", "ZIERIKZEE - Het werk is klaar.",
                 minutes_ago=30)]


@pytest.fixture
def running(request: pytest.FixtureRequest, server: LocalServer,
            profile_dir: Path) -> Iterator[RunningApp]:
    """The app on the Zeeland list (as when that category was chosen last), or with the
    parameter "voorpagina" on a new profile's first screen."""
    need_the_accessibility_bus()
    fake = FakeWebmail(server)
    fake.write_provider_file(profile_dir / "config")
    settings = Settings(profile_dir / "config" / "zeelandnet-desktop.ini")
    settings.set(keys.LANGUAGE, "nl")
    settings.set(keys.WEBMAIL_PROVIDER, "fake")
    if getattr(request, "param", "list") != "voorpagina":
        settings.set(keys.LAST_NEWS_CATEGORY, "zeeland")
    settings.sync()
    items = zeeland_items()
    server.route("/zeeland.xml", lambda _request: Response(
        200, rss("Omroep Zeeland", items), content_type="application/rss+xml"))
    feeds = write_catalogue(profile_dir / "feeds.json", [
        ("zeeland", "Zeeland", "Zeeland", [("Omroep Zeeland", server.url("/zeeland.xml"))]),
        ("binnenland", "Binnenland", "Netherlands", [])])
    process = start_app(profile_dir, "--feeds", str(feeds),
                        env=app_env(QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1"))
    try:
        wait_for_log(profile_dir, "Refresh: ", process)
        window = xdo.wait_for_window(process.pid, APP)
        xdo.focus(window)
        yield RunningApp(process, window, profile_dir, items, server)
    finally:
        stop(process)


def inside_web_pages(tree: Node) -> set[str]:
    """Paths of what a web page shows (the provider's own markup is not ours to name) and of
    the widgets that only hold such a page."""
    skipped: set[str] = set()
    for top in tree.children:
        # QtWebEngine reports its view's inner widget once more at the top, empty or with
        # the page (a minimal QWebEngineView does the same); the page is checked in place.
        if top.role == "filler" and all(c.role in WEB_DOCUMENT for c in top.children):
            skipped.add(top.path)
    for node in tree.walk():
        if any(child.role in WEB_DOCUMENT for child in node.children):
            skipped.add(node.path)
        if node.role in WEB_DOCUMENT:
            skipped.update(inner.path for inner in node.walk() if inner is not node)
    return skipped


def unnamed(tree: Node) -> list[str]:
    """Controls a user can reach with the keyboard, on screen, that a screen reader cannot
    name."""
    skipped = inside_web_pages(tree)
    return [f"[{node.role}] at {node.path}" for node in tree.walk()
            if node.focusable and node.showing and not node.name.strip()
            and node.path not in skipped]


def named(tree: Node, role: str, name: str) -> list[Node]:
    return tree.find(lambda node: node.role == role and node.name == name)


def login_form(tree: Node) -> list[str]:
    """The fields and buttons of the fake webmail's sign-in page, as read in its document."""
    for document in tree.find(lambda n: n.role in WEB_DOCUMENT and n.name == LOGIN_TITLE
                              and n.showing):
        found = [n.name for n in document.walk()
                 if n.role in ("text", "entry", "password text", "push button")]
        if "Login" in found:
            return found
    return []


def dialog_named(tree: Node, title: str) -> Node | None:
    """The dialog titled `title` (screen readers hear the title bar's "… — ZeelandNet")."""
    found = tree.find(lambda node: node.role in ("dialog", "frame", "window")
                      and node.name in (title, f"{title} — {APP}"))
    return found[0] if found else None


def to_webmail(running: RunningApp, bus: Atspi) -> Node:
    """Ctrl+2, and the tree once the sign-in page is read. The window is made anew for the
    web view (Qt gives it another kind of surface), so the keyboard goes back to it."""
    xdo.key("ctrl+2")
    bus.wait_for(APP, lambda t: bool(login_form(t)), timeout=60)
    running.window = xdo.wait_for_window(running.process.pid, LOGIN_TITLE)
    xdo.focus(running.window)
    return bus.tree(APP)


def close_dialog(running: RunningApp) -> None:
    """Escape, and the keyboard back to the main window (what a window manager does)."""
    xdo.key("Escape")
    xdo.focus(running.window)


def test_every_control_has_a_name_and_the_webmail_page_is_a_document(
        running: RunningApp) -> None:
    with Atspi() as bus:
        tree = bus.wait_for(APP, lambda t: bool(named(t, "list item", "Zeeland, 2 ongelezen")))
        assert unnamed(tree) == [], tree.outline()
        # The keyboard starts in the article list: j, k, Space and m work at once.
        controls = [n.name for n in tree.walk() if n.focused and n.role in (
            "list", "text", "push button", "page tab list", "check box")]
        assert controls == ["Berichten"], tree.outline()
        articles = named(tree, "list", "Berichten")[0]
        rows = [n.name for n in articles.children if n.focusable]
        assert [row.rpartition(" · ")[0] for row in rows] == [
            "Ongelezen: Veerboot Vlissingen-Breskens vaart weer. Omroep Zeeland",
            "Ongelezen: Dijk bij Zierikzee versterkt. Omroep Zeeland"]
        # The article reads as text with a caret, not as a caption.
        assert named(tree, "text", "Bericht"), tree.outline()
        assert named(tree, "push button", "Zoekveld leegmaken")
        handles = [n.name for n in tree.walk() if n.role in ("grip", "separator", "splitter")
                   and n.showing and n.name]
        assert {"Breedte van de categorieën", "Breedte van de berichtenlijst"} <= set(handles)

        # To the webmail, as a user goes: the page is a document with its title, and what
        # is on it, the sign-in form.
        tree = to_webmail(running, bus)
        assert login_form(tree) == ["Username", "Password", "Login"]
        assert unnamed(tree) == [], tree.outline()
        toolbar = tree.find(lambda n: n.role == "tool bar" and n.showing)[0]
        buttons = [n for n in toolbar.walk() if n.role == "push button" and n.showing]
        assert all(b.focusable and b.name for b in buttons), toolbar.outline()
        assert {"Grotere tekst (Ctrl+plus)", "Kleinere tekst (Ctrl+min)"} <= {
            b.name for b in buttons}


@pytest.mark.parametrize("running", ["voorpagina"], indirect=True)
def test_the_voorpagina_names_every_story_and_starts_the_keyboard_on_one(
        running: RunningApp) -> None:
    with Atspi() as bus:
        tree = bus.wait_for(APP, lambda t: bool(t.find(
            lambda n: n.role == "push button" and n.showing
            and n.name.startswith("Ongelezen: Zeeland"))))
        assert unnamed(tree) == [], tree.outline()
        focused = [n.name for n in tree.walk() if n.focused and n.role in (
            "list", "text", "push button", "page tab list", "check box")]
        assert len(focused) == 1 and focused[0].startswith("Ongelezen: Zeeland "), \
            tree.outline()
        assert focused[0].endswith(" Veerboot Vlissingen-Breskens vaart weer"), focused


def test_each_dialog_is_named_through(running: RunningApp) -> None:
    with Atspi() as bus:
        bus.wait_for(APP, lambda t: bool(named(t, "list", "Berichten")))
        for keys_, title, pages in (
                (["ctrl+comma"], "Instellingen", 5),
                (["F1"], "Sneltoetsen", 1),
                (["alt+h", "o"], "Over ZeelandNet", 1)):
            xdo.key(*keys_)
            tree = bus.wait_for(APP, lambda t, title=title: dialog_named(t, title) is not None)
            for page in range(pages):
                dialog = dialog_named(tree, title)
                assert dialog is not None
                assert unnamed(dialog) == [], f"{title}, page {page + 1}:\n{dialog.outline()}"
                combos = [n for n in dialog.walk() if n.role == "combo box" and n.showing]
                # A combo box says what it chooses, not what is chosen.
                assert all(n.name not in ("Nederlands", "English", "Systeem", "Licht")
                           for n in combos), dialog.outline()
                if page + 1 < pages:
                    xdo.key("ctrl+Tab")  # the next page of Instellingen
                    time.sleep(0.3)
                    tree = bus.tree(APP)
            close_dialog(running)
            bus.wait_for(APP, lambda t, title=title: dialog_named(t, title) is None)

        to_webmail(running, bus)
        for keys_, title in ((["alt+m", "w"], "Kies je webmail"),
                             (["alt+m", "i"], "Inloggen bij Fake webmail")):
            xdo.key(*keys_)
            tree = bus.wait_for(APP, lambda t, title=title: dialog_named(t, title) is not None)
            dialog = dialog_named(tree, title)
            assert dialog is not None and unnamed(dialog) == [], dialog.outline()
            close_dialog(running)
            bus.wait_for(APP, lambda t, title=title: dialog_named(t, title) is None)


def test_the_settings_pages_name_their_fields_by_what_they_are(running: RunningApp) -> None:
    with Atspi() as bus:
        bus.wait_for(APP, lambda t: bool(named(t, "list", "Berichten")))
        xdo.key("ctrl+comma")
        tree = bus.wait_for(APP, lambda t: dialog_named(t, "Instellingen") is not None)
        names: set[str] = set()
        for _page in range(5):
            dialog = dialog_named(tree, "Instellingen")
            assert dialog is not None
            names |= {n.name for n in dialog.walk() if n.focusable and n.showing}
            xdo.key("ctrl+Tab")
            time.sleep(0.3)
            tree = bus.tree(APP)
        close_dialog(running)
    assert {"Taal", "Kleuren", "Bijlagen opslaan in", "Niet storen vanaf",
            "Niet storen tot"} <= names, sorted(names)


class Announcements:
    """What the app says to a screen reader by itself (AT-SPI Announcement signals). Like a
    screen reader, it tells the registry which events it listens to: Qt sends only those."""

    def __init__(self) -> None:
        from jeepney import DBusAddress, MatchRule, new_method_call
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        self.heard: list[tuple[str, int]] = []
        self._connection = open_dbus_connection(bus=bus_address())
        registry = DBusAddress("/org/a11y/atspi/registry", bus_name="org.a11y.atspi.Registry",
                               interface="org.a11y.atspi.Registry")
        self._connection.send_and_get_reply(new_method_call(
            registry, "RegisterEvent", "s", ("object:announcement",)), timeout=10)
        rule = MatchRule(type="signal", interface="org.a11y.atspi.Event.Object",
                         member="Announcement")
        self._connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=5)
        self._stop = False
        self._thread = threading.Thread(target=self._listen, daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        from jeepney import HeaderFields

        while not self._stop:
            try:
                message = self._connection.receive(timeout=0.5)
            except TimeoutError:
                continue
            except OSError:
                return
            if message.header.fields.get(HeaderFields.member) == "Announcement":
                # (minor, politeness, detail2, (signature, text), properties)
                _minor, politeness, _detail, (_signature, text), *_rest = message.body
                self.heard.append((str(text), int(politeness)))

    def close(self) -> None:
        self._stop = True
        self._thread.join(timeout=2)
        self._connection.close()


@pytest.fixture
def announcements() -> Iterator[Announcements]:
    need_the_accessibility_bus()
    listener = Announcements()
    yield listener
    listener.close()


def test_new_news_is_announced_once_and_politely(announcements: Announcements,
                                                 running: RunningApp) -> None:
    with Atspi() as bus:
        bus.wait_for(APP, lambda t: bool(named(t, "list", "Berichten")))
    xdo.key("F5")  # nothing new: nothing said
    wait_for_log(running.profile, "Refresh: ", running.process, count=2)
    running.feed.insert(0, Item("Zeeuwse mosselen naar België", "YERSEKE - De export.",
                                minutes_ago=1))
    xdo.key("F5")
    wait_for_log(running.profile, "Refresh: ", running.process, count=3)
    deadline = time.monotonic() + 10
    while not announcements.heard and time.monotonic() < deadline:
        time.sleep(0.1)
    assert announcements.heard == [("1 nieuw bericht", POLITE)]


def test_titles_say_the_name_once_and_the_tray_is_called_zeelandnet(
        running: RunningApp) -> None:
    assert xdo.title(running.window) == "ZeelandNet"
    xdo.key("ctrl+comma")
    dialog = xdo.wait_for_window(running.process.pid, "Instellingen")
    assert xdo.title(dialog) == "Instellingen — ZeelandNet"
    close_dialog(running)
    with Atspi() as bus:
        to_webmail(running, bus)
    assert xdo.title(running.window) == f"{LOGIN_TITLE} — ZeelandNet"
    if "tray" in os.environ.get("ZND_SERVICES", ""):
        assert tray_titles() == ["ZeelandNet"]


def tray_titles() -> list[str]:
    from jeepney import DBusAddress, Properties, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    watcher = DBusAddress("/StatusNotifierWatcher", bus_name="org.kde.StatusNotifierWatcher",
                          interface="org.freedesktop.DBus.Properties")
    titles = []
    with open_dbus_connection(bus="SESSION") as connection:
        reply = connection.send_and_get_reply(new_method_call(
            watcher, "Get", "ss",
            ("org.kde.StatusNotifierWatcher", "RegisteredStatusNotifierItems")), timeout=5)
        for item in reply.body[0][1]:
            bus_name, _, path = str(item).partition("/")
            address = DBusAddress(f"/{path}" if path else "/StatusNotifierItem",
                                  bus_name=bus_name, interface="org.kde.StatusNotifierItem")
            answer = connection.send_and_get_reply(Properties(address).get("Title"), timeout=5)
            titles.append(str(answer.body[0][1]))
    return titles
