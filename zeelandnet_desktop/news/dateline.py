"""Split a news lead into its dateline and the text after it.

Agency copy opens with `SEOUL/VLADIVOSTOK (ANP/RTR/AFP) - Text`, regional copy with
`DOMBURG - Text`. The places are in capitals; that is what tells a dateline apart from an ordinary
sentence that happens to contain a dash ("Het kabinet - zo lijkt het - ...").

Agency copy can open with a note to editors before the dateline: "N i e u w bericht, vervangt:
<old headline>" (ANP letter-spaces the first word), "Correctie: ...", "Herhaling", "Vervangt
bericht van 14.02 uur". Such a note is set apart as `notice`, so it neither hides the dateline
nor becomes the lead. It ends where the dateline starts, else at the end of its line.
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
# A note's keyword counts only with the punctuation (or capitals) agencies give it, so a lead
# that happens to open with the word ("Correctie op de beurs houdt aan") stays a lead.
_NOTICE = re.compile(
    r"""^[\s(\[*]*(?:
        (?:nieuw\s+bericht | vervangend\s+bericht | correctie | rectificatie | herhaling
           | gecorrigeerde?\s+(?:bericht|versie) | herhaald\s+bericht)\s*(?:[:,;.)\]]|$)
        | vervangt\s*(?::|\s(?:bericht|eerder|versie))
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_NOTICE_CAPS = re.compile(r"^[\s(\[*]*(?:NIEUW BERICHT|CORRECTIE|RECTIFICATIE|HERHALING)\b")
# Notes that are only a marker, with nothing after them that belongs to the note.
_BARE_MARKER = re.compile(r"^[\s(\[*]*herhaling\b[\s)\]*:.]*", re.IGNORECASE)
_LETTER_SPACED = re.compile(r"(?<!\S)(?:[^\W\d_] ){2,}[^\W\d_](?!\S)")
# Where a dateline could start inside a note's line: after a space or closing punctuation.
_START = re.compile(rf"(?<=[\s.:;)\]])(?=[(['’{_CAP}])")
_NOTICE_END = " \t-–—:;,"


@dataclass(frozen=True)
class Dateline:
    places: tuple[str, ...]
    agencies: tuple[str, ...]
    rest: str  # the lead without notice and dateline (the whole text when there were none)
    notice: str = ""  # an agency's note that came before the dateline


def split_dateline(text: str) -> Dateline:
    """Places, agencies, the rest of `text` and any agency notice before the dateline; no
    dateline → empty tuples and the text (without the notice) itself."""
    notice, body = strip_notice(text.strip())
    found = _dateline(body)
    if found is None:
        return Dateline((), (), body, notice)
    places, agencies, rest = found
    return Dateline(places, agencies, rest, notice)


def _dateline(text: str) -> tuple[tuple[str, ...], tuple[str, ...], str] | None:
    match = _DATELINE.match(text)
    if not match or not (match.group("places") or match.group("agencies")):
        return None
    places_text = match.group("places") or ""
    places = tuple(p.strip() for p in places_text.split("/") if p.strip())
    if any(len(p) < 2 for p in places):
        return None
    agencies_text = match.group("agencies") or ""
    agencies = tuple(a.strip() for a in re.split(r"[/,]", agencies_text) if a.strip())
    return places, agencies, match.group("rest").strip()


def opens_with_notice(line: str) -> bool:
    """Whether `line` opens with an agency's note to editors."""
    joined = _joined(line)
    return bool(_NOTICE.match(joined) or _NOTICE_CAPS.match(joined))


def _joined(text: str) -> str:
    return _LETTER_SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)


def strip_notice(text: str) -> tuple[str, str]:
    """(notice, the text after it, dateline included); ("", text) when the text opens with no
    agency note."""
    line, newline, after = text.partition("\n")
    if not opens_with_notice(line):
        return "", text
    for start in _START.finditer(line):
        candidate = line[start.start():] + newline + after
        if _dateline(candidate) is not None:
            return _tidy(line[: start.start()]), candidate.strip()
    if newline and after.strip():
        return _tidy(line), after.strip()
    marker = _BARE_MARKER.match(line)
    if marker and line[marker.end():].strip():
        return _tidy(marker.group(0)), line[marker.end():].strip()
    return "", text  # a note with no clear end: keep the text whole rather than lose the lead


def _tidy(notice: str) -> str:
    notice = _joined(notice).strip(_NOTICE_END)
    if notice[:1] in "([" and notice[-1:] in ")]":
        notice = notice[1:-1].strip(_NOTICE_END)
    return notice
