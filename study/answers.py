"""Self-graded answer reviews: hint matching, suggested ratings, and the key points a learner misses.

Plain functions: no requests. The hint is a transparent word match shown as a suggestion, never as
the grade. Korean attaches particles to words (경사하강법을, 경사하강법은), so Korean is compared by
character bigrams; English by lower-cased word stems.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Subquery

from questions.rendering import render_markdown
from study import reviews, scheduling
from study.models import AnswerDraft, Attempt, AttemptKeyPoint, Bookmark, CardState, Note
from study.scheduling import CardFields

HANGUL = re.compile(r"[가-힣]+")
LATIN_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
# Share of a key point's terms that must appear in the answer for the hint to tick it.
HINT_THRESHOLD = 0.6
STOPWORDS = frozenset(
    re.findall(
        r"\w+",
        """a an and are as at be by for from in into is it its of on or that the their then this to with
        when which while than each per via not no can use uses used using""",
    )
)


def stem(word: str) -> str:
    """A light English stemmer: enough to match 'regularised' with 'regularization'."""
    for suffix in (
        "ization",
        "isation",
        "ations",
        "ation",
        "izing",
        "ising",
        "ized",
        "ised",
        "izes",
        "ises",
        "ize",
        "ise",
        "ing",
        "ies",
        "ied",
        "ed",
        "es",
        "ly",
        "s",
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


# Common particles and endings; stripping one from a word's end drops bigrams like "법을" that only
# say which particle followed, so 경사하강법을 and 경사하강법은 both reduce to 경사하강법.
KOREAN_ENDINGS = tuple(
    sorted(
        re.findall(
            r"\S+",
            """은 는 이 가 을 를 의 에 로 와 과 도 만 에서 에게 으로 이다 이며 이고 한다 된다 하다 하고 하며
            해서 하면 합니다 됩니다 입니다 다""",
        ),
        key=len,
        reverse=True,
    )
)


def korean_bigrams(text: str) -> set[str]:
    grams = set()
    for run in HANGUL.findall(text):
        for ending in KOREAN_ENDINGS:
            if run.endswith(ending) and len(run) - len(ending) >= 2:
                run = run[: -len(ending)]
                break
        if len(run) == 1:
            grams.add(run)
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def english_stems(text: str) -> set[str]:
    return {stem(w) for w in LATIN_WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 1}


def terms(text: str) -> set[str]:
    """The comparable terms of a text: Korean bigrams plus English stems."""
    return korean_bigrams(text) | english_stems(text)


def hint_matches(answer: str, key_points: list[tuple[str, ...]]) -> list[bool]:
    """For each key point, given as its texts in each language, whether the answer seems to cover it.

    A point counts when most of the terms of any one of its texts appear in the answer.
    """
    answer_terms = terms(answer)

    def covers(text: str) -> bool:
        point_terms = terms(text)
        return bool(point_terms) and len(point_terms & answer_terms) / len(point_terms) >= HINT_THRESHOLD

    return [any(covers(text) for text in texts) for texts in key_points]


@dataclass(frozen=True)
class WeakPoint:
    key_point_id: int
    question_number: str
    text_ko: str
    text_en: str
    missed: int
    attempts: int


def weak_key_points(user, since: datetime | None = None, limit: int = 20) -> list[WeakPoint]:
    """The key points this learner missed most often in answer reviews (since `since`), one query."""
    marks = AttemptKeyPoint.objects.filter(attempt__user=user)
    if since is not None:
        marks = marks.filter(attempt__created_at__gte=since)
    rows = (
        marks.values(
            "key_point_id", "key_point__outline__question__number", "key_point__text_ko", "key_point__text_en"
        )
        .annotate(missed=Count("id", filter=Q(covered=False)), attempts=Count("id"))
        .filter(missed__gt=0)
        .order_by("-missed", "-attempts", "key_point_id")[:limit]
    )
    return [
        WeakPoint(
            row["key_point_id"],
            row["key_point__outline__question__number"],
            row["key_point__text_ko"],
            row["key_point__text_en"],
            row["missed"],
            row["attempts"],
        )
        for row in rows
    ]


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


def repeatedly_missed(user, question, window: int = 3, threshold: int = 2) -> set[int]:
    """Key point ids missed in at least `threshold` of the learner's last `window` attempts here."""
    recent = Attempt.objects.filter(user=user, question=question).order_by("-created_at", "-id")
    rows = (
        AttemptKeyPoint.objects.filter(attempt__in=Subquery(recent.values("id")[:window]), covered=False)
        .values("key_point_id")
        .annotate(missed=Count("id"))
        .filter(missed__gte=threshold)
    )
    return {row["key_point_id"] for row in rows}


def start_draft(user, question, now: datetime) -> AnswerDraft:
    """The learner's draft for this question, started now if there is none (the timer starts here)."""
    draft, _ = AnswerDraft.objects.get_or_create(user=user, question=question, defaults={"started_at": now})
    return draft


def save_draft(user, question, text: str, now: datetime) -> AnswerDraft:
    draft, created = AnswerDraft.objects.get_or_create(
        user=user, question=question, defaults={"started_at": now, "text": text}
    )
    if not created and draft.text != text:
        draft.text = text
        draft.save(update_fields=["text", "updated_at"])
    return draft


@dataclass(frozen=True)
class RecordedAttempt:
    attempt: Attempt
    created: bool
    notice: str | None = None


def record_attempt(
    user,
    question,
    key_points,
    answer: str,
    covered_ids: set[int],
    rating: int,
    submission,
    started_at: datetime,
    now: datetime,
    desired_retention: float,
) -> RecordedAttempt:
    """Store a graded answer once per submission: the attempt, its key-point marks and an FSRS review.

    The review goes through the same scheduling path as flashcards, so both modes share one card.
    A suspended card keeps the attempt but is not rescheduled.
    """
    existing = Attempt.objects.filter(user=user, submission=submission).first()
    if existing:
        return RecordedAttempt(existing, created=False, notice="That answer was already recorded.")
    hints = hint_matches(answer, [(kp.text_ko, kp.text_en) for kp in key_points])
    covered = [kp for kp in key_points if kp.pk in covered_ids]
    notice, log = None, None
    try:
        with transaction.atomic():
            card = CardState.objects.filter(user=user, question=question).first()
            before = CardFields.from_model(card) if card else CardFields()
            if before.suspended:
                notice = "This card is suspended, so the answer was saved without rescheduling it."
            else:
                ticket = reviews.CardTicket(user.pk, question.pk, before.reps, started_at.timestamp())
                _, log = reviews.grade(
                    user,
                    ticket,
                    rating,
                    now,
                    desired_retention,
                    card.pk if card else None,
                    before,
                    early_ok=True,
                )
            attempt = Attempt.objects.create(
                user=user,
                question=question,
                answer=answer,
                answer_html=render_markdown(answer),
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
            AnswerDraft.objects.filter(user=user, question=question).delete()
    except (IntegrityError, reviews.AlreadyGraded):
        # The same submission is being stored by another request (double click, retry).
        existing = Attempt.objects.filter(user=user, submission=submission).first()
        if existing is None:
            raise
        return RecordedAttempt(existing, created=False, notice="That answer was already recorded.")
    return RecordedAttempt(attempt, created=True, notice=notice)


ATTEMPTS_SHOWN = 20


def learner_panel(user, question) -> dict:
    """The learner's side of a question page: card, recent attempts, points kept missing, note, bookmark."""
    return {
        "card": CardState.objects.filter(user=user, question=question).first(),
        "attempts": list(
            Attempt.objects.filter(user=user, question=question).order_by("-created_at", "-id")[
                :ATTEMPTS_SHOWN
            ]
        ),
        "missed_ids": repeatedly_missed(user, question),
        "note": Note.objects.filter(user=user, question=question).first(),
        "bookmarked": Bookmark.objects.filter(user=user, question=question).exists(),
    }
