"""A second, real process for webmail tests: a fresh interpreter with a WebmailTab on a profile.

    python -m tests.support.webmail_probe PROFILE_DIR

Prints one JSON line per fact: whether QtWebEngine was imported before/after activate(), and the
title and unread count once the provider's page has loaded (or a timeout). The provider must
already be chosen in the profile's settings.
"""

from __future__ import annotations

import json
import os
import sys


def _modules_loaded() -> bool:
    return "PySide6.QtWebEngineCore" in sys.modules


def main(profile: str, timeout_ms: int = 20_000) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS",
                          "--disable-background-networking --disable-component-update "
                          "--disable-gpu")
    from PySide6.QtCore import QCoreApplication, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from zeelandnet_desktop.services.webmail import WebmailService
    from zeelandnet_desktop.settings import Settings
    from zeelandnet_desktop.system import paths as app_paths
    from zeelandnet_desktop.ui.webmail.tab import WebmailTab

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication([])
    paths = app_paths.resolve(profile).ensure()
    settings = Settings(paths.settings_file)
    tab = WebmailTab(settings, WebmailService(settings, paths))
    tab.resize(900, 600)
    tab.show()
    print(json.dumps({"webengine_before_activate": _modules_loaded()}), flush=True)
    result: dict[str, object] = {"timeout": True}

    def finished(ok: bool) -> None:
        browser = tab.browser
        assert browser is not None
        if browser.page.isLoading():
            return
        result.update(timeout=False, ok=ok, title=tab.title, unread=tab.unread,
                      path=browser.page.url().path())
        app.quit()

    tab.activate()
    print(json.dumps({"webengine_after_activate": _modules_loaded()}), flush=True)
    assert tab.browser is not None
    tab.browser.load_finished.connect(finished)
    QTimer.singleShot(timeout_ms, app.quit)
    app.exec()
    print(json.dumps(result), flush=True)
    tab.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
