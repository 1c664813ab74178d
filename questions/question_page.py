"""What a question page shows: the content, its terms and neighbours, and this learner's side of it.

Shared by the question page and the views that re-render it (the note form), so no view module imports
another.
"""

from django.utils import timezone

from questions.chapters import neighbours, stage_of
from questions.glossary import terms_in
from questions.language import content_language
from study.forms import NoteForm
from study.learner_panel import learner_panel


def question_context(request, question, **extra) -> dict:
    """Everything the question page shows: the content, and this learner's card, attempts and notes."""
    outline = getattr(question, "outline", None)
    editing = request.GET.get("edit_note") == "1"
    key_points = list(outline.key_points.order_by("position")) if outline else []
    follow_ups = list(question.follow_ups.order_by("position"))
    previous, following = neighbours(question) if question.is_published else (None, None)
    context = {
        "question": question,
        "outline": outline,
        "key_points": key_points,
        "follow_ups": follow_ups,
        "terms": terms_in(_texts_of(question, outline, key_points, follow_ups)),
        "previous": previous,
        "next": following,
        "stage": stage_of(question.chapter, question.number),
        "now": timezone.now(),
        "lang": content_language(request),
        "editing_note": editing,
        **learner_panel(request.user, question),
    }
    if editing and "note_form" not in extra:
        context["note_form"] = NoteForm(initial={"body": context["note"].body if context["note"] else ""})
    context.update(extra)
    return context


def _texts_of(question, outline, key_points, follow_ups) -> list[str]:
    texts = [question.title_ko, question.title_en, question.prompt_ko, question.prompt_en]
    if outline:
        texts += [outline.body_ko, outline.body_en]
    texts += [p.text_ko for p in key_points] + [p.text_en for p in key_points]
    for follow_up in follow_ups:
        texts += [follow_up.text_ko, follow_up.text_en, follow_up.answer_ko, follow_up.answer_en]
    return texts
