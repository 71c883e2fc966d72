"""Translations: `build` compiles resources/translations/*.ts to .qm (run by make and packaging);
`update` rescans the sources with lupdate and fills the messages that still lack a translation
from the TSVs of English<TAB>Dutch lines given, or from the same English elsewhere in the .ts;
`check` lists what is untranslated (exit 1 if any).

The .ts file is the source of truth and is edited as text; .qm files are build output.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
TS_FILE = TS_DIR / "zeelandnet_desktop_nl.ts"
SOURCES = ROOT / "zeelandnet_desktop"


def _tool(name: str) -> str:
    folder = Path(sys.executable).parent  # the venv's bin/ (Scripts\ on Windows)
    here = next((folder / f for f in (name, f"{name}.exe") if (folder / f).exists()), None)
    found = str(here) if here else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def python_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py"))


def build() -> int:
    for ts in sorted(TS_DIR.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
                       check=True)
    return 0


def lupdate(target: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lupdate"), "-silent", "-locations", "none", "-no-obsolete",
         *python_sources(), "-ts", str(target)],
        check=True, cwd=ROOT,
    )


def unfinished(ts: Path) -> list[tuple[str, str]]:
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished",
                                                                  "obsolete"):
                if translation is not None and translation.get("type") in ("vanished",
                                                                           "obsolete"):
                    continue
                missing.append((name, message.findtext("source") or ""))
            elif not (translation.text or "").strip() and not list(translation):
                missing.append((name, message.findtext("source") or ""))
    return missing


def fill(ts: Path, table: dict[str, str]) -> int:
    tree = ET.parse(ts)
    filled = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") != "unfinished":
            continue
        if source in table:
            translation.text = table[source]
            del translation.attrib["type"]
            filled += 1
    ET.indent(tree)
    with open(ts, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
    return filled


def read_table(path: Path) -> dict[str, str]:
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line and not line.startswith("#"):
            english, dutch = line.split("\t", 1)
            table[english.replace("\\n", "\n")] = dutch.replace("\\n", "\n")
    return table


def known_translations(ts: Path) -> dict[str, str]:
    """source -> Dutch of every finished message, whatever its context: a string that moved to
    another class keeps its translation."""
    known: dict[str, str] = {}
    if not ts.exists():
        return known
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.get("type") is None and translation.text:
            known.setdefault(message.findtext("source") or "", translation.text)
    return known


def update(tables: list[str]) -> int:
    table: dict[str, str] = known_translations(TS_FILE)
    lupdate(TS_FILE)
    for name in tables:
        table.update(read_table(Path(name)))
    print(f"filled {fill(TS_FILE, table)} messages")
    return check()


def check() -> int:
    """Untranslated messages in the .ts, and strings in the code that the .ts lacks."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.ts"
        if TS_FILE.exists():
            shutil.copy(TS_FILE, fresh)
        lupdate(fresh)
        missing = unfinished(fresh)
    for context, source in missing:
        print(f"untranslated: [{context}] {source!r}")
    return 1 if missing else 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("build", "update", "check"):
        print(__doc__)
        return 2
    if argv[0] == "build":
        return build()
    if argv[0] == "update":
        return update(argv[1:])
    return check()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
