from django.core.management.base import BaseCommand

from questions.analysis import analyser_name
from search.index import rebuild


class Command(BaseCommand):
    help = "Re-index every question and note for search (saves keep the index current; this is for repair)."

    def handle(self, *args, **options):
        questions, notes = rebuild()
        self.stdout.write(
            f"Indexed {questions} questions and {notes} notes (Korean analyser: {analyser_name()})."
        )
