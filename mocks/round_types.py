"""The kinds of mock round: the chapters each draws its questions from, the chapter 1 guide section
that describes it, and how long a question and a follow-up are given. Plain values, no database."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class RoundType:
    value: str
    label: str
    chapters: tuple[str, ...]  # chapter numbers; empty: every published question
    guide: str  # slug of the chapter 1 guide section on this round
    summary: str


ROUND_TYPES = (
    RoundType(
        "fundamentals",
        _("ML fundamentals"),
        ("2",),
        "ml-fundamentals-interview",
        _("Rapid concept questions: definition, intuition, a trade-off, a concrete example."),
    ),
    RoundType(
        "coding",
        _("ML coding"),
        ("3",),
        "ml-coding-interview",
        _("Implement an algorithm or a model component in Python, then discuss complexity and tests."),
    ),
    RoundType(
        "recsys_design",
        _("Recommendation-system design"),
        ("4",),
        "ml-system-design-interview",
        _("Design a recommender end to end: metrics, data, candidates, ranking, serving, evaluation."),
    ),
    RoundType(
        "app_design",
        _("Application design"),
        ("5",),
        "ml-system-design-interview",
        _("Design an ML application (search, ads, feeds, trust and safety…) from goal to launch."),
    ),
    RoundType(
        "infrastructure",
        _("ML infrastructure"),
        ("6",),
        "ml-system-design-interview",
        _("Design the platform around models: pipelines, training at scale, serving, monitoring."),
    ),
    RoundType(
        "mixed",
        _("Mixed"),
        (),
        "answer-rubric",
        _("Any published question, as in a loop of several rounds."),
    ),
)
BY_VALUE = {round_type.value: round_type for round_type in ROUND_TYPES}
CHOICES = [(round_type.value, round_type.label) for round_type in ROUND_TYPES]
# The questions of these chapters (recommendation-system and application design) are scored stage by
# stage in the report, whatever the round.
STAGE_SCORED_CHAPTER_KINDS = frozenset({"system_design"})

# Minutes for a question and for each of its follow-ups, by kind of question.
CONCEPT_MINUTES = (5, 2)
CODING_MINUTES = (20, 3)
DESIGN_MINUTES = (35, 5)
MIN_MINUTES, MAX_MINUTES = 1, 90


@dataclass(frozen=True)
class Allowance:
    question_seconds: int
    follow_up_seconds: int


def allowance(question_kind: str, chapter_kind: str, minutes: int | None = None) -> Allowance:
    """Time for a question and each follow-up: 5 and 2 minutes for a concept, 20 and 3 for coding,
    35 and 5 for design; `minutes`, when the learner chose it, replaces the question's time."""
    if question_kind == "coding" or chapter_kind == "coding":
        question, follow_up = CODING_MINUTES
    elif question_kind == "design" or chapter_kind in ("system_design", "infrastructure"):
        question, follow_up = DESIGN_MINUTES
    else:
        question, follow_up = CONCEPT_MINUTES
    return Allowance((minutes or question) * 60, follow_up * 60)
