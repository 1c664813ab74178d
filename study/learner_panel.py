"""The learner's side of a question page: their card, attempts, points kept missing, note, bookmark."""

from __future__ import annotations

from study import planning
from study.models import Attempt, Bookmark, CardState, Note, StudySettings
from study.planning import Limits
from study.scheduling import CardFields
from study.weak_points import repeatedly_missed

ATTEMPTS_SHOWN = 20


def learner_panel(user, question) -> dict:
    """The learner's side of a question page: card (and when the plan has it due), recent attempts,
    points kept missing, note, bookmark."""
    card = CardState.objects.filter(user=user, question=question).first()
    limits = Limits.of(StudySettings.for_user(user))
    return {
        "card": card,
        "next_review": planning.due(CardFields.from_model(card), limits) if card else None,
        "attempts": list(
            Attempt.objects.filter(user=user, question=question).order_by("-created_at", "-id")[
                :ATTEMPTS_SHOWN
            ]
        ),
        "missed_ids": repeatedly_missed(user, question),
        "note": Note.objects.filter(user=user, question=question).first(),
        "bookmarked": Bookmark.objects.filter(user=user, question=question).exists(),
    }
