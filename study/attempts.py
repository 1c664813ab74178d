"""Answer attempts: recording a self-graded answer (once per submission, with its FSRS review) and
the word diff between two attempts."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from study import reviews, scheduling
from study.hints import hint_matches
from study.models import AnswerDraft, Attempt, AttemptKeyPoint, CardState
from study.planning import Limits
from study.scheduling import CardFields


@dataclass(frozen=True)
class RecordedAttempt:
    attempt: Attempt
    created: bool
    notice: str | None = None


def record_attempt(
    *,
    user,
    question,
    key_points,
    answer: str,
    covered_ids: set[int],
    rating: int,
    submission,
    started_at: datetime,
    now: datetime,
    limits: Limits,
    clear_draft: bool = True,
) -> RecordedAttempt:
    """Store a graded answer once per submission: the attempt, its key-point marks and an FSRS review.

    The review goes through the same scheduling path as flashcards, so both modes share one card.
    A suspended card keeps the attempt but is not rescheduled. The question's answer draft is done
    with, unless the answer was written elsewhere (`clear_draft=False`, a mock interview).
    """
    existing = Attempt.objects.filter(user=user, submission=submission).first()
    if existing:
        return RecordedAttempt(existing, created=False, notice=_("That answer was already recorded."))
    hints = hint_matches(answer, [(kp.text_ko, kp.text_en) for kp in key_points])
    covered = [kp for kp in key_points if kp.pk in covered_ids]
    notice, log = None, None
    try:
        with transaction.atomic():
            card = CardState.objects.filter(user=user, question=question).first()
            before = CardFields.from_model(card) if card else CardFields()
            if before.suspended:
                notice = _("This card is suspended, so the answer was saved without rescheduling it.")
            else:
                ticket = reviews.CardTicket(user.pk, question.pk, before.reps, started_at.timestamp())
                _outcome, log = reviews.grade(
                    user=user,
                    ticket=ticket,
                    rating=rating,
                    now=now,
                    limits=limits,
                    card_id=card.pk if card else None,
                    before=before,
                    early_ok=True,
                )
            attempt = Attempt.objects.create(
                user=user,
                question=question,
                answer=answer,
                duration_seconds=max(0, int((now - started_at).total_seconds())),
                covered_count=len(covered),
                key_point_count=len(key_points),
                suggested_rating=scheduling.suggest_rating(len(covered), len(key_points)),
                rating=rating,
                review_log=log,
                submission=submission,
                created_at=now,
            )
            AttemptKeyPoint.objects.bulk_create(
                AttemptKeyPoint(attempt=attempt, key_point=kp, covered=kp.pk in covered_ids, hinted=hint)
                for kp, hint in zip(key_points, hints, strict=True)
            )
            if clear_draft:
                AnswerDraft.objects.filter(user=user, question=question).delete()
    except (IntegrityError, reviews.AlreadyGraded):
        # The same submission is being stored by another request (double click, retry).
        existing = Attempt.objects.filter(user=user, submission=submission).first()
        if existing is None:
            raise
        return RecordedAttempt(existing, created=False, notice=_("That answer was already recorded."))
    return RecordedAttempt(attempt, created=True, notice=notice)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level diff of two answers: ("equal" | "delete" | "insert", text) runs, whitespace kept."""
    a, b = re.findall(r"\s+|\S+", old), re.findall(r"\s+|\S+", new)
    runs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op in ("equal", "delete", "replace") and i2 > i1:
            runs.append(("equal" if op == "equal" else "delete", "".join(a[i1:i2])))
        if op in ("insert", "replace") and j2 > j1:
            runs.append(("insert", "".join(b[j1:j2])))
    return runs
