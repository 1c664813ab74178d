"""Content as a zip of YAML files: the admin's export and its validated, all-or-nothing import."""

import io
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from questions.content import ContentError, LoadReport, load_content
from questions.content_files import GLOSSARY_FILE, TOC_FILE, content_files

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# Unpacked, the shipped content is under 2 MB; a file past this is not content (or is a zip bomb).
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_FILES = 40


def export_zip() -> bytes:
    """Every content file, written from the database, in one zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in sorted(content_files(Path(settings.STUDYHUB_FIXTURES_DIR)).items()):
            archive.writestr(name, text)
    return buffer.getvalue()


def _allowed(name: str) -> bool:
    return name in {GLOSSARY_FILE, TOC_FILE} or (
        name.startswith("chapter-") and name.endswith(".yaml") and "/" not in name and ".." not in name
    )


def import_zip(upload, size: int) -> LoadReport:
    """Load a zip of content files (as `export_zip` writes them) over the database, all or nothing.

    Raises ContentError naming the file, item and field of every problem; nothing is written then.
    The table of contents is always StudyHub's own: a zip's copy is ignored.
    """
    if size > MAX_UPLOAD_BYTES:
        raise ContentError(
            [
                _("the file is %(size)s KB; at most %(limit)s MB")
                % {"size": size // 1024, "limit": MAX_UPLOAD_BYTES // 1024 // 1024}
            ]
        )
    try:
        archive = zipfile.ZipFile(upload)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ContentError(
            [_("the file is not a zip of content files (export one to see the format)")]
        ) from None
    files = [m for m in members if not m.is_dir()]
    wrong = [m.filename for m in files if not _allowed(m.filename)]
    if wrong:
        raise ContentError(
            [
                _("%(name)s: not a content file (chapter-N.yaml or glossary.yaml)") % {"name": name}
                for name in wrong
            ]
        )
    if len(files) > MAX_FILES or sum(m.file_size for m in files) > MAX_UNPACKED_BYTES:
        raise ContentError([_("the zip is too large to be StudyHub content")])
    names = {m.filename for m in files}
    if GLOSSARY_FILE not in names or not any(name.startswith("chapter-") for name in names):
        raise ContentError([_("the zip must hold every chapter file and glossary.yaml, as the export does")])
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        for member in files:
            if member.filename == TOC_FILE:
                continue
            try:
                data = archive.read(member)
                text = data.decode("utf-8")
            except (zipfile.BadZipFile, OSError, UnicodeDecodeError, RuntimeError):
                raise ContentError(
                    [_("%(name)s: cannot be read as UTF-8 text") % {"name": member.filename}]
                ) from None
            (root / member.filename).write_text(text, encoding="utf-8")
        toc = Path(settings.STUDYHUB_FIXTURES_DIR) / TOC_FILE
        (root / TOC_FILE).write_text(toc.read_text(encoding="utf-8"), encoding="utf-8")
        # An editor importing files means them to replace the database's content.
        return load_content(root, force=True)
