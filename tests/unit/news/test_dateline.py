from __future__ import annotations

import pytest

from zeelandnet_desktop.news.dateline import split_dateline

CASES = [
    (
        "SEOUL/VLADIVOSTOK (ANP/RTR/AFP) - Noord-Korea vuurt raketten af.",
        ("SEOUL", "VLADIVOSTOK"),
        ("ANP", "RTR", "AFP"),
        "Noord-Korea vuurt raketten af.",
    ),
    ("DOMBURG - Het strand is schoon.", ("DOMBURG",), (), "Het strand is schoon."),
    ("DEN HAAG (ANP) – Het kabinet valt.", ("DEN HAAG",), ("ANP",), "Het kabinet valt."),
    ("ANKARA (ANP/AFP) — Aardbeving.", ("ANKARA",), ("ANP", "AFP"), "Aardbeving."),
    ("'S-HERTOGENBOSCH - Carnaval.", ("'S-HERTOGENBOSCH",), (), "Carnaval."),
    (
        "ELLEWOUTSDIJK/TERNEUZEN - Tunnel dicht.",
        ("ELLEWOUTSDIJK", "TERNEUZEN"),
        (),
        "Tunnel dicht.",
    ),
    ("SÃO PAULO (Reuters) - Regen.", ("SÃO PAULO",), ("Reuters",), "Regen."),
    ("(ANP) - Alleen een bureau.", (), ("ANP",), "Alleen een bureau."),
    ("  VLISSINGEN  -  Spaties rondom.", ("VLISSINGEN",), (), "Spaties rondom."),
    # Not datelines: no capitals, a name in mixed case, a hyphenated word, nothing at all.
    ("Het kabinet - zo lijkt het - wil door.", (), (), "Het kabinet - zo lijkt het - wil door."),
    ("Mark Rutte - de premier - zwijgt.", (), (), "Mark Rutte - de premier - zwijgt."),
    ("NAVO-top begint maandag.", (), (), "NAVO-top begint maandag."),
    ("Gewoon een zin zonder dateline.", (), (), "Gewoon een zin zonder dateline."),
    ("", (), (), ""),
]


@pytest.mark.parametrize(("text", "places", "agencies", "rest"), CASES)
def test_split_dateline(
    text: str, places: tuple[str, ...], agencies: tuple[str, ...], rest: str
) -> None:
    dateline = split_dateline(text)
    assert dateline.places == places
    assert dateline.agencies == agencies
    assert dateline.rest == rest


NOTICES = [
    (
        "N i e u w bericht, vervangt: FNV staat alleen met ultimatum aan PostNL\n"
        "UTRECHT (ANP) - FNV kondigt werkonderbrekingen aan.",
        ("UTRECHT",), ("ANP",), "FNV kondigt werkonderbrekingen aan.",
        "Nieuw bericht, vervangt: FNV staat alleen met ultimatum aan PostNL",
    ),
    (
        "Correctie: DEN HAAG (ANP) - Het kabinet valt.",
        ("DEN HAAG",), ("ANP",), "Het kabinet valt.", "Correctie",
    ),
    (
        "Correctie: in een eerdere versie stond een verkeerde naam. GOES - De raad stemt in.",
        ("GOES",), (), "De raad stemt in.",
        "Correctie: in een eerdere versie stond een verkeerde naam.",
    ),
    (
        "(Nieuw bericht, vervangt eerdere versie) DEN HAAG (ANP) - Het kabinet valt.",
        ("DEN HAAG",), ("ANP",), "Het kabinet valt.", "Nieuw bericht, vervangt eerdere versie",
    ),
    (
        "Vervangt bericht van 14.02 uur. AMSTERDAM (ANP/RTR) - Brand in de haven.",
        ("AMSTERDAM",), ("ANP", "RTR"), "Brand in de haven.", "Vervangt bericht van 14.02 uur.",
    ),
    ("HERHALING ROTTERDAM (ANP) - Haven.", ("ROTTERDAM",), ("ANP",), "Haven.", "HERHALING"),
    ("(Herhaling)\nVLISSINGEN - Kade.", ("VLISSINGEN",), (), "Kade.", "Herhaling"),
    ("Herhaling: het kabinet valt.", (), (), "het kabinet valt.", "Herhaling"),
    # Leads that merely open with such a word are leads.
    ("Herhaling van 2016 dreigt.", (), (), "Herhaling van 2016 dreigt.", ""),
    (
        "Correctie op de beurs houdt aan\nDe AEX daalt.",
        (), (), "Correctie op de beurs houdt aan\nDe AEX daalt.", "",
    ),
    # A note with no clear end: the text stays whole rather than lose the lead.
    (
        "Correctie: in een eerdere versie stond een verkeerde naam.",
        (), (), "Correctie: in een eerdere versie stond een verkeerde naam.", "",
    ),
]


@pytest.mark.parametrize(("text", "places", "agencies", "rest", "notice"), NOTICES)
def test_an_agency_notice_is_set_apart_from_the_dateline(
    text: str, places: tuple[str, ...], agencies: tuple[str, ...], rest: str, notice: str
) -> None:
    dateline = split_dateline(text)
    assert (dateline.places, dateline.agencies) == (places, agencies)
    assert dateline.rest == rest
    assert dateline.notice == notice
