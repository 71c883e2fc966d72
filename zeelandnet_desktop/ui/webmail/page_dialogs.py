"""The webmail page's own questions (alert, confirm, prompt, "leave this page?") in our words:
titled with the provider's name, not "Javascript Confirm - http://…", and always as plain text
(a page's message is never read as markup)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from ..dialogs import plain_title_bar

# QtWebEngine asks "leave this page?" (a page's beforeunload) through javaScriptConfirm with this
# text of its own; we put our own words on it.
_LEAVE_PAGE = "Are you sure you want to leave this page? Changes that you made may not be saved."


def _box(parent: QWidget | None, title: str, text: str,
         buttons: QMessageBox.StandardButton) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.NoIcon, title, "", buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setObjectName("webmailQuestion")
    return box


def alert(parent: QWidget | None, provider_name: str, message: str) -> None:
    box = _box(parent, provider_name, message, QMessageBox.StandardButton.Ok)
    box.setIcon(QMessageBox.Icon.Information)
    box.exec()


def confirm(parent: QWidget | None, provider_name: str, message: str) -> bool:
    translate = QCoreApplication.translate
    if message == _LEAVE_PAGE or message == translate("QWebEnginePage", _LEAVE_PAGE):
        box = _box(parent, provider_name,
                   translate("WebmailQuestions", "You have not finished what you were writing "
                             "in your webmail. Leave it anyway?"),
                   QMessageBox.StandardButton.NoButton)
        box.setIcon(QMessageBox.Icon.Warning)
        leave = box.addButton(translate("WebmailQuestions", "Leave"),
                              QMessageBox.ButtonRole.AcceptRole)
        stay = box.addButton(translate("WebmailQuestions", "Stay"),
                             QMessageBox.ButtonRole.RejectRole)
        leave.setObjectName("leave")
        stay.setObjectName("stay")
        box.setDefaultButton(stay)
        box.exec()
        return box.clickedButton() is leave
    box = _box(parent, provider_name, message,
               QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    box.setIcon(QMessageBox.Icon.Question)
    return box.exec() == QMessageBox.StandardButton.Ok


def prompt(parent: QWidget | None, provider_name: str, message: str,
           default: str) -> tuple[bool, str]:
    dialog = QInputDialog(parent)
    plain_title_bar(dialog)
    dialog.setWindowTitle(provider_name)
    dialog.setLabelText(message)
    dialog.setTextValue(default)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setObjectName("webmailQuestion")
    accepted = dialog.exec() == QInputDialog.DialogCode.Accepted
    return accepted, dialog.textValue() if accepted else ""
