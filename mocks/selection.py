"""Choosing a mock's questions: weighted towards the learner's weak spots, reproducible from a seed.

Pure: plain values in, plain values out. Every candidate starts with weight 1, so any published
question can come up; each weak spot adds to it:

- low recall: 4 × (1 − FSRS recall now, under the learner's own parameters), for a card studied before;
- recent lapses: 1.5 per time the card was forgotten in review lately (at most 4);
- key points often missed: 0.5 per key point missed in written answers (at most 10);
- never attempted: 2.5 for a question never studied nor answered.

Questions asked in the learner's last mocks are left out unless too few others remain. Questions are
drawn without replacement with probability proportional to weight (Efraimidis–Spirakis: each gets the
key u^(1/weight), u uniform from the seeded generator, and the largest keys win), so one seed always
gives the same round. The largest term names the reason shown in the report.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

BASE_WEIGHT = 1.0
RECALL_WEIGHT = 4.0
LAPSE_WEIGHT, MAX_LAPSES = 1.5, 4
MISSED_WEIGHT, MAX_MISSED = 0.5, 10
NEVER_STUDIED_WEIGHT = 2.5
# A term below this is no weak spot worth naming: the question rounds out the mock.
REASON_FLOOR = 1.0

LOW_RECALL, LAPSES, MISSED_POINTS, NEVER_STUDIED, BALANCE, REPEAT = (
    "low_recall",
    "lapses",
    "missed_points",
    "never_studied",
    "balance",
    "repeat",
)


@dataclass(frozen=True)
class Candidate:
    """A published question and what the learner's history says about it."""

    question_id: int
    recall: float | None  # FSRS recall now (the learner's parameters); None when never studied
    recent_lapses: int = 0
    missed_points: int = 0
    recently_asked: bool = False


@dataclass(frozen=True)
class Choice:
    question_id: int
    weight: float
    reason: str
    count: int | None = None  # the number the reason names: recall %, lapses or missed key points

    @property
    def detail(self) -> str:
        return reason_text(self.reason, self.count)


def weigh(candidate: Candidate) -> tuple[float, str, int | None]:
    """The candidate's weight, and the reason for its largest weak-spot term with the number it names."""
    terms: list[tuple[float, str, int | None]] = []
    if candidate.recall is None:
        terms.append((NEVER_STUDIED_WEIGHT, NEVER_STUDIED, None))
    else:
        terms.append((RECALL_WEIGHT * (1 - candidate.recall), LOW_RECALL, round(100 * candidate.recall)))
    if candidate.recent_lapses:
        lapses = min(candidate.recent_lapses, MAX_LAPSES)
        terms.append((LAPSE_WEIGHT * lapses, LAPSES, candidate.recent_lapses))
    if candidate.missed_points:
        missed = min(candidate.missed_points, MAX_MISSED)
        terms.append((MISSED_WEIGHT * missed, MISSED_POINTS, candidate.missed_points))
    weight = BASE_WEIGHT + sum(value for value, _, _ in terms)
    value, reason, count = max(terms, key=lambda term: term[0])
    if value < REASON_FLOOR:
        reason, count = BALANCE, None
    return weight, reason, count


def reason_text(reason: str, count: int | None) -> str:
    """Why a question was chosen, in the active language ("" for a reason whose number is unknown)."""
    if reason == NEVER_STUDIED:
        return _("Never studied or answered yet")
    if reason == BALANCE:
        return _("No weak spot: it rounds out the mock")
    if reason == REPEAT:
        return _("Asked in one of your last mocks; too few other questions were left")
    if count is None:
        return ""
    if reason == LOW_RECALL:
        return _("Recall now %(percent)s%% (FSRS prediction)") % {"percent": count}
    if reason == LAPSES:
        return _times(count)
    if reason == MISSED_POINTS:
        return ngettext(
            "%(count)s key point missed in your written answers",
            "%(count)s key points missed in your written answers",
            count,
        ) % {"count": count}
    return ""


MAX_STORED_COUNT = 32767  # MockQuestion.reason_count is a small integer
# The wordings a stored reason may carry its number in (any language StudyHub writes, and exports).
_WORDED_COUNTS = {"once": 1, "한 번": 1, "twice": 2, "두 번": 2}


def stored_count(count: int | None) -> int | None:
    """A reason's number as `MockQuestion.reason_count` holds it."""
    return None if count is None else min(count, MAX_STORED_COUNT)


def count_in(detail: str) -> int | None:
    """The number a reason's stored wording names ("Recall now 40% …" → 40, "Forgotten twice" → 2)."""
    digits = re.search(r"\d{1,6}", detail)
    if digits:
        return stored_count(int(digits.group()))
    return next((count for words, count in _WORDED_COUNTS.items() if words in detail), None)


def choose(candidates: Sequence[Candidate], count: int, seed: int) -> list[Choice]:
    """Up to `count` questions, weak spots more likely, recently asked ones last; the same for one seed."""
    rng = random.Random(seed)
    drawn = []
    # Keys are drawn in question order so that the input's order does not change the result.
    for candidate in sorted(candidates, key=lambda c: c.question_id):
        weight, reason, number = weigh(candidate)
        key = rng.random() ** (1 / weight)
        if candidate.recently_asked:
            reason, number = REPEAT, None
        drawn.append((candidate.recently_asked, -key, Choice(candidate.question_id, weight, reason, number)))
    drawn.sort(key=lambda item: item[:2])
    return [choice for _, _, choice in drawn[:count]]


def _times(number: int) -> str:
    if number == 1:
        return _("Forgotten once in recent reviews")
    if number == 2:
        return _("Forgotten twice in recent reviews")
    return _("Forgotten %(count)s times in recent reviews") % {"count": number}
