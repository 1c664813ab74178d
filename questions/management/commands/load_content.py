from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from questions.content import ContentError, load_content


class Command(BaseCommand):
    help = "Validate fixtures/*.yaml against the table of contents and load them (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(settings.STUDYHUB_FIXTURES_DIR), help="Fixture folder.")

    def handle(self, *args, **options):
        directory = Path(options["dir"])
        try:
            report = load_content(directory)
        except ContentError as error:
            raise CommandError(
                f"Content not loaded ({len(error.errors)} problem(s), nothing changed):\n"
                + "\n".join(f"  - {line}" for line in error.errors)
            ) from None
        except FileNotFoundError as error:
            raise CommandError(f"Content not loaded: {error}") from None
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
