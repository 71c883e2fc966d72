"""Split a news lead into its dateline and the text after it.

Agency copy opens with `SEOUL/VLADIVOSTOK (ANP/RTR/AFP) - Text`, regional copy with
`DOMBURG - Text`. The places are in capitals; that is what tells a dateline apart from an ordinary
sentence that happens to contain a dash ("Het kabinet - zo lijkt het - ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Capital letters incl. accented ones (Dutch and foreign place names: "SÃO PAULO", "'S-GRAVENHAGE").
_CAP = r"A-ZÀ-ÖØ-Þ"
_PLACE = rf"['’]?[{_CAP}](?:[{_CAP}'’.\- ]*[{_CAP}.])?"
_DATELINE = re.compile(
    rf"""^\s*
    (?P<places>{_PLACE}(?:\s*/\s*{_PLACE})*)?      # one or more places, split by slashes
    \s*
    (?:\((?P<agencies>[{_CAP}][A-Za-z]*(?:\s*[/,]\s*[{_CAP}][A-Za-z]*)*)\))?
    \s*[-–—]\s+                                    # hyphen, en dash or em dash
    (?P<rest>.*)$""",
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Dateline:
    places: tuple[str, ...]
    agencies: tuple[str, ...]
    rest: str  # the lead without the dateline (the whole text when there was none)


def split_dateline(text: str) -> Dateline:
    """Places, agencies and the rest of `text`; no dateline → empty tuples and the text itself."""
    stripped = text.strip()
    match = _DATELINE.match(stripped)
    if not match or not (match.group("places") or match.group("agencies")):
        return Dateline((), (), stripped)
    places_text = match.group("places") or ""
    places = tuple(p.strip() for p in places_text.split("/") if p.strip())
    if any(len(p) < 2 for p in places):
        return Dateline((), (), stripped)
    agencies_text = match.group("agencies") or ""
    agencies = tuple(a.strip() for a in re.split(r"[/,]", agencies_text) if a.strip())
    return Dateline(places, agencies, match.group("rest").strip())
