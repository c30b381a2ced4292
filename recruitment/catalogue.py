"""The staff UI's message catalogue: where it lives, how `make messages` regenerates it, and a small reader
of gettext PO files (the test that the catalogue is complete, tests/recruitment/test_catalogue.py)."""
import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

LANGUAGE = "en"
# What `make messages` passes to makemessages (Makefile) and what the catalogue test regenerates with.
MAKEMESSAGES_IGNORE = [".venv", "tests", "staticfiles", "media", "node_modules"]


def po_path(locale_dir: Path | None = None) -> Path:
    return Path(locale_dir or settings.LOCALE_PATHS[0]) / LANGUAGE / "LC_MESSAGES" / "django.po"


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return self.msgctxt, self.msgid

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr) and "fuzzy" not in self.flags


_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr)(?:\[\d+\])?\s+(".*")$')


def read_po(path: Path) -> list[Entry]:
    """The entries of a PO file as gettext writes it (entries separated by blank lines), the header included."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        entry, target = Entry(), None
        for raw in block.splitlines():
            line = raw.strip()
            if line.startswith("#~"):
                entry.obsolete, line = True, line[2:].strip()
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#") or not line:
                continue
            elif match := _KEYWORD.match(line):
                target, text = match.group(1), ast.literal_eval(match.group(2))
                if target == "msgstr":
                    entry.msgstr.append(text)
                else:
                    setattr(entry, target, text)
            elif target == "msgstr":
                entry.msgstr[-1] += ast.literal_eval(line)
            else:
                setattr(entry, target, getattr(entry, target) + ast.literal_eval(line))
        if target is not None:
            entries.append(entry)
    return entries


PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0+]*\d*(?:\.\d+)?[sdifr]|%[-#0+]*\d*(?:\.\d+)?[sdifr]|\{[A-Za-z_0-9.]*\}")


def placeholders(text: str) -> list[str]:
    """The placeholders a string fills in, sorted: %(name)s, %s, %d and {name}; "%%" is a literal percent."""
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))
