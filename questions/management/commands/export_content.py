from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from questions.content_files import write_content


class Command(BaseCommand):
    help = "Write the database's content as YAML files that load_content reads back unchanged."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Folder to write (created if missing; files are replaced).")

    def handle(self, *args, **options):
        names = write_content(Path(options["directory"]), Path(settings.STUDYHUB_FIXTURES_DIR))
        self.stdout.write(f"Content exported: {len(names)} files in {options['directory']}.")
