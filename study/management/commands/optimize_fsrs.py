from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.utils import timezone

from study import personal_parameters
from study.personal_parameters import MIN_REVIEWS, NotEnoughReviews, OptimizerMissing


class Command(BaseCommand):
    help = (
        "Fit learners' own FSRS parameters from their review history with the fsrs optimizer, store them "
        f"and reschedule their cards. A fit needs {MIN_REVIEWS} reviews made a day or more after the "
        "card's previous one. Needs the `optimizer` extra (torch); run it from a shell or a timer, "
        "never from a web request."
    )

    def add_arguments(self, parser):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--user", help="The learner's username.")
        who.add_argument(
            "--all", action="store_true", help="Every learner with enough reviews (the others are skipped)."
        )

    def handle(self, *args, **options):
        User = get_user_model()
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No learner called {options['user']!r}.")
            try:
                self._optimize(user)
            except NotEnoughReviews as shortfall:
                raise CommandError(f"{user.username}: {shortfall}") from None
            return
        # Only learners with that many reviews at all can have that many a day apart.
        learners = (
            User.objects.annotate(reviews=Count("review_logs"))
            .filter(reviews__gte=MIN_REVIEWS)
            .order_by("username")
        )
        fitted = 0
        for user in learners:
            try:
                self._optimize(user)
                fitted += 1
            except NotEnoughReviews as shortfall:
                self.stdout.write(f"{user.username}: {shortfall}")
        self.stdout.write(self.style.SUCCESS(f"Personal parameters fitted for {fitted} learner(s)."))

    def _optimize(self, user):
        try:
            fit = personal_parameters.optimize(user, timezone.now())
        except OptimizerMissing as missing:
            raise CommandError(str(missing)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{user.username}: personal parameters fitted from {fit.reviews:,} reviews; "
                f"{fit.rescheduled:,} cards rescheduled."
            )
        )
