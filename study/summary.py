"""Today's study summary, shown when the queue is empty."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, Sum

from study.models import ReviewLog


@dataclass(frozen=True)
class DaySummary:
    by_rating: dict[str, int]
    reviews: int
    seconds: int  # time spent reviewing
    next_due: datetime | None


def day_summary(user, since: datetime, next_due: datetime | None) -> DaySummary:
    """Reviews since `since` by rating and time spent; `next_due`: when the queue's next card comes due."""
    labels = dict(ReviewLog.Rating.choices)
    totals = ReviewLog.objects.filter(user=user, reviewed_at__gte=since).aggregate(
        duration=Sum("duration_ms"),
        **{f"rating_{value}": Count("id", filter=Q(rating=value)) for value in labels},
    )
    duration = totals.pop("duration") or 0
    # Labels in the interface language, after the query: an alias cannot depend on the language.
    by_rating = {str(label): totals[f"rating_{value}"] for value, label in labels.items()}
    return DaySummary(
        by_rating=by_rating,
        reviews=sum(by_rating.values()),
        seconds=round(duration / 1000),
        next_due=next_due,
    )
