"""The English staff catalogue is complete (issue 17, "Languages"): `makemessages` run on the sources finds no
string that the committed locale/en/LC_MESSAGES/django.po leaves untranslated or fuzzy, the translations keep
their placeholders, and the committed django.mo is the compiled .po.

makemessages runs on a copy of the sources in a temporary directory (seeded with the committed .po), so the
working tree is never written. The gettext tools (xgettext, msgmerge, msgfmt) must be installed: CI installs
them (.ci/run); locally `apt-get install gettext`."""
import gettext
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from recruitment.catalogue import LANGUAGE, MAKEMESSAGES_IGNORE, placeholders, po_path, read_po

COMMITTED_PO = po_path()
COMMITTED_MO = COMMITTED_PO.with_suffix(".mo")
SHOWN = 25  # untranslated strings listed in a failure


def _require_gettext():
    missing = [tool for tool in ("xgettext", "msgmerge", "msgfmt") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"The gettext tools are missing ({', '.join(missing)}): apt-get install gettext", pytrace=False)


def _listing(entries) -> str:
    shown = "\n".join(f"  {e.msgid!r}" + (f" (context {e.msgctxt!r})" if e.msgctxt else "") for e in entries[:SHOWN])
    more = f"\n  … and {len(entries) - SHOWN} more" if len(entries) > SHOWN else ""
    return f"{shown}{more}\nRun `make messages`, translate in {COMMITTED_PO.relative_to(settings.BASE_DIR)}, " \
           "then `make messages` again (README \"Languages\")."


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    """The catalogue as `make messages` would leave it: the committed .po merged with what the sources mark now."""
    _require_gettext()
    assert COMMITTED_PO.exists(), f"{COMMITTED_PO} is missing: run `make messages`"
    copy = tmp_path_factory.mktemp("catalogue") / "src"
    shutil.copytree(settings.BASE_DIR, copy, symlinks=True,
                    ignore=shutil.ignore_patterns(*MAKEMESSAGES_IGNORE, ".git", "__pycache__", "*.mo", "db.sqlite3*"))
    here = Path.cwd()
    os.chdir(copy)
    try:
        with override_settings(LOCALE_PATHS=[copy / "locale"]):
            call_command("makemessages", locale=[LANGUAGE], ignore_patterns=MAKEMESSAGES_IGNORE, verbosity=0)
    finally:
        os.chdir(here)
    return read_po(po_path(copy / "locale"))


def _messages(entries):
    return [e for e in entries if e.msgid and not e.obsolete]


def test_every_string_the_sources_mark_is_translated(regenerated):
    untranslated = [e for e in _messages(regenerated) if not e.translated]
    assert not untranslated, f"{len(untranslated)} strings have no English translation (or a fuzzy one):\n" \
                             + _listing(untranslated)


def test_the_committed_catalogue_holds_what_the_sources_mark(regenerated):
    committed = {e.key for e in _messages(read_po(COMMITTED_PO))}
    current = _messages(regenerated)
    new = [e for e in current if e.key not in committed]
    assert not new, f"{len(new)} strings are not in the committed catalogue yet:\n" + _listing(new)
    stale = committed - {e.key for e in current}
    assert not stale, f"{len(stale)} translations are for strings the sources no longer have; run `make messages`"


def test_the_translations_keep_their_placeholders():
    mismatched = []
    for e in _messages(read_po(COMMITTED_PO)):
        sources = [e.msgid] if e.msgid_plural is None else [e.msgid, e.msgid_plural]
        for i, text in enumerate(e.msgstr):
            if not text:
                continue
            if e.msgid_plural is None:
                ok = placeholders(text) == placeholders(e.msgid)
            else:
                # a plural's singular may say "one" where the source counts: no placeholder the sources lack
                allowed = set(placeholders(e.msgid)) | set(placeholders(e.msgid_plural))
                ok = set(placeholders(text)) <= allowed and (i == 0 or set(placeholders(text)) == set(
                    placeholders(e.msgid_plural)))
            if not ok:
                mismatched.append(f"  {sources[min(i, len(sources) - 1)]!r} -> {text!r}")
    assert not mismatched, "Translations whose placeholders differ from the source:\n" + "\n".join(mismatched)


def test_msgfmt_accepts_the_catalogue(tmp_path):
    _require_gettext()
    checked = subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(COMMITTED_PO)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_the_committed_mo_is_the_compiled_po(tmp_path):
    _require_gettext()
    assert COMMITTED_MO.exists(), f"{COMMITTED_MO} is missing: run `make messages` and commit it"
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(COMMITTED_PO)], check=True)
    with COMMITTED_MO.open("rb") as committed, fresh.open("rb") as compiled:
        committed_catalog = gettext.GNUTranslations(committed)._catalog
        compiled_catalog = gettext.GNUTranslations(compiled)._catalog
    keys = committed_catalog.keys() | compiled_catalog.keys()
    differing = sorted(str(k) for k in keys if committed_catalog.get(k) != compiled_catalog.get(k))
    assert not differing, f"The committed django.mo is older than django.po ({len(differing)} strings differ): " \
                          f"run `make messages` and commit both. First: {differing[:5]}"
