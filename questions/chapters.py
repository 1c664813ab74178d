"""A chapter's reading order: the design map of a design chapter, or the book's order. No requests here."""

from __future__ import annotations

from dataclasses import dataclass, field

from questions.models import Chapter, Question


@dataclass
class Stage:
    title_ko: str
    title_en: str
    questions: list[Question] = field(default_factory=list)


def chapter_map(chapter: Chapter, questions: list[Question]) -> list[Stage]:
    """The chapter's stages in order, each with its published questions; one unnamed stage when the
    chapter has no map. `questions` are the chapter's published questions."""
    by_number = {q.number: q for q in questions}
    if not chapter.stages:
        return [Stage("", "", list(questions))]
    stages = []
    for stage in chapter.stages:
        members = [by_number[n] for n in stage["numbers"] if n in by_number]
        if members:
            stages.append(Stage(stage["title_ko"], stage["title_en"], members))
    return stages


def reading_order(chapter: Chapter, questions: list[Question]) -> list[Question]:
    return [q for stage in chapter_map(chapter, questions) for q in stage.questions]


def neighbours(question: Question) -> tuple[Question | None, Question | None]:
    """The previous and next published question of the chapter in its reading order (the design map's
    order for a design chapter)."""
    chapter = question.chapter
    published = list(
        Question.objects.published()
        .filter(chapter=chapter)
        .only("number", "title_ko", "title_en", "chapter_id")
    )
    order = reading_order(chapter, published)
    numbers = [q.number for q in order]
    if question.number not in numbers:
        return None, None
    index = numbers.index(question.number)
    return (order[index - 1] if index > 0 else None, order[index + 1] if index + 1 < len(order) else None)


def stage_of(chapter: Chapter, number: str) -> dict | None:
    return next((stage for stage in chapter.stages if number in stage["numbers"]), None)
