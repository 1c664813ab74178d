"""The versions of a question's parts (outline, key points, follow-ups) for its history page: they are
edited inline on the question's page, so an editor reads their changes there too."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext_lazy

from questions.models import AnswerOutline, FollowUp, KeyPoint, Question

PART_VERSIONS_SHOWN = 50


def action_name(history_type: str) -> str:
    """A version's action in the interface language (django-simple-history has no Korean catalogue)."""
    return {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}.get(history_type, history_type)


def part_versions(question: Question) -> list[dict]:
    """The newest versions of the question's parts: when, who, which part, and each field's change."""
    outline_ids = list(AnswerOutline.history.filter(question_id=question.pk).values_list("id", flat=True))
    records = [
        *((_("Answer outline"), r) for r in AnswerOutline.history.filter(question_id=question.pk)),
        *((_("Key point"), r) for r in KeyPoint.history.filter(outline_id__in=set(outline_ids))),
        *((_("Follow-up"), r) for r in FollowUp.history.filter(question_id=question.pk)),
    ]
    records.sort(key=lambda pair: pair[1].history_date, reverse=True)
    versions = []
    for label, record in records[:PART_VERSIONS_SHOWN]:
        previous = record.prev_record
        changes = []
        if previous is not None:
            changes = [
                {"field": c.field, "old": c.old, "new": c.new}
                for c in record.diff_against(previous).changes
                if not c.field.endswith("_html")
            ]
        position = getattr(record, "position", None)
        versions.append(
            {
                "part": f"{label} {position}" if position else label,
                "date": record.history_date,
                "user": record.history_user,
                "kind": action_name(record.history_type),
                "changes": changes,
            }
        )
    return versions


# django-simple-history's own pages (a question's history, a version, a revert) show these texts. The
# package has no Korean catalogue, so they are marked here for StudyHub's, which translates a text
# whichever app's template shows it; nothing reads this tuple.
PACKAGE_TEXTS = (
    gettext_noop("History"),  # also the admin's own button, read as StudyHub's other history texts
    gettext_noop("Choose a date from the list below to revert to a previous version of this object."),
    gettext_noop("This object doesn't have a change history."),
    gettext_noop("Object"),
    gettext_noop("Comment"),  # the column of each version's action (created, changed, deleted)
    gettext_noop("Change reason"),
    gettext_noop("Revert"),
    gettext_noop("Change History"),
    gettext_noop("View %(verbose_name)s"),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("Press the 'Change History' button below to edit the history."),
    gettext_noop("View history: %s"),
    gettext_noop("Change history: %s"),
    gettext_noop('The %(name)s "%(obj)s" was changed successfully.'),
    gettext_noop("You may edit it again below"),
    gettext_noop("View %s"),
    gettext_noop("Revert %s"),
    gettext_noop("Deleted %(type_name)s"),
    ngettext_lazy("entry", "entries"),
)
