"""Answer attempts: recording a self-graded answer (once per submission, with its FSRS review) and
the word diff between two attempts."""

from __future__ import annotations

import bisect
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


# The diff runs in O(n log n) whatever two answers hold: words that occur once in both answers anchor
# the alignment (patience diff, a few rounds), and only the short gaps between anchors are compared
# word by word; a longer gap shows as removed-then-added. Answers are cut at MAX_DIFF_CHARS.
MAX_DIFF_CHARS = 20_000
ANCHOR_ROUNDS = 3
MAX_GAP_CELLS = 10_000
_TOKEN = re.compile(r"\s+|\S+")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level diff of two answers: ("equal" | "delete" | "insert", text) runs, whitespace kept."""
    a, b = _TOKEN.findall(old[:MAX_DIFF_CHARS]), _TOKEN.findall(new[:MAX_DIFF_CHARS])
    ops: list[tuple[str, list[str]]] = []
    _diff(a, 0, len(a), b, 0, len(b), ANCHOR_ROUNDS, ops)
    # The diff names spans of tokens (each a fresh slice), not single tokens; each run's text is joined once.
    runs: list[tuple[str, list[str]]] = []
    for op, tokens in ops:
        if not tokens:
            continue
        if runs and runs[-1][0] == op:
            runs[-1][1].extend(tokens)
        else:
            runs.append((op, tokens))
    return [(op, "".join(tokens)) for op, tokens in runs]


def _diff(a, a_lo, a_hi, b, b_lo, b_hi, rounds, ops) -> None:
    """Append the ("equal" | "delete" | "insert", tokens) spans turning a[a_lo:a_hi] into b[b_lo:b_hi]."""
    start = a_lo
    while a_lo < a_hi and b_lo < b_hi and a[a_lo] == b[b_lo]:
        a_lo, b_lo = a_lo + 1, b_lo + 1
    ops.append(("equal", a[start:a_lo]))
    end = a_hi
    while a_hi > a_lo and b_hi > b_lo and a[a_hi - 1] == b[b_hi - 1]:
        a_hi, b_hi = a_hi - 1, b_hi - 1
    anchors = _unique_anchors(a, a_lo, a_hi, b, b_lo, b_hi) if rounds else []
    if anchors:
        for i, j in anchors:
            _diff(a, a_lo, i, b, b_lo, j, rounds - 1, ops)
            ops.append(("equal", a[i : i + 1]))
            a_lo, b_lo = i + 1, j + 1
        _diff(a, a_lo, a_hi, b, b_lo, b_hi, rounds - 1, ops)
    elif (a_hi - a_lo) * (b_hi - b_lo) <= MAX_GAP_CELLS:
        matcher = difflib.SequenceMatcher(a=a[a_lo:a_hi], b=b[b_lo:b_hi], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                ops.append(("equal", a[a_lo + i1 : a_lo + i2]))
                continue
            ops.append(("delete", a[a_lo + i1 : a_lo + i2]))
            ops.append(("insert", b[b_lo + j1 : b_lo + j2]))
    else:
        ops.append(("delete", a[a_lo:a_hi]))
        ops.append(("insert", b[b_lo:b_hi]))
    ops.append(("equal", a[a_hi:end]))


def _unique_anchors(a, a_lo, a_hi, b, b_lo, b_hi) -> list[tuple[int, int]]:
    """Positions (i, j) of tokens found exactly once in each side, longest run in the same order."""
    seen_a: dict[str, int] = {}
    for i in range(a_lo, a_hi):
        seen_a[a[i]] = -1 if a[i] in seen_a else i
    seen_b: dict[str, int] = {}
    for j in range(b_lo, b_hi):
        if seen_a.get(b[j], -1) >= 0:
            seen_b[b[j]] = -1 if b[j] in seen_b else j
    pairs = [(seen_a[t], j) for t, j in seen_b.items() if j >= 0]
    pairs.sort(key=lambda pair: pair[1])
    # Longest increasing subsequence of the a-positions (patience sorting), O(n log n).
    tops: list[int] = []
    top_index: list[int] = []
    back: list[int] = []
    for index, (i, _j) in enumerate(pairs):
        pile = bisect.bisect_left(tops, i)
        back.append(top_index[pile - 1] if pile else -1)
        if pile == len(tops):
            tops.append(i)
            top_index.append(index)
        else:
            tops[pile], top_index[pile] = i, index
    chain, index = [], top_index[-1] if top_index else -1
    while index >= 0:
        chain.append(pairs[index])
        index = back[index]
    return chain[::-1]
