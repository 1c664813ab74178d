from zoneinfo import available_timezones

from django import forms
from django.utils import timezone

from questions.models import Chapter
from study.models import StudySettings
from study.scheduling import RATINGS


class GradeForm(forms.Form):
    token = forms.CharField(max_length=500)
    rating = forms.TypedChoiceField(choices=[(r, r) for r in RATINGS], coerce=int)


class DeckForm(forms.Form):
    deck = forms.ModelChoiceField(
        queryset=Chapter.objects.exclude(kind=Chapter.Kind.GUIDE),
        required=False,
        empty_label="All chapters",
        label="Deck",
    )


class StudySettingsForm(forms.ModelForm):
    desired_retention = forms.FloatField(
        min_value=0.70,
        max_value=0.97,
        label="Desired retention",
        help_text="Probability of recalling a card when it comes due: 0.70–0.97. Higher means more reviews.",
        widget=forms.NumberInput(attrs={"step": "0.01"}),
    )
    new_cards_per_day = forms.IntegerField(min_value=0, max_value=500, label="New cards per day")
    max_reviews_per_day = forms.IntegerField(min_value=0, max_value=9999, label="Maximum reviews per day")
    time_zone = forms.ChoiceField(
        choices=[(tz, tz) for tz in sorted(available_timezones())],
        label="Time zone",
        help_text="Your day — daily limits and today's counts — starts at midnight here.",
    )

    class Meta:
        model = StudySettings
        fields = [
            "desired_retention",
            "new_cards_per_day",
            "max_reviews_per_day",
            "deck",
            "language",
            "time_zone",
            "interview_date",
        ]
        labels = {"deck": "Deck", "language": "Card language", "interview_date": "Interview date"}
        widgets = {"interview_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deck"].queryset = Chapter.objects.exclude(kind=Chapter.Kind.GUIDE)
        self.fields["deck"].empty_label = "All chapters"

    def clean_interview_date(self):
        day = self.cleaned_data.get("interview_date")
        if day and day < timezone.localdate():
            raise forms.ValidationError("Pick today or a later day (leave it empty if none is planned).")
        return day
