from django import forms

from mocks import round_types, rounds
from study.forms import MAX_ANSWER_CHARS


class StartForm(forms.Form):
    interview_type = forms.ChoiceField(
        choices=round_types.CHOICES,
        widget=forms.RadioSelect,
        label="Interview type",
        error_messages={"required": "Choose the kind of interview to practise."},
    )
    question_count = forms.IntegerField(
        min_value=rounds.MIN_QUESTIONS,
        max_value=rounds.MAX_QUESTIONS,
        initial=5,
        label="Questions",
        help_text=f"{rounds.MIN_QUESTIONS} to {rounds.MAX_QUESTIONS}.",
        error_messages={"required": f"Choose {rounds.MIN_QUESTIONS} to {rounds.MAX_QUESTIONS} questions."},
    )
    minutes = forms.IntegerField(
        min_value=round_types.MIN_MINUTES,
        max_value=round_types.MAX_MINUTES,
        required=False,
        label="Minutes per question",
        help_text="Leave empty for each question's usual time: 5 minutes for a concept, 20 for coding, "
        "35 for a design. Each follow-up gets 2, 3 or 5 minutes.",
    )


class AnswerStepForm(forms.Form):
    """An answer handed in (or skipped) in a round; `answer` names the answer being given."""

    answer = forms.IntegerField(widget=forms.HiddenInput)
    # Ctrl+Enter and implicit submission send no button: that is a submit.
    action = forms.ChoiceField(choices=[("submit", "Submit"), ("skip", "Skip")], required=False)
    text = forms.CharField(
        label="Your answer",
        required=False,
        strip=False,
        max_length=MAX_ANSWER_CHARS,
        error_messages={
            "max_length": "Answers can be at most 20,000 characters (this one has %(show_value)d). "
            "Shorten it: nothing has been lost."
        },
    )

    def clean_action(self):
        return self.cleaned_data["action"] or "submit"

    def clean(self):
        data = super().clean()
        if data.get("action") == "submit" and "text" in data and not data["text"].strip():
            self.add_error("text", "Write an answer before submitting it, or skip this question.")
        return data


class AutosaveForm(forms.Form):
    answer = forms.IntegerField()
    text = forms.CharField(
        required=False,
        strip=False,
        max_length=MAX_ANSWER_CHARS,
        error_messages={"max_length": "Over 20,000 characters: not saved. Shorten the answer."},
    )
