from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from editing.anki import LANGUAGES, build_deck
from questions.models import Chapter


class Command(BaseCommand):
    help = "Write the published questions as an Anki deck (.apkg); a newer deck updates the notes."

    def add_arguments(self, parser):
        parser.add_argument("output", help="The .apkg file to write.")
        parser.add_argument("--chapter", help="Only this chapter's questions (its number, e.g. 2).")
        parser.add_argument("--lang", choices=LANGUAGES, default="ko", help="The notes' language.")

    def handle(self, *args, **options):
        chapter = None
        if options["chapter"]:
            chapter = (
                Chapter.objects.exclude(kind=Chapter.Kind.GUIDE).filter(number=options["chapter"]).first()
            )
            if chapter is None:
                raise CommandError(f"No chapter {options['chapter']!r} with questions.")
        Path(options["output"]).write_bytes(build_deck(chapter, options["lang"]))
        self.stdout.write(f"Anki deck written to {options['output']}.")
