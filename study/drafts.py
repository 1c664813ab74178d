"""Answer drafts: the answer being written, kept on the server so a closed tab loses little."""

from __future__ import annotations

from datetime import datetime

from study.models import AnswerDraft


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
