"""The sign-in rule, table-driven: a story of events in, the actions that must come out."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from zeelandnet_desktop.mail import signin as rule
from zeelandnet_desktop.mail.credentials import Account, Problem, Secret

ADDRESS = "jan@zeelandnet.nl"
ACCOUNT = Account("zeelandnet", ADDRESS)
SAVED = Secret(ACCOUNT, "opgeslagen")
TYPED = Secret(ACCOUNT, "getypt")

FORM = rule.FormFound("roundcube", auto_login=True, address=ADDRESS)
FORM_NO_AUTO = rule.FormFound("roundcube", auto_login=False, address=ADDRESS)
FORM_UNKNOWN = rule.FormFound("roundcube", auto_login=True, address="")
LOADED = rule.SavedPasswordLoaded(SAVED)
SUBMITTED = rule.FillAnswered("submitted")
ACCEPTED = [rule.SignedIn(), rule.RememberAddress(ACCOUNT), rule.ClearRejected(ACCOUNT)]


@dataclass(frozen=True)
class Step:
    event: rule.Event
    actions: list[rule.Action]


STORIES: dict[str, list[Step]] = {
    "a saved password signs in on a new page": [
        Step(rule.PageAdopted(auto_login=True), []),
        Step(FORM, [rule.LoadSavedPassword(ACCOUNT)]),
        Step(LOADED, [rule.Fill(SAVED)]),
        Step(SUBMITTED, []),
        Step(rule.NoForm(), ACCEPTED),
    ],
    "automatic sign-in off asks the keyring nothing": [
        Step(rule.PageAdopted(auto_login=False), []),
        Step(FORM_NO_AUTO, []),
    ],
    "no remembered address: nothing to load": [
        Step(rule.PageAdopted(auto_login=True), []),
        Step(FORM_UNKNOWN, []),
    ],
    "a wrong password is tried once more, then the user is asked": [
        Step(rule.PageAdopted(auto_login=True), []),
        Step(FORM, [rule.LoadSavedPassword(ACCOUNT)]),
        Step(LOADED, [rule.Fill(SAVED)]),
        Step(FORM, [rule.LoadSavedPassword(ACCOUNT)]),
        Step(LOADED, [rule.Fill(SAVED)]),
        Step(FORM, [rule.GaveUp(2), rule.MarkRejected(ACCOUNT),
                    rule.AskCredentials(failed=True)]),
        Step(FORM, []),  # given up: no third try by itself
    ],
    "a saved password refused last time is not tried again by itself, the user is asked once": [
        Step(rule.PageAdopted(auto_login=True), []),
        Step(rule.FormFound("roundcube", True, ADDRESS, rejected=True),
             [rule.AskCredentials(failed=True)]),
        Step(rule.FormFound("roundcube", True, ADDRESS, rejected=True), []),
    ],
    "every expired session signs in again": [
        Step(rule.PageAdopted(auto_login=True), []),
        Step(FORM, [rule.LoadSavedPassword(ACCOUNT)]),
        Step(LOADED, [rule.Fill(SAVED)]),
        Step(rule.NoForm(), ACCEPTED),
        Step(FORM, [rule.LoadSavedPassword(ACCOUNT)]),  # "Your session is invalid or expired."
        Step(LOADED, [rule.Fill(SAVED)]),
        Step(rule.NoForm(), ACCEPTED),
        Step(FORM, [rule.LoadSavedPassword(ACCOUNT)]),  # and the next time too
    ],
    "already signed in at start, the session expires: signed in again": [
        Step(rule.PageAdopted(auto_login=True), []),
        Step(rule.NoForm(), []),
        Step(FORM, [rule.LoadSavedPassword(ACCOUNT)]),
    ],
    "the user's logout sticks until they ask": [
        Step(rule.PageAdopted(auto_login=True), []),
        Step(rule.NoForm(), []),
        Step(rule.LoggedOut(), []),
        Step(FORM, []),
        Step(FORM, []),
        Step(rule.DialogAccepted(TYPED, remember=False, had_saved=False, on_provider_page=True),
             [rule.LookAgain()]),
        Step(FORM, [rule.Fill(TYPED)]),
    ],
    "a fill that did not submit does not count as an attempt": [
        Step(rule.PageAdopted(auto_login=True), []),
        Step(FORM, [rule.LoadSavedPassword(ACCOUNT)]),
        Step(LOADED, [rule.Fill(SAVED)]),
        Step(rule.FillAnswered("no-form"), []),
        Step(rule.NoForm(), []),  # not our submission: not "signed in by us"
    ],
    "the keyring failing is said, nothing filled": [
        Step(rule.PageAdopted(auto_login=True), []),
        Step(FORM, [rule.LoadSavedPassword(ACCOUNT)]),
        Step(rule.SavedPasswordLoaded(None, Problem.LOCKED), [rule.ShowProblem(Problem.LOCKED)]),
    ],
    "a typed password is offered once it worked, and kept on yes": [
        Step(rule.PageAdopted(auto_login=False), []),
        Step(FORM_NO_AUTO, []),
        Step(rule.Captured(TYPED), []),
        Step(rule.NoForm(), [rule.CheckOffer(TYPED)]),
        Step(rule.OfferChecked(TYPED, None), [rule.AskRemember(TYPED)]),
        Step(rule.RememberAnswered(TYPED, rule.RememberChoice.YES),
             [rule.RememberAddress(ACCOUNT), rule.SavePassword(TYPED)]),
    ],
    "the same password already saved: only the address is remembered": [
        Step(rule.PageAdopted(auto_login=False), []),
        Step(rule.Captured(SAVED), []),
        Step(rule.NoForm(), [rule.CheckOffer(SAVED)]),
        Step(rule.OfferChecked(SAVED, SAVED), [rule.RememberAddress(ACCOUNT)]),
    ],
    "a typed password that failed is not offered": [
        Step(rule.PageAdopted(auto_login=False), []),
        Step(rule.Captured(TYPED), []),
        Step(FORM_NO_AUTO, []),  # back to the form: it did not work
        Step(rule.NoForm(), []),
    ],
    "never for this address is kept, and not asked again": [
        Step(rule.PageAdopted(auto_login=False), []),
        Step(rule.Captured(TYPED), []),
        Step(rule.NoForm(), [rule.CheckOffer(TYPED)]),
        Step(rule.OfferChecked(TYPED, None), [rule.AskRemember(TYPED)]),
        Step(rule.RememberAnswered(TYPED, rule.RememberChoice.NEVER),
             [rule.NeverSave(ACCOUNT)]),
        Step(rule.PageAdopted(auto_login=False), []),
        Step(rule.Captured(TYPED), []),
        Step(rule.NoForm(), []),
    ],
    "asked once per address and run": [
        Step(rule.Captured(TYPED), []),
        Step(rule.NoForm(), [rule.CheckOffer(TYPED)]),
        Step(rule.OfferChecked(TYPED, None), [rule.AskRemember(TYPED)]),
        Step(rule.RememberAnswered(TYPED, rule.RememberChoice.NO), []),
        Step(rule.Captured(TYPED), []),
        Step(rule.NoForm(), []),
    ],
    "no keyring: nothing offered": [
        Step(rule.Captured(TYPED), []),
        Step(rule.NoForm(), [rule.CheckOffer(TYPED)]),
        Step(rule.OfferChecked(TYPED, None, Problem.NO_KEYRING), []),
        Step(rule.PageAdopted(auto_login=False), []),
        Step(rule.Captured(Secret(Account("zeelandnet", "piet@zeelandnet.nl"), "x")), []),
        Step(rule.NoForm(), []),
    ],
    "our own submission is never offered as typed": [
        Step(rule.PageAdopted(auto_login=True), []),
        Step(FORM, [rule.LoadSavedPassword(ACCOUNT)]),
        Step(LOADED, [rule.Fill(SAVED)]),
        Step(rule.Captured(SAVED), []),
        Step(rule.NoForm(), ACCEPTED),
    ],
    "the dialog's password fills the form, and is kept only once it worked": [
        Step(rule.PageAdopted(auto_login=False), []),
        Step(rule.DialogAccepted(TYPED, remember=True, had_saved=False, on_provider_page=True),
             [rule.LookAgain()]),
        Step(FORM_NO_AUTO, [rule.Fill(TYPED)]),
        Step(rule.NoForm(), [*ACCEPTED, rule.SavePassword(TYPED)]),
        Step(FORM_NO_AUTO, []),  # the dialog's password was used once, not kept in memory
    ],
    "a typo in the dialog gets one submission and is never stored": [
        Step(rule.DialogAccepted(TYPED, remember=True, had_saved=True, on_provider_page=True),
             [rule.LookAgain()]),
        Step(FORM_NO_AUTO, [rule.Fill(TYPED)]),
        Step(FORM_NO_AUTO, [rule.GaveUp(1), rule.AskCredentials(failed=True)]),
        Step(FORM_NO_AUTO, []),
    ],
    "not remembered in the dialog removes the saved one once the new one worked": [
        Step(rule.DialogAccepted(TYPED, remember=False, had_saved=True, on_provider_page=False),
             [rule.GoHome()]),
        Step(FORM_NO_AUTO, [rule.Fill(TYPED)]),
        Step(rule.NoForm(), [*ACCEPTED, rule.DeletePassword(ACCOUNT)]),
    ],
    "the dialog's password survives a new page": [
        Step(rule.DialogAccepted(TYPED, remember=False, had_saved=False, on_provider_page=False),
             [rule.GoHome()]),
        Step(rule.PageAdopted(auto_login=False), []),
        Step(FORM_NO_AUTO, [rule.Fill(TYPED)]),
    ],
    "forgetting disarms": [
        Step(rule.PageAdopted(auto_login=True), []),
        Step(rule.Forgotten("zeelandnet"), []),
        Step(FORM, []),
    ],
}


@pytest.mark.parametrize("story", sorted(STORIES))
def test_story(story: str) -> None:
    signin = rule.SigninRule("zeelandnet")
    for number, step in enumerate(STORIES[story], 1):
        assert signin.handle(step.event) == step.actions, f"step {number}: {step.event}"


def test_no_secret_in_the_rules_repr() -> None:
    signin = rule.SigninRule("zeelandnet")
    signin.handle(rule.DialogAccepted(TYPED, remember=False, had_saved=False,
                                      on_provider_page=True))
    assert "getypt" not in repr(signin)
    assert "getypt" not in repr(rule.Fill(TYPED))
