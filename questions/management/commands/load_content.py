from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from questions.content import ContentError, load_content


class Command(BaseCommand):
    help = "Validate fixtures/*.yaml against the table of contents and load them (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(settings.STUDYHUB_FIXTURES_DIR), help="Fixture folder.")
        parser.add_argument(
            "--force", action="store_true", help="Overwrite edits made in the admin since the last load."
        )

    def handle(self, *args, **options):
        directory = Path(options["dir"])
        try:
            report = load_content(directory, force=options["force"])
        except ContentError as error:
            raise CommandError(
                f"Content not loaded ({len(error.errors)} problem(s), nothing changed):\n"
                + "\n".join(f"  - {line}" for line in error.errors)
            ) from None
        except FileNotFoundError as error:
            raise CommandError(f"Content not loaded: {error}") from None
        if report.conflicts:
            # Not an error: `make run` loads on every start and must go on serving the edited content.
            self.stderr.write(
                self.style.WARNING(
                    f"Content not loaded: {len(report.conflicts)} field(s) were edited in the admin since "
                    "the last load and differ from the files (nothing changed). Export the edits with "
                    "`manage.py export_content DIR`, or overwrite them with --force:\n"
                    + "\n".join(f"  - {line}" for line in report.conflicts)
                )
            )
            return
        verbosity = options["verbosity"]
        if verbosity > 1:
            for line in report.created:
                self.stdout.write(f"  created {line}", self.style.SUCCESS)
        if verbosity > 0:
            for line in report.updated:
                self.stdout.write(f"  updated {line}", self.style.WARNING)
        for number in report.missing_from_files if verbosity > 0 else []:
            self.stdout.write(
                self.style.WARNING(f"  Q{number} is in the database but in no fixture file (kept)")
            )
        if verbosity > 0:
            self.stdout.write(
                f"Content loaded: {len(report.created)} created, {len(report.updated)} updated, "
                f"{report.unchanged} unchanged."
            )
