from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.management.commands.ensure_demo_user import DEMO_PASSWORD, DEMO_USERNAME
from progress.synthetic import save_history, simulate
from questions.models import KeyPoint, Question
from study.models import Attempt, CardState, ReviewLog, StudySettings

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Give a learner a realistic synthetic study history made with the real scheduler: "
        "reviews over past days, written answers, and card states matching the last reviews."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="Username; created if it does not exist.")
        parser.add_argument("--reviews", type=int, default=10_000, help="Number of reviews (default 10,000).")
        parser.add_argument(
            "--days", type=int, default=730, help="Days of history before today (default 730)."
        )
        parser.add_argument("--seed", type=int, default=7, help="Random seed, for a repeatable history.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the learner's reviews, cards and answers first (else such a learner is refused).",
        )

    def handle(self, *args, **options):
        reviews, days = options["reviews"], options["days"]
        if reviews < 1 or days < 1:
            raise CommandError("--reviews and --days must be at least 1.")
        questions = list(Question.objects.published().order_by("position"))
        if not questions:
            raise CommandError("No published questions: run `manage.py load_content` first.")
        user = self._learner(options["user"], options["replace"])
        study_settings = StudySettings.objects.get_or_create(user=user)[0]
        key_points = _key_points_by_question(questions)
        history = simulate(
            [len(points) for points in key_points],
            reviews=reviews,
            days=days,
            now=timezone.now(),
            time_zone=study_settings.time_zone,
            desired_retention=study_settings.desired_retention,
            new_per_day=study_settings.new_cards_per_day or 10,
            seed=options["seed"],
        )
        self._bar(0, reviews)
        written = save_history(user, questions, key_points, history, lambda done: self._bar(done, reviews))
        self.stdout.write("")
        attempts = Attempt.objects.filter(user=user).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"{user.username}: {written:,} reviews over {days} days, {attempts:,} written answers, "
                f"{len(questions)} cards."
            )
        )

    def _learner(self, username: str, replace: bool):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username)
            if username == DEMO_USERNAME:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
                self.stdout.write(f"Created {username} / {DEMO_PASSWORD}.")
            else:
                self.stdout.write(
                    f"Created {username} (no password: set one with `manage.py changepassword`)."
                )
            return user
        existing = ReviewLog.objects.filter(user=user).count()
        if (
            existing
            or CardState.objects.filter(user=user).exists()
            or Attempt.objects.filter(user=user).exists()
        ):
            if not replace:
                raise CommandError(
                    f"{username} already has {existing:,} reviews; pass --replace to delete their reviews, "
                    "cards and answers first."
                )
            Attempt.objects.filter(user=user).delete()
            ReviewLog.objects.filter(user=user).delete()
            CardState.objects.filter(user=user).delete()
            self.stdout.write(f"Deleted {username}'s {existing:,} reviews, cards and answers.")
        return user

    def _bar(self, done: int, total: int) -> None:
        filled = BAR_WIDTH * done // total
        line = f"\rSeeding [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done:,}/{total:,} reviews"
        self.stdout.write(line, ending="")
        self.stdout.flush()


def _key_points_by_question(questions) -> list[list[KeyPoint]]:
    by_question = {question.pk: [] for question in questions}
    for point in KeyPoint.objects.filter(outline__question__in=questions).select_related("outline"):
        by_question[point.outline.question_id].append(point)
    return [sorted(by_question[question.pk], key=lambda point: point.position) for question in questions]
