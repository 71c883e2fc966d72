"""Webmail sign-in against the fake webmail on a real local server: the saved password
filled and submitted (Roundcube, and OX whose form appears by script), never on another origin or
in a frame of one, a wrong password tried once more and then asked for, capture → "Remember
password?" → stored, forget, and the no-keyring path. The keyring is an in-memory double of the
OS service here; the desktop pass runs the real Secret Service (test_credentials_desktop.py).

After every test the password is looked for in the settings, the log and every GET the server saw.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
import shiboken6
from keyring.backends import fail
from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from tests.gui.conftest import AppFactory, settings_pages_shown_by
from tests.support.fakewebmail import FakeWebmail, WebmailEnv
from tests.support.localserver import LocalServer, Request, Response
from tests.support.memorykeyring import MemoryKeyring
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.mail.credentials import SERVICE_NAME, Account, CredentialStore, Problem
from zeelandnet_desktop.mail.login_form import carries_secret
from zeelandnet_desktop.services.credentials import CredentialResult, CredentialService
from zeelandnet_desktop.settings import Settings
from zeelandnet_desktop.system import paths as app_paths
from zeelandnet_desktop.ui.webmail.login_dialog import LoginDialog, problem_text, remember_label
from zeelandnet_desktop.ui.webmail.signin_page import CredentialsPage

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

PASSWORD = "Zeeuws-Meisje-7!"  # distinctive, so a scan cannot match by accident
USER = "jan"
LOGIN_TITLE = "Fake Webmail :: Welcome"
FORM_TIMEOUT_MS = 1500  # how long a page may take to show its form (8 s in the app)
LONG = 20_000


# --- fixtures ------------------------------------------------------------------------------------

@pytest.fixture
def test_log(profile_dir: Path) -> Iterator[Path]:
    """Everything logged during the test, at DEBUG, in a file we scan afterwards."""
    path = profile_dir / "logs" / "test.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.setLevel(logging.DEBUG)
    root.addHandler(handler)
    yield path
    root.removeHandler(handler)
    root.setLevel(old_level)
    handler.close()


@pytest.fixture(autouse=True)
def no_password_leaks(test_log: Path, server: LocalServer, profile_dir: Path) -> Iterator[None]:
    yield
    for ini in profile_dir.rglob("*.ini"):
        assert PASSWORD not in ini.read_text(encoding="utf-8", errors="replace"), ini
    assert PASSWORD not in test_log.read_text(encoding="utf-8")
    for request in server.requests:
        assert PASSWORD not in request.path, "a password in a URL"
        if request.method != "POST":
            assert PASSWORD.encode() not in request.body


class Kit:
    """A webmail tab on the fake, a keyring double, the credential service and the sign-in."""

    def __init__(self, env: WebmailEnv, backend: object,
                 form_timeout_ms: int = FORM_TIMEOUT_MS) -> None:
        self.env = env
        self.backend = backend
        self.service = CredentialService(CredentialStore(backend))
        self.tab = env.make_tab()
        self.login = env.make_signin(self.service, self.tab, form_timeout_ms=form_timeout_ms)
        self.kinds: list[str] = []
        self.login.form_found.connect(self.kinds.append)

    def close(self) -> None:
        self.login.shut_down()
        self.env.close()
        shiboken6.delete(self.login)
        shiboken6.delete(self.service)


@pytest.fixture
def env(qapp: object, server: LocalServer, profile_dir: Path,
        tmp_path: Path) -> Iterator[WebmailEnv]:
    environment = WebmailEnv(server, profile_dir, tmp_path / "Downloads")
    environment.fake.password = PASSWORD
    yield environment
    environment.close()


@pytest.fixture
def kits() -> Iterator[list[Kit]]:
    made: list[Kit] = []
    yield made
    for kit in made:
        kit.close()


def make_kit(env: WebmailEnv, kits: list[Kit], *, saved: str | None = None,
             auto: bool = False, start_path: str = "/",
             backend: object | None = None, form_timeout_ms: int = FORM_TIMEOUT_MS) -> Kit:
    env.fake.write_provider_file(env.paths.config, start_path=start_path)
    env.choose_fake()
    memory = backend if backend is not None else MemoryKeyring()
    if saved is not None:
        assert isinstance(memory, MemoryKeyring)
        memory.entries[(SERVICE_NAME, f"fake:{USER}")] = saved
        env.settings.set(keys.WEBMAIL_ACCOUNTS, '{"fake": "jan"}')
    env.settings.set(keys.WEBMAIL_AUTO_LOGIN, auto)
    kit = Kit(env, memory, form_timeout_ms)
    kits.append(kit)
    return kit


def login_posts(server: LocalServer) -> list[Request]:
    return [r for r in server.requests_for("/login") if r.method == "POST"]


def copy_of_login_page(fake: FakeWebmail) -> Response:
    return fake._login_page()


def world_has_helper(qtbot: QtBot, kit: Kit) -> str:
    assert kit.tab.browser is not None
    with qtbot.waitCallback() as callback:
        kit.tab.browser.page.runJavaScript("typeof window.__zndLogin", 1, callback)
    return str(callback.args[0])


# --- the service ---------------------------------------------------------------------------------

def test_keyring_calls_run_off_the_gui_thread(qtbot: QtBot) -> None:
    backend = MemoryKeyring()
    backend.gate = threading.Event()  # the keyring "shows a prompt" until we open the gate
    service = CredentialService(CredentialStore(backend))
    results: list[tuple[CredentialResult, bool]] = []
    service.load(Account("fake", USER),
                 lambda r: results.append((r, threading.current_thread() is
                                           threading.main_thread())))
    qtbot.waitUntil(lambda: backend.threads == ["keyring"])
    ticks: list[int] = []
    QTimer.singleShot(0, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: ticks == [1])  # the GUI thread runs while the keyring waits
    assert results == [] and service.busy
    backend.gate.set()
    qtbot.waitUntil(lambda: len(results) == 1)
    result, on_gui_thread = results[0]
    assert result.ok and result.secret is None and on_gui_thread
    assert not service.busy
    service.shut_down()
    shiboken6.delete(service)


def test_an_unanswered_unlock_prompt_ends_in_words_not_a_wait(qtbot: QtBot) -> None:
    backend = MemoryKeyring()
    backend.gate = threading.Event()  # the prompt stays open: nobody answers it
    service = CredentialService(CredentialStore(backend), answer_within_ms=300)
    results: list[CredentialResult] = []
    service.load(Account("fake", USER), results.append)
    qtbot.waitUntil(lambda: len(results) == 1, timeout=5_000)
    assert results[0].error is not None and results[0].error.problem is Problem.NO_ANSWER
    assert service.problem is Problem.NO_ANSWER
    text = problem_text(Problem.NO_ANSWER)
    assert "did not answer" in text and "unlock" in text
    backend.gate.set()  # answered at last: the late answer changes nothing
    marker: list[CredentialResult] = []
    service.load(Account("fake", USER), marker.append)
    qtbot.waitUntil(lambda: bool(marker), timeout=5_000)
    assert len(results) == 1
    service.shut_down()
    shiboken6.delete(service)


def test_service_reports_the_keyring_problem(qtbot: QtBot) -> None:
    service = CredentialService(CredentialStore(fail.Keyring()))
    with qtbot.waitSignal(service.problem_changed) as blocker:
        service.save(Account("fake", USER), PASSWORD)
    assert blocker.args == [Problem.NO_KEYRING]
    assert service.problem is Problem.NO_KEYRING
    service.shut_down()
    shiboken6.delete(service)


# --- the dialog ----------------------------------------------------------------------------------

def test_remember_is_worded_for_the_os(qapp: object) -> None:
    assert remember_label("linux") == "Remember in the keyring"
    assert remember_label("darwin") == "Remember in Keychain Access"
    assert remember_label("win32") == "Remember in Credential Manager"


def test_dialog_needs_address_and_password(qtbot: QtBot, screenshots: Path) -> None:
    dialog = LoginDialog("Fake webmail", USER)
    qtbot.addWidget(dialog)
    ok = dialog.button_box.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "Sign in" and not ok.isEnabled()
    dialog.offer_saved_password("from-keyring")
    assert dialog.password() == "from-keyring" and ok.isEnabled()
    dialog.password_edit.clear()
    qtbot.keyClicks(dialog.password_edit, "typed")
    dialog.offer_saved_password("late answer")  # the user typed first: theirs stays
    assert dialog.password() == "typed"
    assert dialog.remember()
    dialog.set_problem(Problem.LOCKED)
    assert not dialog.remember() and "locked" in dialog.keyring_note.text()
    dialog.show()
    dialog.grab().save(str(screenshots / "login-dialog.png"))


# --- auto-fill and submit ------------------------------------------------------------------------

def test_saved_password_signs_in_on_roundcube(qtbot: QtBot, env: WebmailEnv, kits: list[Kit],
                                             server: LocalServer) -> None:
    kit = make_kit(env, kits, saved=PASSWORD, auto=True)
    with qtbot.waitSignal(kit.login.signed_in, timeout=LONG):
        kit.tab.activate()
    posts = login_posts(server)
    assert len(posts) == 1
    assert posts[0].form() == {"_user": [USER], "_pass": [PASSWORD]}
    assert kit.kinds == ["hint"]  # the provider's hints (#rcmloginuser) matched first
    qtbot.waitUntil(lambda: kit.tab.unread == 2)
    # No prompt to remember what was already remembered.
    assert kit.login.prompt is None


def test_saved_password_signs_in_on_ox_after_its_form_appears(
        qtbot: QtBot, env: WebmailEnv, kits: list[Kit], server: LocalServer) -> None:
    # The form comes 500 ms after load; a generous time-out keeps a busy machine from failing.
    kit = make_kit(env, kits, saved=PASSWORD, auto=True, start_path="/ox",
                   form_timeout_ms=10_000)
    with qtbot.waitSignal(kit.login.fill_done, timeout=LONG) as filled:
        kit.tab.activate()
    assert filled.args == ["submitted"]
    assert kit.kinds == ["ox"]
    qtbot.waitUntil(lambda: kit.tab.unread == 2, timeout=LONG)  # the inbox: signed in
    posts = login_posts(server)
    assert [p.form() for p in posts] == [{"_user": [USER], "_pass": [PASSWORD]}]


def test_automatic_sign_in_off_fills_nothing(qtbot: QtBot, env: WebmailEnv, kits: list[Kit],
                                            server: LocalServer) -> None:
    kit = make_kit(env, kits, saved=PASSWORD, auto=False)
    with qtbot.waitSignal(kit.login.form_found, timeout=LONG):
        kit.tab.activate()
    assert kit.tab.browser is not None
    with qtbot.waitCallback() as callback:
        kit.tab.browser.page.runJavaScript(
            "document.getElementById('rcmloginpwd').value", 0, callback)
    assert callback.args == [""]
    assert login_posts(server) == []
    assert kit.backend.threads == []  # the keyring was not even asked


def test_wrong_password_is_tried_once_more_then_the_user_corrects_it(
        qtbot: QtBot, env: WebmailEnv, kits: list[Kit], server: LocalServer,
        screenshots: Path) -> None:
    kit = make_kit(env, kits, saved="not-the-password", auto=True)
    with qtbot.waitSignal(kit.login.gave_up, timeout=LONG):
        kit.tab.activate()
    assert len(login_posts(server)) == 2  # the first try and one retry, not a loop
    dialog = kit.login.dialog
    assert dialog is not None and dialog.isVisible()
    assert "did not work" in dialog.message.text()
    qtbot.waitUntil(lambda: not kit.service.busy)  # the keyring has answered the dialog ...
    assert dialog.address() == USER and dialog.password() == ""  # ... and the suspect stays out
    dialog.grab().save(str(screenshots / "login-dialog-failed.png"))
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    assert dialog.remember()
    with qtbot.waitSignal(kit.login.signed_in, timeout=LONG):
        dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    posts = login_posts(server)
    assert len(posts) == 3 and posts[-1].form()["_pass"] == [PASSWORD]
    qtbot.waitUntil(lambda: kit.backend.entries.get((SERVICE_NAME, f"fake:{USER}")) == PASSWORD)
    qtbot.waitUntil(lambda: env.settings.get(keys.WEBMAIL_AUTO_LOGIN) is True)


def test_another_loopback_port_with_a_copied_form_gets_nothing(
        qtbot: QtBot, env: WebmailEnv, kits: list[Kit], server: LocalServer) -> None:
    other = LocalServer().start()
    try:
        other.route("/", lambda _r: copy_of_login_page(env.fake))
        other.route("/login", Response(body=b"thanks"))
        kit = make_kit(env, kits, saved=PASSWORD, auto=True, start_path="/links")
        with qtbot.waitSignal(kit.login.no_form_seen, timeout=LONG):
            kit.tab.activate()  # the provider's own page without a form: armed, waiting
        browser = kit.tab.browser
        assert browser is not None
        with qtbot.waitSignal(browser.load_finished, timeout=LONG) as loaded:
            browser.page.load(other.url("/"))  # same host, another port: the policy lets it in
        assert loaded.args == [True] and browser.page.title() == LOGIN_TITLE
        assert world_has_helper(qtbot, kit) == "undefined"  # nothing was injected
        assert kit.backend.threads == []  # and the keyring not asked

        # The provider's own page afterwards still signs in: the refusal was about the origin.
        with qtbot.waitSignal(kit.login.signed_in, timeout=LONG):
            browser.page.load(server.url("/"))
        assert [r.method for r in other.requests].count("POST") == 0
        assert all(PASSWORD.encode() not in r.body and PASSWORD not in r.path
                   for r in other.requests)
        assert len(login_posts(server)) == 1
    finally:
        other.stop()


def test_a_frame_of_another_origin_gets_nothing(qtbot: QtBot, env: WebmailEnv,
                                                kits: list[Kit], server: LocalServer) -> None:
    other = LocalServer().start()
    try:
        other.route("/", lambda _r: copy_of_login_page(env.fake))
        other.route("/login", Response(body=b"thanks"))
        frame = (f"<!doctype html><title>Framed</title><h1>Mail</h1>"
                 f"<iframe src='{other.url('/')}' width='600' height='400'></iframe>")
        server.route("/framed", Response(body=frame.encode()))
        kit = make_kit(env, kits, saved=PASSWORD, auto=True, start_path="/framed")
        with qtbot.waitSignal(kit.login.no_form_seen, timeout=LONG):
            kit.tab.activate()
        assert other.requests_for("/")  # the frame did load
        assert other.requests_for("/login") == []
        assert login_posts(server) == []
        assert kit.backend.threads == []
    finally:
        other.stop()


# --- capture -------------------------------------------------------------------------------------

def type_into_page(qtbot: QtBot, kit: Kit) -> None:
    """What a person does: fill the fields and press the button (in the page's own world)."""
    assert kit.tab.browser is not None
    script = (f"document.getElementById('rcmloginuser').value = '{USER}';"
              f"document.getElementById('rcmloginpwd').value = '{PASSWORD}';"
              "document.getElementById('rcmloginsubmit').click();")
    kit.tab.browser.page.runJavaScript(script, 0)


def test_typed_password_is_offered_once_and_stored(qtbot: QtBot, screenshots: Path,
                                                   env: WebmailEnv,
                                                   kits: list[Kit]) -> None:
    kit = make_kit(env, kits)
    with qtbot.waitSignal(kit.login.form_found, timeout=LONG):
        kit.tab.activate()
    with qtbot.waitSignal(kit.login.prompt_shown, timeout=LONG) as shown:
        type_into_page(qtbot, kit)
    box = shown.args[0]
    assert isinstance(box, QMessageBox)
    assert box.windowTitle() == "Remember password?"
    assert USER in box.text()
    assert [b.text() for b in box.buttons()].count("Never for this address") == 1
    box.grab().save(str(screenshots / "remember-prompt.png"))
    box.findChild(object, "yes").click()  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: kit.backend.entries.get((SERVICE_NAME, f"fake:{USER}")) == PASSWORD)
    assert env.settings.get(keys.WEBMAIL_ACCOUNTS) == '{"fake": "jan"}'
    qtbot.waitUntil(lambda: env.settings.get(keys.WEBMAIL_AUTO_LOGIN) is True)
    assert kit.login.prompt is None


def test_never_for_this_address_is_remembered_and_saves_nothing(
        qtbot: QtBot, env: WebmailEnv, kits: list[Kit]) -> None:
    kit = make_kit(env, kits)
    with qtbot.waitSignal(kit.login.form_found, timeout=LONG):
        kit.tab.activate()
    with qtbot.waitSignal(kit.login.prompt_shown, timeout=LONG) as shown:
        type_into_page(qtbot, kit)
    shown.args[0].findChild(object, "never").click()
    assert env.settings.get(keys.WEBMAIL_NEVER_SAVE) == '{"fake": ["jan"]}'
    assert kit.backend.entries == {}
    assert "jan" not in env.settings.get(keys.WEBMAIL_ACCOUNTS)


# --- forget --------------------------------------------------------------------------------------

def test_forget_removes_the_password_and_signs_out(qtbot: QtBot, screenshots: Path,
                                                   env: WebmailEnv,
                                                   kits: list[Kit]) -> None:
    kit = make_kit(env, kits, saved=PASSWORD, auto=True)
    with qtbot.waitSignal(kit.login.signed_in, timeout=LONG):
        kit.tab.activate()
    page = CredentialsPage(env.settings, kit.login)
    qtbot.addWidget(page)
    assert page.account.currentText() == "Fake webmail — jan"
    assert page.auto_login.isChecked()
    page.cookies.setChecked(True)
    page.show()
    page.grab().save(str(screenshots / "credentials-page.png"))
    with qtbot.waitSignal(kit.tab.title_changed, timeout=LONG,
                          check_params_cb=lambda title: title == LOGIN_TITLE):
        page.forget_button.click()
    qtbot.waitUntil(lambda: page.result.text() == "Forgotten.")
    assert kit.backend.entries == {}
    assert env.settings.get(keys.WEBMAIL_ACCOUNTS) == "{}"
    assert page.account.currentText() == "Fake webmail"


# --- no keyring, in the whole application ---------------------------------------------------------

def test_without_a_keyring_the_app_says_so_and_signs_in_without_remembering(
        qtbot: QtBot, make_app: AppFactory, server: LocalServer, profile_dir: Path,
        screenshots: Path) -> None:
    fake = FakeWebmail(server, password=PASSWORD)
    paths = app_paths.resolve(profile_dir).ensure()
    fake.write_provider_file(paths.config)
    settings = Settings(paths.settings_file)
    settings.set(keys.WEBMAIL_PROVIDER, "fake")
    settings.set(keys.LANGUAGE, "en")  # the words asserted below are the English source
    settings.sync()
    application = make_app(tab="webmail")
    login = application.webmail_feature.login
    login.credentials.store.set_backend(fail.Keyring())  # pinned, whatever the machine has
    tab = application.webmail_feature.tab
    qtbot.waitUntil(lambda: tab.title == LOGIN_TITLE, timeout=LONG)

    application.window.action_login.trigger()  # Webmail → Sign in…
    dialog = login.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.keyring_note.isVisible())
    assert "No keyring is available on this computer" in dialog.keyring_note.text()
    assert "You can still sign in" in dialog.keyring_note.text()
    assert not dialog.remember_box.isEnabled() and not dialog.remember()
    dialog.grab().save(str(screenshots / "login-dialog-no-keyring.png"))
    dialog.address_edit.setText(USER)
    dialog.password_edit.setText(PASSWORD)
    dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: tab.unread == 2, timeout=LONG)  # signed in all the same
    assert [r.form() for r in server.requests_for("/login") if r.method == "POST"] == [
        {"_user": [USER], "_pass": [PASSWORD]}]
    application.window.show_tab("news")  # and the rest of the app carries on
    assert application.window.current_tab() == "news"
    application.settings.sync()
    assert application.settings.get(keys.WEBMAIL_AUTO_LOGIN) is False
    # Nothing written anywhere: no file of the profile holds the password (web profile included).
    for path in profile_dir.rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path


def test_a_script_driven_login_without_a_form_is_signed_in_by_its_button(
        qtbot: QtBot, env: WebmailEnv, kits: list[Kit], server: LocalServer) -> None:
    # OX-like fields outside any <form>; the page's own click handler posts with fetch().
    page = """<!doctype html><title>OX App Suite</title>
<input id="io-ox-login-username" type="text"><input id="io-ox-login-password" type="password">
<button id="io-ox-login-button" type="button">Sign in</button>
<script>
document.getElementById('io-ox-login-button').addEventListener('click', function () {
  var body = new URLSearchParams({
    _user: document.getElementById('io-ox-login-username').value,
    _pass: document.getElementById('io-ox-login-password').value});
  fetch('/login', {method: 'POST', body: body}).then(function () { location.href = '/'; });
});
</script>"""
    server.route("/spa", Response(body=page.encode()))
    kit = make_kit(env, kits, saved=PASSWORD, auto=True, start_path="/spa")
    with qtbot.waitSignal(kit.login.signed_in, timeout=LONG):
        kit.tab.activate()
    assert kit.kinds == ["ox"]
    assert [p.form() for p in login_posts(server)] == [{"_user": [USER], "_pass": [PASSWORD]}]
    qtbot.waitUntil(lambda: kit.tab.unread == 2)


def test_sign_in_button_on_the_webmail_tab_opens_the_dialog(
        qtbot: QtBot, env: WebmailEnv, kits: list[Kit]) -> None:
    from PySide6.QtGui import QAction

    kit = make_kit(env, kits)
    kit.tab.activate()
    assert kit.tab.browser is not None
    action = kit.tab.browser.findChild(QAction, "signIn")
    assert action is not None and action in kit.tab.browser.toolbar.actions()
    with qtbot.waitSignal(kit.login.dialog_shown) as shown:
        action.trigger()
    dialog = shown.args[0]
    assert dialog.windowTitle() == "Sign in to Fake webmail"
    dialog.reject()
    assert kit.login.dialog is None


def test_settings_dialog_has_the_sign_in_page(qtbot: QtBot, make_app: AppFactory) -> None:


    application = make_app()
    pages = settings_pages_shown_by(application.open_settings)
    assert pages == ["GeneralPage", "NewsSettingsPage", "TraySettingsPage",
                     "WebmailSettingsPage", "CredentialsPage"]


# --- the password goes nowhere but the provider ---------------------------------------------

LOOKALIKE_CASES = ("form action elsewhere", "button formaction elsewhere", "307 answer elsewhere",
                   "get form here", "get form elsewhere", "form changed while filled")


@pytest.mark.parametrize("case", LOOKALIKE_CASES)
def test_a_saved_password_never_reaches_a_lookalike_or_an_address(
        qtbot: QtBot, env: WebmailEnv, kits: list[Kit], server: LocalServer,
        profile_dir: Path, case: str) -> None:
    lookalike = LocalServer().start()  # same host, another port: another program
    try:
        lookalike.route("/steal", Response(body=b"thanks"))
        paths = env.fake.add_lookalike_logins(lookalike.origin)
        kit = make_kit(env, kits, saved=PASSWORD, auto=True, start_path=paths[case])
        kit.tab.activate()
        browser = kit.tab.browser
        assert browser is not None
        # The form is found (or refused before filling), and whatever the page then tries,
        # the password stays home: wait until the page settled after any attempt.
        qtbot.waitUntil(lambda: bool(kit.kinds), timeout=LONG)
        qtbot.wait(1500)
        leaked = [r for r in lookalike.requests
                  if carries_secret(r.path, PASSWORD) or carries_secret(r.body.decode(), PASSWORD)]
        assert leaked == [], case
        assert not any(carries_secret(r.path, PASSWORD) for r in server.requests)  # no address
        assert not carries_secret(browser.page.url().toString(), PASSWORD)
    finally:
        lookalike.stop()
    kit.close()
    kits.remove(kit)
    # Nor in Chromium's disk cache or any other file of the web profile, in any spelling.
    spellings = [PASSWORD.encode(), quote(PASSWORD, safe="").encode(),
                 quote_plus(PASSWORD).encode()]
    for path in (profile_dir / "web").rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert not any(spelling in content for spelling in spellings), path


def test_a_redirect_of_our_post_elsewhere_is_stopped_with_words(
        qtbot: QtBot, env: WebmailEnv, kits: list[Kit], server: LocalServer) -> None:
    lookalike = LocalServer().start()
    try:
        lookalike.route("/steal", Response(body=b"thanks"))
        paths = env.fake.add_lookalike_logins(lookalike.origin)
        kit = make_kit(env, kits, saved=PASSWORD, auto=True,
                       start_path=paths["307 answer elsewhere"])
        messages: list[str] = []
        kit.tab.status_message.connect(messages.append)
        kit.tab.activate()
        qtbot.waitUntil(lambda: kit.tab.title == "Signing in was stopped", timeout=LONG)
        assert any("tried to send your password" in m for m in messages)
        assert [r.path for r in server.requests_for("/login-307")] == ["/login-307"]
        assert lookalike.requests == []  # the redirected POST was never sent
    finally:
        lookalike.stop()


# --- a provider that says no, logout, expiry --------------------------------------------------

def test_a_saved_password_that_stopped_working_is_asked_for_and_not_tried_again(
        qtbot: QtBot, env: WebmailEnv, kits: list[Kit], server: LocalServer) -> None:
    kit = make_kit(env, kits, saved="oud-wachtwoord", auto=True)
    with qtbot.waitSignal(kit.login.gave_up, timeout=LONG):
        kit.tab.activate()
    assert [r.method for r in login_posts(server)] == ["POST", "POST"]  # each answered 401
    assert kit.login.dialog is not None and "did not work" in kit.login.dialog.message.text()
    kit.login.dialog.reject()
    kit.close()
    kits.remove(kit)
    # The next start asks at once instead of trying the refused password once more.
    again = Kit(env, kit.backend)
    kits.append(again)
    with qtbot.waitSignal(again.login.dialog_shown, timeout=LONG) as shown:
        again.tab.activate()
    assert "did not work" in shown.args[0].message.text()
    assert len(login_posts(server)) == 2


def test_a_typo_in_the_dialog_is_one_post_and_never_saved(
        qtbot: QtBot, env: WebmailEnv, kits: list[Kit], server: LocalServer) -> None:
    kit = make_kit(env, kits)
    with qtbot.waitSignal(kit.login.form_found, timeout=LONG):
        kit.tab.activate()
    kit.login.sign_in()
    dialog = kit.login.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: not kit.service.busy)
    dialog.address_edit.setText(USER)
    dialog.password_edit.setText("Zeeuws-Meisje-7?")  # one character off
    assert dialog.remember()
    with qtbot.waitSignal(kit.login.dialog_shown, timeout=LONG) as again:
        dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    assert len(login_posts(server)) == 1  # one attempt from the dialog is one POST
    assert (SERVICE_NAME, f"fake:{USER}") not in kit.backend.entries  # the typo is not kept
    assert env.settings.get(keys.WEBMAIL_AUTO_LOGIN) is False
    second = again.args[0]
    assert "did not work" in second.message.text()
    qtbot.waitUntil(lambda: not kit.service.busy)
    second.address_edit.setText(USER)
    second.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(kit.login.signed_in, timeout=LONG):
        second.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: kit.backend.entries.get((SERVICE_NAME, f"fake:{USER}")) == PASSWORD)
    qtbot.waitUntil(lambda: env.settings.get(keys.WEBMAIL_AUTO_LOGIN) is True)
    assert len(login_posts(server)) == 2


def test_logout_sticks_and_every_expired_session_signs_in_again(
        qtbot: QtBot, env: WebmailEnv, kits: list[Kit], server: LocalServer) -> None:
    kit = make_kit(env, kits, saved=PASSWORD, auto=True)
    with qtbot.waitSignal(kit.login.signed_in, timeout=LONG):
        kit.tab.activate()
    browser = kit.tab.browser
    assert browser is not None
    for _expiry in range(2):  # "Your session is invalid or expired.", twice in one run
        env.fake.expire_sessions()
        with qtbot.waitSignal(kit.login.signed_in, timeout=LONG):
            browser.reload()
    assert len(login_posts(server)) == 3
    # The user signs out: the login page comes, and nothing signs in by itself.
    with qtbot.waitSignal(kit.login.form_found, timeout=LONG):
        browser.page.load(QUrl(server.url("/?_task=logout")))
    assert env.fake.logouts == 1
    with qtbot.waitSignal(kit.login.form_found, timeout=LONG):
        browser.reload()
    qtbot.wait(500)
    assert len(login_posts(server)) == 3
    assert kit.tab.unread == 0  # the count is unknown once signed out


def test_the_webmail_menu_reloads_and_signs_out_on_the_page_in_front(
        qtbot: QtBot, make_app: AppFactory, server: LocalServer, profile_dir: Path) -> None:
    fake = FakeWebmail(server, password=PASSWORD)
    paths = app_paths.resolve(profile_dir).ensure()
    fake.write_provider_file(paths.config)
    settings = Settings(paths.settings_file)
    settings.set(keys.WEBMAIL_PROVIDER, "fake")
    settings.sync()
    application = make_app(tab="webmail")
    tab = application.webmail_feature.tab
    qtbot.waitUntil(lambda: tab.title == LOGIN_TITLE, timeout=LONG)
    window = application.window
    assert window.webmail_actions["signout"].isEnabled()
    loads = len(server.requests_for("/"))
    refreshes: list[object] = []
    application.news.refresh_started.connect(lambda: refreshes.append(True))
    window.action_refresh.trigger()  # F5 / Ctrl+R with the webmail in front
    qtbot.waitUntil(lambda: len(server.requests_for("/")) == loads + 1, timeout=LONG)
    assert refreshes == []  # the webmail reloaded, the news did not
    window.webmail_actions["signout"].trigger()
    qtbot.waitUntil(lambda: fake.logouts == 1, timeout=LONG)
    window.show_tab("news")  # on the news tab the page's items are off: Ctrl+F is the news'
    assert not window.webmail_actions["find"].isEnabled()
    assert not window.webmail_actions["signout"].isEnabled()


def test_the_webmail_toolbar_is_reached_with_tab(qtbot: QtBot, env: WebmailEnv,
                                                 kits: list[Kit]) -> None:
    from PySide6.QtWidgets import QToolButton, QWidget

    kit = make_kit(env, kits)
    kit.tab.activate()
    assert kit.tab.browser is not None
    buttons = kit.tab.browser.toolbar.findChildren(QToolButton)
    named = {b.accessibleName() for b in buttons if b.focusPolicy() & Qt.FocusPolicy.TabFocus}
    # The sign-in button comes after the toolbar was built: it is reached all the same.
    assert {"Back", "Reload", "Smaller text (Ctrl+minus)", "Larger text (Ctrl+plus)",
            "Sign in with your e-mail address and password"} <= named
    spacers = [w for w in kit.tab.browser.toolbar.findChildren(QWidget)
               if not isinstance(w, QToolButton) and w.focusPolicy() != Qt.FocusPolicy.NoFocus]
    assert spacers == []  # Tab never stops on the toolbar's empty space
