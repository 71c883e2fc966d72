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
