import copy
from datetime import timedelta
from zoneinfo import available_timezones

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from questions.models import Chapter
from study.models import StudySettings
from study.planning import MAX_PLAN_DAYS
from study.scheduling import RATINGS


class GradeForm(forms.Form):
    token = forms.CharField(max_length=500)
    rating = forms.TypedChoiceField(choices=[(r, r) for r in RATINGS], coerce=int)


class DeckForm(forms.Form):
    deck = forms.ModelChoiceField(
        queryset=Chapter.objects.studyable(),
        required=False,
        empty_label=_("All chapters"),
        label=_("Deck"),
        error_messages={"invalid_choice": _("That deck does not exist or has no published questions yet.")},
    )


class StudySettingsForm(forms.ModelForm):
    desired_retention = forms.FloatField(
        min_value=0.70,
        max_value=0.97,
        label=_("Desired retention"),
        help_text=_(
            "Probability of recalling a card when it comes due: 0.70–0.97. Higher means more reviews."
        ),
        widget=forms.NumberInput(attrs={"step": "0.01"}),
    )
    interview_target = forms.FloatField(
        min_value=0.70,
        max_value=0.99,
        label=_("Recall on the interview day"),
        help_text=_(
            "With an interview date, the plan brings every card to at least this predicted recall on "
            "the morning of the interview: 0.70–0.99."
        ),
        widget=forms.NumberInput(attrs={"step": "0.01"}),
    )
    new_cards_per_day = forms.IntegerField(min_value=0, max_value=500, label=_("New cards per day"))
    max_reviews_per_day = forms.IntegerField(min_value=0, max_value=9999, label=_("Maximum reviews per day"))
    time_zone = forms.ChoiceField(
        choices=[(tz, tz) for tz in sorted(available_timezones())],
        label=_("Time zone"),
        help_text=_("Your day — daily limits and today's counts — starts at midnight here."),
    )

    class Meta:
        model = StudySettings
        fields = [
            "desired_retention",
            "new_cards_per_day",
            "max_reviews_per_day",
            "deck",
            "interface_language",
            "language",
            "time_zone",
            "interview_date",
            "interview_target",
        ]
        labels = {
            "deck": _("Deck"),
            "interface_language": _("Interface language"),
            "language": _("Content language"),
            "interview_date": _("Interview date"),
        }
        widgets = {"interview_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deck"].queryset = Chapter.objects.studyable()
        self.fields["deck"].help_text = _(
            "Chapters whose questions are still being written are not listed yet."
        )
        self.fields["deck"].empty_label = _("All chapters")
        languages = list(StudySettings.Language.choices)
        self.fields["interface_language"].choices = [("", _("As the browser asks")), *languages]
        self.fields["interface_language"].help_text = _("Buttons, headings and messages.")
        self.fields["language"].choices = [("", _("Same as the interface")), *languages]
        self.fields["language"].help_text = _("Cards, outlines and the rest of the content.")

    def clean_interview_date(self):
        return check_interview_date(self.cleaned_data.get("interview_date"))


def check_interview_date(day):
    """An interview date is today or later, and within the two years the plan looks ahead."""
    today = timezone.localdate()
    if day and day < today:
        raise forms.ValidationError(_("Pick today or a later day (leave it empty if none is planned)."))
    if day and day > today + timedelta(days=MAX_PLAN_DAYS):
        raise forms.ValidationError(_("Pick a day within two years from today."))
    return day


class PlanForm(forms.Form):
    """The dashboard's plan simulator: the settings the plan depends on, checked as the settings are."""

    FIELDS = ("interview_date", "interview_target", "new_cards_per_day", "max_reviews_per_day")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.FIELDS:
            self.fields[name] = copy.deepcopy(StudySettingsForm.base_fields[name])
        self.fields["interview_date"].help_text = _("Leave it empty to see the next 30 days without a date.")

    def clean_interview_date(self):
        return check_interview_date(self.cleaned_data.get("interview_date"))

    @classmethod
    def initial_from(cls, study_settings) -> dict:
        return {name: getattr(study_settings, name) for name in cls.FIELDS}


MAX_ANSWER_CHARS = 20_000


class AnswerForm(forms.Form):
    """A written answer: markdown, not empty, at most 20,000 characters."""

    answer = forms.CharField(
        label=_("Your answer"),
        max_length=MAX_ANSWER_CHARS,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "true"}),
        error_messages={
            "required": _("Write an answer before comparing it with the outline."),
            "max_length": _(
                "Answers can be at most 20,000 characters (this one has %(show_value)d). "
                "Shorten it: nothing has been lost."
            ),
        },
    )


class DraftForm(forms.Form):
    answer = forms.CharField(
        required=False,
        max_length=MAX_ANSWER_CHARS,
        strip=False,
        error_messages={"max_length": _("Over 20,000 characters: not saved. Shorten the answer.")},
    )


class KeyPointGradeForm(forms.Form):
    """A self-graded answer: the key points it covered (of `key_points`) and the rating it gets."""

    rating = forms.TypedChoiceField(
        choices=[(r, r) for r in RATINGS],
        coerce=int,
        error_messages={"required": _("Choose Again, Hard, Good or Easy to record this answer.")},
    )
    covered = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args, key_points=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["covered"].choices = [(kp.pk, kp.pk) for kp in key_points]


class GradeAnswerForm(AnswerForm, KeyPointGradeForm):
    """The compare screen's submission: the answer as compared, the points ticked, the rating."""

    submission = forms.UUIDField(widget=forms.HiddenInput)


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Your note"),
        required=False,
        max_length=MAX_ANSWER_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": _("Notes can be at most 20,000 characters.")},
    )
