"""What the Webmail tab and Instellingen → Webmail say about checking for new mail: one plain
sentence per problem, without the words of the protocol. (Literal translate() calls, so
lupdate finds the strings.)"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...mail.watch import Problem
from ...services.mail_watch import WatchProblem


def problem_sentence(problem: WatchProblem) -> str:
    kind = problem.problem
    if kind is Problem.WRONG_PASSWORD:
        text = QCoreApplication.translate(
            "MailWatch",
            "New e-mail is not being checked: the mail server did not accept your password. "
            "Sign in to the webmail once with the right password and save it.")
    elif kind is Problem.UNREACHABLE:
        text = QCoreApplication.translate(
            "MailWatch",
            "New e-mail cannot be checked: the mail server %1 cannot be reached. Is the "
            "computer connected to the internet? It is tried again by itself.")
    elif kind is Problem.CERTIFICATE:
        text = QCoreApplication.translate(
            "MailWatch",
            "New e-mail is not being checked: the mail server %1 could not prove that it is "
            "the real one, so your password was not sent to it.")
    elif kind is Problem.TLS:
        text = QCoreApplication.translate(
            "MailWatch",
            "New e-mail is not being checked: no secure connection to the mail server %1 "
            "could be made, so your password was not sent to it.")
    elif kind is Problem.REFUSED:
        text = QCoreApplication.translate(
            "MailWatch",
            "New e-mail cannot be checked right now: the mail server %1 refused. It is tried "
            "again later.")
    else:
        text = QCoreApplication.translate(
            "MailWatch",
            "The connection to the mail server %1 was lost. It is tried again by itself.")
    return text.replace("%1", problem.host)


def missing_password_sentence() -> str:
    return QCoreApplication.translate(
        "MailWatch",
        "New e-mail is checked once your password is saved: sign in to the webmail and "
        "choose to remember the password.")


def no_server_sentence() -> str:
    return QCoreApplication.translate(
        "MailWatch", "Enter the mail server of your webmail to check for new e-mail.")
