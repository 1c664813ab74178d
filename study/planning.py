"""The plan toward the interview: when each card comes due, and the answers of each day until then.

FSRS schedules a card for when its predicted recall falls to the desired retention, which is right
for long-term memory; a candidate needs recall on one morning. With an interview date set, a card
whose next FSRS review would come after the interview, leaving its recall on the morning below the
target, is *capped*: due instead in the final `FINAL_DAYS` days, on the earliest of them from which a
Good answer still carries it to the interview at the target. After the interview (and with no date)
scheduling is plain FSRS.

A cap is a pure function of the card, so the study queue (what is due), the grade path (the interval
given, which is the label on its button) and the dashboard agree by construction. The day-by-day plan
follows the study page's own rules with the real scheduler, answering Good: learning cards first, due
review cards lowest recall first within the daily review limit, then new cards in book order within
the daily new-card limit. From it come the workload forecast, the predicted recall on the day, how
long a backlog takes, and which limits or date would reach the target when the current ones do not.

Recall is FSRS's retrievability, which counts whole days since the last review as the scheduler does
(so a card answered within 24 hours of the interview is predicted at 100%).
"""

from __future__ import annotations

import dataclasses
import heapq
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from study import scheduling
from study.cards import TodayCounts
from study.scheduling import GOOD, NEW, REVIEW, CardFields, ReviewOutcome

# Recall is predicted for the morning of the interview, local time.
INTERVIEW_HOUR = 9
# A capped card's last review before the interview falls in these final days.
FINAL_DAYS = 7
# Each planned day's session (today's is now) is at the interview's hour, so a review planned a
# whole number of days before the interview is exactly that many days before it.
STUDY_HOUR = INTERVIEW_HOUR
# Without an interview date the plan looks this far ahead.
FORECAST_DAYS = 30
# The furthest interview date the plan (and the settings) accept.
MAX_PLAN_DAYS = 730
# The settings' own bounds: the searches for limits that would reach the target stay within them.
MAX_NEW_PER_DAY = 500
MAX_REVIEWS_PER_DAY = 9999


def local_moment(day: date, time_zone: str, hour: int = 0) -> datetime:
    """`hour` o'clock on the learner's `day`, as a UTC instant."""
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo(time_zone)).astimezone(UTC)


def interview_moment(interview_date: date, time_zone: str) -> datetime:
    return local_moment(interview_date, time_zone, INTERVIEW_HOUR)


@dataclass(frozen=True)
class Deadline:
    """Recall `target` wanted for every card at `at`, the morning of the interview `day`, which the
    learner's last day of study before it ends at `day_starts`."""

    day: date
    at: datetime
    day_starts: datetime
    target: float

    @classmethod
    def of(cls, day: date, time_zone: str, target: float) -> Deadline:
        return cls(day, interview_moment(day, time_zone), local_moment(day, time_zone), target)


@dataclass(frozen=True)
class Limits:
    """How a learner's cards are scheduled: the daily limits, FSRS's desired retention, the learner's own
    FSRS parameters (None: FSRS's defaults) and the interview deadline (None: no date set)."""

    new_per_day: int = 10
    max_reviews_per_day: int = 200
    desired_retention: float = 0.9
    parameters: tuple[float, ...] | None = None
    deadline: Deadline | None = None

    @classmethod
    def of(cls, study_settings, changes: Mapping | None = None) -> Limits:
        """The limits a learner's settings set: the one place they are read. `changes`: values by settings
        field name (the simulator's) to use instead of the stored ones."""
        changes = changes or {}

        def setting(name):
            return changes[name] if name in changes else getattr(study_settings, name)

        day = setting("interview_date")
        return cls(
            setting("new_cards_per_day"),
            setting("max_reviews_per_day"),
            setting("desired_retention"),
            parameters=study_settings.personal_parameters,
            deadline=Deadline.of(day, study_settings.time_zone, setting("interview_target")) if day else None,
        )

    def deadline_ahead(self, moment: datetime) -> Deadline | None:
        """The deadline if the interview is still ahead at `moment`."""
        deadline = self.deadline
        return deadline if deadline is not None and moment < deadline.at else None


# --- One card -------------------------------------------------------------------------------------


def recall(card: CardFields, when: datetime, limits: Limits) -> float:
    """FSRS's predicted recall of the card at `when`, with the learner's parameters (0 if never seen)."""
    return scheduling.retrievability(card, when, limits.parameters)


def due(card: CardFields, limits: Limits) -> datetime | None:
    """When the plan has the card come due: FSRS's due, or earlier when capped before an interview."""
    deadline = limits.deadline
    if (
        deadline is None
        or card.state != REVIEW
        or card.due is None
        or card.last_review is None
        or card.due < deadline.day_starts  # FSRS shows it again before the interview day anyway
        or card.last_review >= deadline.at  # after the interview: plain FSRS
    ):
        return card.due
    return _cap(card, deadline, limits.desired_retention, limits.parameters) or card.due


# The caches hold a few thousand card states per worker: enough for a plan and the searches of `reach`.
@lru_cache(maxsize=4096)
def _cap(card: CardFields, deadline: Deadline, retention: float, parameters) -> datetime | None:
    """The earliest of the final days from which a Good answer carries the card to the interview at the
    target (the day before it if none does), or None when the card reaches the target unreviewed or
    cannot be shown again a day after its last review before the interview."""
    if scheduling.retrievability(card, deadline.at, parameters) >= deadline.target:
        return None
    earliest = card.last_review + timedelta(days=1)
    gaps = [gap for gap in range(1, FINAL_DAYS + 1) if deadline.at - timedelta(days=gap) >= earliest]
    if not gaps:
        return None

    def reaches(gap: int) -> bool:
        after = _answered_good(card, deadline.at - timedelta(days=gap), retention, parameters)
        return scheduling.retrievability(after, deadline.at, parameters) >= deadline.target

    # The longer the gap, the lower the recall on the morning: find the longest that still reaches it.
    if not reaches(gaps[0]):
        return deadline.at - timedelta(days=gaps[0])
    low, high = 0, len(gaps)  # gaps[low] reaches it; gaps[high], if any, does not
    while low + 1 < high:
        middle = (low + high) // 2
        if reaches(gaps[middle]):
            low = middle
        else:
            high = middle
    return deadline.at - timedelta(days=gaps[low])


@lru_cache(maxsize=8192)
def _answered_good(card: CardFields, at: datetime, retention: float, parameters) -> CardFields:
    # FSRS's Good answer, shared by the cap's search and the plan's answer on the day it picks.
    return scheduling.review(card, GOOD, at, retention, parameters).after


def review(card: CardFields, rating: int, now: datetime, limits: Limits) -> ReviewOutcome:
    """FSRS's review of the card at `now`, with the plan's due: what grading stores."""
    outcome = scheduling.review(card, rating, now, limits.desired_retention, limits.parameters)
    planned = due(outcome.after, limits)
    if planned == outcome.after.due:
        return outcome
    return dataclasses.replace(outcome, after=dataclasses.replace(outcome.after, due=planned))


def intervals(card: CardFields, now: datetime, limits: Limits) -> dict[int, timedelta]:
    """The interval each rating would give now: the labels on the grade buttons."""
    return {rating: review(card, rating, now, limits).after.due - now for rating in scheduling.RATINGS}


def most_at_risk_first(now: datetime, limits: Limits):
    """Sort key for due review cards: lowest recall now first, then book order."""
    return lambda candidate: (recall(candidate.card, now, limits), candidate.position)


def _good(card: CardFields, moment: datetime, limits: Limits) -> CardFields:
    """The plan's Good answer: cached on what it depends on, not on the daily limits, so plans that
    differ only in their limits (the searches of `reach`) share their answers."""
    return _planned_good(card, moment, limits.deadline, limits.desired_retention, limits.parameters)


@lru_cache(maxsize=8192)
def _planned_good(card: CardFields, moment: datetime, deadline, retention: float, parameters) -> CardFields:
    # Cards introduced on the same day follow the same path: each answer is computed once.
    after = _answered_good(card, moment, retention, parameters)
    limits = Limits(desired_retention=retention, parameters=parameters, deadline=deadline)
    planned = due(after, limits)
    return after if planned == after.due else dataclasses.replace(after, due=planned)


# --- Day by day -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanDay:
    day: date
    new_cards: int = 0
    new_answers: int = 0  # answers to the day's new cards, their learning steps included
    reviews: int = 0  # answers to cards already seen: due reviews, learning and relearning steps

    @property
    def answers(self) -> int:
        return self.new_answers + self.reviews


@dataclass(frozen=True)
class Plan:
    """The learner's days under `limits`, answering Good, until the interview (or for `FORECAST_DAYS`)."""

    limits: Limits
    deadline: Deadline | None  # None when no interview is ahead
    days: tuple[PlanDay, ...]
    planned: frozenset[int]  # question ids of the cards planned (every card but the suspended)
    recall: Mapping[int, float]  # question id → predicted recall on the interview morning
    answers: Mapping[int, int]  # question id → answers planned
    not_introduced: int  # new cards the daily new-card limit leaves unseen at the end

    @property
    def total(self) -> int:
        return sum(day.answers for day in self.days)

    @property
    def peak(self) -> PlanDay | None:
        return max(self.days, key=lambda day: day.answers, default=None)

    @property
    def below_target(self) -> tuple[int, ...]:
        """Planned cards whose recall on the morning stays below the target."""
        if self.deadline is None:
            return ()
        return tuple(q for q in sorted(self.planned) if self.recall[q] < self.deadline.target)

    @property
    def reaches_target(self) -> bool:
        return self.deadline is not None and not self.below_target


class _Simulation:
    """The learner's cards day by day under the study page's rules, answering Good."""

    def __init__(self, cards, now: datetime, today: TodayCounts, limits: Limits, time_zone: str, until=None):
        self.now, self.today, self.limits, self.zone, self.until = now, today, limits, time_zone, until
        active = sorted((c for c in cards if not c.card.suspended), key=lambda c: c.position)
        self.position = {c.question_id: c.position for c in active}
        self.buried = {
            c.question_id: c.buried_until for c in active if c.buried_until and c.buried_until > now
        }
        self.cards = {c.question_id: c.card for c in active}
        self.new = [c.question_id for c in active if c.card.state == NEW]
        self.due = {q: due(card, limits) for q, card in self.cards.items() if card.state != NEW and card.due}
        # Seen cards by due; an entry whose card has since been answered is skipped. A day with nothing
        # due costs nothing.
        self.coming = [(when, q) for q, when in self.due.items()]
        heapq.heapify(self.coming)
        self.answers: Counter[int] = Counter()
        self.first_answer: dict[int, int] = {}  # question id → index of the day it is first answered
        self.first_day = now.astimezone(ZoneInfo(time_zone)).date()

    def overdue(self) -> set[int]:
        """Review cards due now (and not buried)."""
        return {
            q
            for q, when in self.due.items()
            if self.cards[q].state == REVIEW and when <= self.now and not self._buried(q, self.now)
        }

    def day(self, index: int) -> PlanDay:
        day = self.first_day + timedelta(days=index)
        stop = local_moment(day + timedelta(days=1), self.zone)
        if self.until is not None:
            stop = min(stop, self.until)
        session = self.now if index == 0 else local_moment(day, self.zone, STUDY_HOUR)
        if session >= stop or (not self.new and (not self.coming or self.coming[0][0] >= stop)):
            return PlanDay(day)
        learning, reviews, waiting = [], [], []
        while self.coming and self.coming[0][0] < stop:
            entry = heapq.heappop(self.coming)
            when, q = entry
            if self.due[q] != when:
                continue  # answered since
            if self._buried(q, session):
                waiting.append(entry)
            else:
                (reviews if self.cards[q].state == REVIEW else learning).append(q)
        done = self.today if index == 0 else TodayCounts()
        room = max(0, self.limits.max_reviews_per_day - done.review_cards)
        if len(reviews) > room:
            reviews.sort(key=lambda q: (recall(self.cards[q], session, self.limits), self.position[q]))
            waiting += [(self.due[q], q) for q in reviews[room:]]
            del reviews[room:]
        for entry in waiting:
            heapq.heappush(self.coming, entry)
        new_room = max(0, self.limits.new_per_day - done.new_cards)
        new = [q for q in self.new if not self._buried(q, session)][:new_room]
        if new:
            taken = set(new)
            self.new = [q for q in self.new if q not in taken]
        seen = sum(self._answer(q, max(session, self.due[q]), stop, index) for q in learning + reviews)
        introduced = sum(self._answer(q, session, stop, index) for q in new)
        return PlanDay(day, len(new), introduced, seen)

    def _buried(self, question: int, moment: datetime) -> bool:
        return self.buried.get(question, moment) > moment

    def _answer(self, question: int, moment: datetime, stop: datetime, index: int) -> int:
        """Answer Good, through the learning steps the same day: the number of answers."""
        card, count = self.cards[question], 0
        while True:
            card = _good(card, moment, self.limits)
            count += 1
            if card.state == REVIEW or card.due >= stop:
                break
            moment = card.due
        self.cards[question] = card
        self.due[question] = card.due
        heapq.heappush(self.coming, (card.due, question))
        self.answers[question] += count
        self.first_answer.setdefault(question, index)
        return count


def plan(cards: Sequence, now: datetime, today: TodayCounts, limits: Limits, time_zone: str) -> Plan:
    """The learner's days from today under `limits`: until the interview when one is ahead (today only,
    if it is today), else for `FORECAST_DAYS` days. `cards`: the deck's cards (`LearnerCard`s)."""
    deadline = limits.deadline_ahead(now)
    simulation = _Simulation(cards, now, today, limits, time_zone, until=deadline.at if deadline else None)
    if deadline is None:
        count = FORECAST_DAYS
    else:
        count = min(MAX_PLAN_DAYS, max(1, (deadline.day - simulation.first_day).days))
    days = tuple(simulation.day(index) for index in range(count))
    on_the_day = (
        {question: recall(card, deadline.at, limits) for question, card in simulation.cards.items()}
        if deadline
        else {}
    )
    return Plan(
        limits=limits,
        deadline=deadline,
        days=days,
        planned=frozenset(simulation.cards),
        recall=on_the_day,
        answers=dict(simulation.answers),
        not_introduced=len(simulation.new),
    )


# --- Backlog --------------------------------------------------------------------------------------

MAX_BACKLOG_DAYS = 366


@dataclass(frozen=True)
class Backlog:
    overdue: int  # review cards due now
    days: int | None  # days until every one of them is answered, today included; None: never


def backlog(cards: Sequence, now: datetime, today: TodayCounts, limits: Limits, time_zone: str) -> Backlog:
    """How long the overdue cards take at the daily review limit, most at risk first, while other cards
    keep coming due: the days until the last of them is answered."""
    simulation = _Simulation(cards, now, today, limits, time_zone)
    simulation.new = []  # new cards do not count against the review limit
    overdue = simulation.overdue()
    if not overdue:
        return Backlog(0, 0)
    if limits.max_reviews_per_day == 0:
        return Backlog(len(overdue), None)
    for index in range(MAX_BACKLOG_DAYS):
        simulation.day(index)
        if overdue <= simulation.first_answer.keys():
            return Backlog(len(overdue), index + 1)
    return Backlog(len(overdue), None)


# --- What would reach the target ------------------------------------------------------------------


@dataclass(frozen=True)
class Reach:
    """Changes that would reach the target when the plan does not. The limits hold together (raise new
    cards to `new_per_day` and reviews to `max_reviews_per_day`; None: keep it); the date alone."""

    new_per_day: int | None
    max_reviews_per_day: int | None
    interview_date: date | None

    @property
    def by_limits(self) -> bool:
        return self.new_per_day is not None or self.max_reviews_per_day is not None


def reach(cards: Sequence, now: datetime, today: TodayCounts, limits: Limits, time_zone: str) -> Reach:
    """The lowest daily limits, and the earliest interview date with the current limits, under which the
    plan brings every card to the target (None where none within the settings' bounds does)."""

    def reaches(changed: Limits) -> bool:
        return plan(cards, now, today, changed, time_zone).reaches_target

    def with_limits(new_per_day, max_reviews):
        return dataclasses.replace(limits, new_per_day=new_per_day, max_reviews_per_day=max_reviews)

    new_per_day = max_reviews = None
    enough_new = reaches(with_limits(limits.new_per_day, MAX_REVIEWS_PER_DAY))
    if not enough_new:
        new_per_day = _lowest(
            limits.new_per_day + 1, MAX_NEW_PER_DAY, lambda n: reaches(with_limits(n, MAX_REVIEWS_PER_DAY))
        )
    if enough_new or new_per_day is not None:
        new = new_per_day or limits.new_per_day
        # With no review limit the busiest day shows what limit would never bind.
        busiest = plan(cards, now, today, with_limits(new, MAX_REVIEWS_PER_DAY), time_zone)
        ceiling = max([day.reviews for day in busiest.days] + [limits.max_reviews_per_day + 1])
        if not reaches(with_limits(new, limits.max_reviews_per_day)):
            max_reviews = _lowest(
                limits.max_reviews_per_day + 1, ceiling, lambda r: reaches(with_limits(new, r))
            )
    return Reach(new_per_day, max_reviews, _earliest_date(cards, now, today, limits, time_zone))


def _earliest_date(cards, now, today, limits, time_zone) -> date | None:
    deadline = limits.deadline_ahead(now)
    if deadline is None:
        return None
    first = now.astimezone(ZoneInfo(time_zone)).date()

    def reaches(days_later: int) -> bool:
        day = deadline.day + timedelta(days=days_later)
        moved = dataclasses.replace(limits, deadline=Deadline.of(day, time_zone, deadline.target))
        return plan(cards, now, today, moved, time_zone).reaches_target

    latest = MAX_PLAN_DAYS - (deadline.day - first).days
    later = _lowest(1, latest, reaches) if latest >= 1 else None
    return deadline.day + timedelta(days=later) if later is not None else None


def _lowest(low: int, high: int, works) -> int | None:
    """The lowest value in [low, high] that works, assuming that more never hurts (None if none does)."""
    if low > high or not works(high):
        return None
    # Gallop up from `low` first: the answer is usually close to the current setting.
    step, below = 1, low - 1
    while below + step < high and not works(below + step):
        below += step
        step *= 2
    high = min(high, below + step)
    while below + 1 < high:
        middle = (below + high) // 2
        if works(middle):
            high = middle
        else:
            below = middle
    return high
