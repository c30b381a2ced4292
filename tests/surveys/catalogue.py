"""A small English gettext catalogue for tests, written as a compiled .mo file.

The project's English catalogue (locale/en) is built and translated separately; these tests need
to know which English a page must show, so they install their own few entries through
LOCALE_PATHS (Django's test signal clears the loaded catalogues when the setting changes).
"""
from __future__ import annotations

import struct
from pathlib import Path

import pytest

ENGLISH = {
    "Länken går inte längre att använda": "This link can no longer be used",
    "Skicka svar": "Send answer",
    "Tack för ditt svar": "Thank you for your answer",
    "Svara på frågan.": "Please answer the question.",
    "Ja": "Yes",
    "Nej": "No",
    "Hej %(name)s!": "Hello %(name)s!",
    "Svara på enkäten:": "Answer the survey:",
    "Svara på enkäten": "Answer the survey",
    "Hur tyckte du att rekryteringen av %(role)s gick?": "How did the recruitment of %(role)s go?",
    "Avregistrera dig från enkäter": "Unsubscribe from surveys",
}
HEADER = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n"


def write_mo(path: Path, messages: dict[str, str]) -> None:
    """A GNU .mo file (no hash table) holding `messages` and the charset header."""
    entries = sorted({"": HEADER, **messages}.items())
    ids = [k.encode() for k, _v in entries]
    strs = [v.encode() for _k, v in entries]
    count = len(entries)
    originals_at = 7 * 4
    translations_at = originals_at + count * 8
    data_at = translations_at + count * 8
    table, data = [], b""
    for blob in ids + strs:
        table.append((len(blob), data_at + len(data)))
        data += blob + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, count, originals_at, translations_at, 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + b"".join(struct.pack("<2I", *entry) for entry in table) + data)


@pytest.fixture
def english_catalogue(settings, tmp_path):
    """LOCALE_PATHS holds only a catalogue with `ENGLISH` (the entries these tests read)."""
    write_mo(tmp_path / "en" / "LC_MESSAGES" / "django.mo", ENGLISH)
    settings.LOCALE_PATHS = [str(tmp_path)]
    return ENGLISH
