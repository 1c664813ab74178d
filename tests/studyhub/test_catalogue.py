"""The Korean catalogue is complete, current and compiled: an untranslated, fuzzy or stale string fails."""

import ast
import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

LOCALE = settings.BASE_DIR / "locale"
PO = LOCALE / "ko" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def sources() -> list[Path]:
    """What makemessages reads (as `make messages` does): StudyHub's apps, its package and templates."""
    # An app is StudyHub's when it lives in the project, not in an installed package (a `.venv` in the
    # project holds Django's own apps under the same directory).
    own = [
        Path(app.path)
        for app in apps.get_app_configs()
        if Path(app.path).is_relative_to(settings.BASE_DIR) and "site-packages" not in Path(app.path).parts
    ]
    return [*own, settings.BASE_DIR / "studyhub", settings.BASE_DIR / "templates"]


def read_po(path: Path) -> dict:
    """{(context, msgid, msgid_plural): {"strings": [msgstr...], "fuzzy": bool}} without the header."""
    entries, entry, field = {}, None, None

    def close():
        if entry and entry.get("msgid"):
            key = (entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural"))
            strings = [entry[k] for k in sorted(k for k in entry if k.startswith("msgstr"))]
            entries[key] = {"strings": strings, "fuzzy": entry.get("fuzzy", False)}

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            close()
            entry, field = None, None
            continue
        entry = entry if entry is not None else {}
        if line.startswith("#,"):
            entry["fuzzy"] = "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += ast.literal_eval(line)
        else:
            field, _, value = line.partition(" ")
            entry[field] = ast.literal_eval(value)
    close()
    return entries


def test_every_string_is_translated_and_none_is_fuzzy():
    entries = read_po(PO)
    assert len(entries) > 400
    untranslated = [key for key, entry in entries.items() if not all(entry["strings"])]
    fuzzy = [key for key, entry in entries.items() if entry["fuzzy"]]
    assert untranslated == [] and fuzzy == []


def test_placeholders_survive_translation():
    import re

    named = re.compile(r"%\(\w+\)[sd]|\{\}")
    for (_, msgid, plural), entry in read_po(PO).items():
        wanted = set(named.findall(msgid)) | set(named.findall(plural or ""))
        for text in entry["strings"]:
            assert set(named.findall(text)) == wanted, msgid


def test_the_compiled_catalogue_matches_the_po_file():
    with MO.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    compiled = {key: value for key, value in catalog.items() if key != ""}
    expected = {}
    for (context, msgid, plural), entry in read_po(PO).items():
        key = f"{context}\x04{msgid}" if context else msgid
        if plural:
            for index, text in enumerate(entry["strings"]):
                expected[(key, index)] = text
        else:
            expected[key] = entry["strings"][0]
    assert compiled == expected, "run `make messages` to compile locale/ko/LC_MESSAGES/django.mo"


def test_the_catalogue_holds_exactly_the_strings_of_the_code(tmp_path):
    if shutil.which("xgettext") is None:
        if os.environ.get("STUDYHUB_REQUIRE_BROWSER"):
            pytest.fail("xgettext is missing: apt-get install gettext")
        pytest.skip("xgettext is missing (apt-get install gettext)")
    shutil.copy(settings.BASE_DIR / "manage.py", tmp_path / "manage.py")
    for source in sources():
        shutil.copytree(source, tmp_path / source.name, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "locale").mkdir()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "studyhub.settings", "DEBUG": "1", "DATABASE_URL": ""}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ko", "--no-location", "--verbosity", "0"],
        cwd=tmp_path,
        env=env,
        check=True,
    )
    fresh = set(read_po(tmp_path / "locale" / "ko" / "LC_MESSAGES" / "django.po"))
    committed = set(read_po(PO))
    assert sorted(fresh - committed, key=str) == [], "new strings: run `make messages` and translate them"
    assert sorted(committed - fresh, key=str) == [], "stale strings: run `make messages`"
