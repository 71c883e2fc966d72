"""Signing in to webmail, as a pure rule: events in, actions out. No Qt, no I/O.

The adapter (services/signin.py with the page helper in ui/webmail/signin.py) turns what the page,
the keyring and the user do into events, feeds them to `SigninRule.handle`, and carries out the
actions it gets back. Everything that decides — when to fill, when to stop trying, when to ask,
what to offer to remember — lives here, so it is tested table-driven without a browser.

Rules:
- The app fills and submits by itself only while *armed*: a new browser page with automatic
  sign-in on, or the user asked (the sign-in dialog). It stays armed after signing in, so every
  expired session signs in again; the user's own logout disarms it until they ask (Inloggen) or
  the next start.
- A saved password gets at most MAX_ATTEMPTS submissions; one the provider refused is not tried
  by itself again (not even at the next start) until the user gives one that works.
- A password typed into our dialog gets exactly one submission, and reaches the keyring only
  after the provider accepted it: a typo is never stored.
- A password typed into the page is offered to the keyring once it worked (the page moved on to
  one without a login form), once per address and run, never for an address on the never list.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from .credentials import Account, Problem, Secret

MAX_ATTEMPTS = 2  # our own submissions per sign-in: the first, and one retry, then ask the user


# --- events ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PageAdopted:
    """A new browser page on the provider's origin (the tab opened, or the provider changed)."""

    auto_login: bool


@dataclass(frozen=True)
class FormFound:
    """The page shows a login form. `address`: the one remembered for this provider ("");
    `rejected`: the provider refused that address's saved password last time."""

    kind: str
    auto_login: bool
    address: str
    rejected: bool = False


@dataclass(frozen=True)
class LoggedOut:
    """The user signed out (the provider's logout, or Webmail → Uitloggen)."""


@dataclass(frozen=True)
class NoForm:
    """The page shows no login form (the inbox, or a page without one)."""


@dataclass(frozen=True)
class FillAnswered:
    """What the page helper answered to a fill: "submitted", "no-form", "wrong-origin", …"""

    answer: str


@dataclass(frozen=True)
class SavedPasswordLoaded:
    """The keyring's answer to LoadSavedPassword."""

    secret: Secret | None
    problem: Problem | None = None


@dataclass(frozen=True)
class Captured:
    """The user typed and submitted a password in the page (not in our dialog)."""

    secret: Secret


@dataclass(frozen=True)
class OfferChecked:
    """The keyring's answer to CheckOffer: what is saved for that account now."""

    secret: Secret
    saved: Secret | None
    problem: Problem | None = None


class RememberChoice(enum.Enum):
    YES = "yes"
    NO = "no"
    NEVER = "never"


@dataclass(frozen=True)
class RememberAnswered:
    secret: Secret
    choice: RememberChoice


@dataclass(frozen=True)
class DialogAccepted:
    """The sign-in dialog: the address and password typed, and whether to keep it."""

    secret: Secret
    remember: bool
    had_saved: bool  # the keyring held a password for this account when the dialog opened
    on_provider_page: bool  # the browser shows a provider page now (else our local page)


@dataclass(frozen=True)
class Forgotten:
    """"Gegevens vergeten" for a provider."""

    provider_id: str


Event = (PageAdopted | FormFound | LoggedOut | NoForm | FillAnswered | SavedPasswordLoaded
         | Captured | OfferChecked | RememberAnswered | DialogAccepted | Forgotten)


# --- actions -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class LoadSavedPassword:
    account: Account


@dataclass(frozen=True)
class Fill:
    """Put the secret into the page's form and submit it (origin checked again by the adapter)."""

    secret: Secret


@dataclass(frozen=True)
class AskCredentials:
    """Open the sign-in dialog, saying why (`failed`: our submissions did not work)."""

    failed: bool


@dataclass(frozen=True)
class CheckOffer:
    """Load what is saved for this account, then answer OfferChecked."""

    secret: Secret


@dataclass(frozen=True)
class AskRemember:
    secret: Secret


@dataclass(frozen=True)
class SavePassword:
    secret: Secret


@dataclass(frozen=True)
class DeletePassword:
    account: Account


@dataclass(frozen=True)
class RememberAddress:
    account: Account


@dataclass(frozen=True)
class NeverSave:
    account: Account


@dataclass(frozen=True)
class MarkRejected:
    """Remember that the provider refused this account's saved password."""

    account: Account


@dataclass(frozen=True)
class ClearRejected:
    account: Account


@dataclass(frozen=True)
class ShowProblem:
    problem: Problem


@dataclass(frozen=True)
class SignedIn:
    pass


@dataclass(frozen=True)
class GaveUp:
    attempts: int


@dataclass(frozen=True)
class LookAgain:
    """Look for the login form on the current provider page again now."""


@dataclass(frozen=True)
class GoHome:
    """Leave our local page (not reachable, …) for the provider's start page."""


Action = (LoadSavedPassword | Fill | AskCredentials | CheckOffer | AskRemember | SavePassword
          | DeletePassword | RememberAddress | NeverSave | MarkRejected | ClearRejected
          | ShowProblem | SignedIn | GaveUp | LookAgain | GoHome)


# --- the rule ----------------------------------------------------------------------------------

@dataclass
class SigninRule:
    """The sign-in state of the one webmail page, and the rule that moves it."""

    provider_id: str
    never_save: frozenset[str] = frozenset()  # lower-case addresses
    keyring_missing: bool = False  # the keyring said NO_KEYRING: offering to remember is pointless
    armed: bool = False  # may submit by itself
    attempts: int = 0  # our submissions since the last success
    submitted_by_us: bool = False
    pending: Secret | None = field(default=None, repr=False)  # from our dialog; used, not kept
    keep_pending: bool = False  # the dialog said "remember": save it once it worked
    drop_saved: bool = False  # the dialog said "don't": delete the saved one once this worked
    filled: Secret | None = field(default=None, repr=False)  # what our last submission sent
    captured: Secret | None = field(default=None, repr=False)  # typed into the page
    offered: set[str] = field(default_factory=set)  # lower-case addresses asked about this run
    logged_out: bool = False  # the user signed out: nothing by ourselves until they ask
    asked_rejected: bool = False  # "your saved password did not work" was shown this run

    def handle(self, event: Event) -> list[Action]:
        method = getattr(self, "_on_" + type(event).__name__)
        actions: list[Action] = method(event)
        return actions

    # Each handler: one event. ---------------------------------------------------------------
    def _on_PageAdopted(self, event: PageAdopted) -> list[Action]:
        # A dialog's sign-in stays pending across a new page; everything else starts over.
        self.armed = self.pending is not None or event.auto_login
        self.attempts = 0
        self.submitted_by_us = False
        self.captured = None
        return []

    def _on_FormFound(self, event: FormFound) -> list[Action]:
        if self.captured is not None:
            self.captured = None  # the user's own sign-in came back: nothing to remember
            return []
        if self.submitted_by_us:
            self.submitted_by_us = False
            if self.pending is not None:  # the dialog's password was refused: ask again now
                return self._give_up()
            if self.attempts >= MAX_ATTEMPTS:
                return self._give_up()
        if self.pending is not None:
            return self._fill(self.pending)
        if self.logged_out or not (self.armed and event.auto_login) or not event.address:
            return []
        if event.rejected:
            # Last time the provider refused the saved password: ask, do not try it again.
            self.armed = False
            if self.asked_rejected:
                return []
            self.asked_rejected = True
            return [AskCredentials(failed=True)]
        return [LoadSavedPassword(Account(self.provider_id, event.address))]

    def _on_LoggedOut(self, _event: LoggedOut) -> list[Action]:
        self.logged_out = True
        self.armed = False
        self.submitted_by_us = False
        self.attempts = 0
        self.pending = self.captured = None
        return []

    def _on_SavedPasswordLoaded(self, event: SavedPasswordLoaded) -> list[Action]:
        if event.problem is not None:
            self.keyring_missing = event.problem is Problem.NO_KEYRING
            return [ShowProblem(event.problem)]
        if event.secret is None or not self.armed:
            return []
        return self._fill(event.secret)

    def _on_FillAnswered(self, event: FillAnswered) -> list[Action]:
        if event.answer != "submitted" and self.submitted_by_us:
            self.submitted_by_us = False
            self.attempts = max(0, self.attempts - 1)
        return []

    def _on_NoForm(self, _event: NoForm) -> list[Action]:
        actions: list[Action] = []
        if self.submitted_by_us:
            self.submitted_by_us = False
            self.attempts = 0
            actions.append(SignedIn())
            actions.extend(self._accepted())
        self.pending = None  # signed in (or already was): the dialog's password is done with
        self.keep_pending = self.drop_saved = False
        captured, self.captured = self.captured, None
        if captured is not None:
            actions.extend(self._offer(captured))
        return actions

    def _on_Captured(self, event: Captured) -> list[Action]:
        if self.submitted_by_us or not event.secret.password:
            return []
        self.captured = event.secret
        return []

    def _on_OfferChecked(self, event: OfferChecked) -> list[Action]:
        if event.problem is Problem.NO_KEYRING:
            self.keyring_missing = True
            return []
        if event.saved is not None and event.saved.password == event.secret.password:
            return [RememberAddress(event.secret.account)]
        return [AskRemember(event.secret)]

    def _on_RememberAnswered(self, event: RememberAnswered) -> list[Action]:
        if event.choice is RememberChoice.YES:
            return [RememberAddress(event.secret.account), SavePassword(event.secret)]
        if event.choice is RememberChoice.NEVER:
            self.never_save = self.never_save | {event.secret.account.address.lower()}
            return [NeverSave(event.secret.account)]
        return []

    def _on_DialogAccepted(self, event: DialogAccepted) -> list[Action]:
        # Nothing reaches the keyring yet: only once the provider accepted this password.
        self.pending = event.secret
        self.keep_pending = event.remember
        self.drop_saved = event.had_saved and not event.remember
        actions: list[Action] = []
        self.logged_out = False
        self.armed = True
        self.attempts = 0
        self.submitted_by_us = False
        self.captured = None
        actions.append(LookAgain() if event.on_provider_page else GoHome())
        return actions

    def _on_Forgotten(self, event: Forgotten) -> list[Action]:
        self.pending = self.captured = self.filled = None
        self.keep_pending = self.drop_saved = False
        self.armed = False
        if event.provider_id == self.provider_id:
            self.offered.clear()
            self.never_save = frozenset()
        return []

    # Helpers ----------------------------------------------------------------------------------
    def _fill(self, secret: Secret) -> list[Action]:
        self.attempts += 1
        self.submitted_by_us = True
        self.filled = secret
        return [Fill(secret)]

    def _accepted(self) -> list[Action]:
        """The provider accepted what we sent: now it may be kept (or the old one dropped)."""
        secret, self.filled = self.filled, None
        if secret is None:
            return []
        account = secret.account
        actions: list[Action] = [RememberAddress(account), ClearRejected(account)]
        if self.pending is not None and secret is self.pending:
            if self.keep_pending:
                actions.append(SavePassword(secret))
            elif self.drop_saved:
                actions.append(DeletePassword(account))  # "not remembered" means not kept
        return actions

    def _give_up(self) -> list[Action]:
        attempts = self.attempts
        from_dialog = self.pending is not None
        secret, self.filled = self.filled, None
        self.armed = False
        self.attempts = 0
        self.pending = None
        self.keep_pending = self.drop_saved = False
        actions: list[Action] = [GaveUp(attempts)]
        if secret is not None and not from_dialog:
            actions.append(MarkRejected(secret.account))  # the saved one: not again by itself
        actions.append(AskCredentials(failed=True))
        return actions

    def _offer(self, secret: Secret) -> list[Action]:
        address = secret.account.address.lower()
        if (not address or address in self.offered or address in self.never_save
                or self.keyring_missing):
            return []
        self.offered.add(address)
        return [CheckOffer(secret)]
