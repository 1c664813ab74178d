from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from mocks import round_types, rounds
from study.forms import MAX_ANSWER_CHARS


class StartForm(forms.Form):
    interview_type = forms.ChoiceField(
        choices=round_types.CHOICES,
        widget=forms.RadioSelect,
        label=_("Interview type"),
        error_messages={"required": _("Choose the kind of interview to practise.")},
    )
    question_count = forms.IntegerField(
        min_value=rounds.MIN_QUESTIONS,
        max_value=rounds.MAX_QUESTIONS,
        initial=5,
        label=_("Questions"),
        help_text=format_lazy(_("{} to {}."), rounds.MIN_QUESTIONS, rounds.MAX_QUESTIONS),
        error_messages={
            "required": format_lazy(
                _("Choose {} to {} questions."), rounds.MIN_QUESTIONS, rounds.MAX_QUESTIONS
            )
        },
    )
    minutes = forms.IntegerField(
        min_value=round_types.MIN_MINUTES,
        max_value=round_types.MAX_MINUTES,
        required=False,
        label=_("Minutes per question"),
        help_text=_(
            "Leave empty for each question's usual time: 5 minutes for a concept, 20 for coding, "
            "35 for a design. Each follow-up gets 2, 3 or 5 minutes."
        ),
    )


class AnswerStepForm(forms.Form):
    """An answer handed in (or skipped) in a round; `answer` names the answer being given."""

    answer = forms.IntegerField(widget=forms.HiddenInput)
    # Ctrl+Enter and implicit submission send no button: that is a submit.
    action = forms.ChoiceField(choices=[("submit", _("Submit")), ("skip", _("Skip"))], required=False)
    text = forms.CharField(
        label=_("Your answer"),
        required=False,
        strip=False,
        max_length=MAX_ANSWER_CHARS,
        error_messages={
            "max_length": _(
                "Answers can be at most 20,000 characters (this one has %(show_value)d). "
                "Shorten it: nothing has been lost."
            )
        },
    )

    def clean_action(self):
        return self.cleaned_data["action"] or "submit"

    def clean(self):
        data = super().clean()
        if data.get("action") == "submit" and "text" in data and not data["text"].strip():
            self.add_error("text", _("Write an answer before submitting it, or skip this question."))
        return data


class AutosaveForm(forms.Form):
    answer = forms.IntegerField()
    text = forms.CharField(
        required=False,
        strip=False,
        max_length=MAX_ANSWER_CHARS,
        error_messages={"max_length": _("Over 20,000 characters: not saved. Shorten the answer.")},
    )
