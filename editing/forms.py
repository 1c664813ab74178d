"""The question editor's forms: key points edited as lines beside the outline, and the publish check."""

import json

from django import forms
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from questions.content import publishing_problems
from questions.content_files import content_questions, question_item
from questions.models import AnswerOutline, KeyPoint, Question, Status

OUTLINE_PREFIX = "outline"
FOLLOW_UPS_PREFIX = "follow_ups"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class OutlineForm(forms.ModelForm):
    """An outline with its ordered key points, one per line in each language (line n is point n)."""

    key_points_ko = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        label=gettext_lazy("Key points (Korean)"),
        help_text=gettext_lazy("One key point per line, in order."),
    )
    key_points_en = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        label=gettext_lazy("Key points (English)"),
        help_text=gettext_lazy("Line n translates line n above."),
    )

    class Meta:
        model = AnswerOutline
        fields = ["body_ko", "body_en"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            points = list(self.instance.key_points.order_by("position"))
            self.initial["key_points_ko"] = "\n".join(p.text_ko for p in points)
            self.initial["key_points_en"] = "\n".join(p.text_en for p in points)

    def clean(self):
        cleaned = super().clean()
        ko, en = _lines(cleaned.get("key_points_ko")), _lines(cleaned.get("key_points_en"))
        if len(ko) != len(en):
            raise forms.ValidationError(
                _("%(ko)s Korean and %(en)s English key points: give both of each.")
                % {"ko": len(ko), "en": len(en)}
            )
        cleaned["key_points"] = list(zip(ko, en, strict=True))
        return cleaned

    def save(self, commit=True):
        outline = super().save(commit=commit)
        if commit:
            save_key_points(outline, self.cleaned_data["key_points"])
        else:
            self.save_m2m = lambda: save_key_points(outline, self.cleaned_data["key_points"])
        return outline


@transaction.atomic
def save_key_points(outline: AnswerOutline, points: list[tuple[str, str]]) -> None:
    """Update the key points in place by position, so a learner's ticks on point n stay on point n."""
    existing = {p.position: p for p in outline.key_points.all()}
    for position, (ko, en) in enumerate(points, 1):
        point = existing.pop(position, None)
        if point is None:
            KeyPoint.objects.create(outline=outline, position=position, text_ko=ko, text_en=en)
        elif (point.text_ko, point.text_en) != (ko, en):
            point.text_ko, point.text_en = ko, en
            point.save()
    for point in existing.values():
        point.delete()


def item_from_post(data) -> dict:
    """The question being edited, from the admin form's raw data (the question and its inlines), in the
    shape of a chapter file's item: what the preview shows and what publishing checks."""
    deleted = data.get(f"{OUTLINE_PREFIX}-0-DELETE")
    outline = {
        lang: ""
        if deleted
        else (data.get(f"{OUTLINE_PREFIX}-0-body_{lang}") or "").replace("\r\n", "\n").strip()
        for lang in ("ko", "en")
    }
    ko = [] if deleted else _lines(data.get(f"{OUTLINE_PREFIX}-0-key_points_ko"))
    en = [] if deleted else _lines(data.get(f"{OUTLINE_PREFIX}-0-key_points_en"))
    key_points = [{"ko": k, "en": e} for k, e in zip(ko, en, strict=False)]
    key_points += [{"ko": k, "en": ""} for k in ko[len(en) :]] + [{"ko": "", "en": e} for e in en[len(ko) :]]
    follow_ups = []
    try:
        total = min(int(data.get(f"{FOLLOW_UPS_PREFIX}-TOTAL_FORMS") or 0), 50)
    except ValueError:
        total = 0
    for index in range(total):
        prefix = f"{FOLLOW_UPS_PREFIX}-{index}-"
        values = {name: (data.get(prefix + name) or "").strip() for name in ("text_ko", "text_en")}
        answers = {name: (data.get(prefix + name) or "").strip() for name in ("answer_ko", "answer_en")}
        if data.get(prefix + "DELETE") or not any(values.values()):
            continue
        try:
            position = int(data.get(prefix + "position") or index + 1)
        except ValueError:
            position = index + 1
        follow_ups.append((position, {"ko": values["text_ko"], "en": values["text_en"], **answers}))
    try:
        tests = json.loads(data.get("solution_tests") or "[]")
    except (ValueError, RecursionError):  # RecursionError: JSON nested deeper than Python can follow
        tests = []
    tags = data.get("tags") or "[]"
    try:
        tags = json.loads(tags)
    except (ValueError, RecursionError):
        tags = []
    try:
        difficulty = int(data.get("difficulty") or 2)
    except ValueError:
        difficulty = 0
    return {
        "number": (data.get("number") or "").strip(),
        "title_ko": (data.get("title_ko") or "").strip(),
        "title_en": (data.get("title_en") or "").strip(),
        "prompt_ko": (data.get("prompt_ko") or "").strip(),
        "prompt_en": (data.get("prompt_en") or "").strip(),
        "status": data.get("status") or Status.DRAFT,
        "kind": data.get("kind") or Question.Kind.CONCEPT,
        "difficulty": difficulty,
        "tags": tags,
        "outline_ko": outline["ko"],
        "outline_en": outline["en"],
        "key_points": key_points,
        "follow_ups": [f for _, f in sorted(follow_ups, key=lambda pair: pair[0])],
        "solution": (data.get("solution") or "").replace("\r\n", "\n").strip(),
        "tests": tests if isinstance(tests, list) else [],
    }


def problems(item: dict) -> list[str]:
    return publishing_problems(item, settings.STUDYHUB_FIXTURES_DIR)


class QuestionForm(forms.ModelForm):
    """Publishing is refused while the content checks of `load_content` fail (shown as warnings before)."""

    class Meta:
        model = Question
        fields = [
            "chapter",
            "number",
            "title_ko",
            "title_en",
            "status",
            "kind",
            "difficulty",
            "tags",
            "prompt_ko",
            "prompt_en",
            "solution",
            "solution_tests",
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Status.PUBLISHED:
            item = item_from_post(self.data)
            if self.instance.pk and f"{OUTLINE_PREFIX}-TOTAL_FORMS" not in self.data:
                # A form without the inlines (reverting to a version): the parts stay as stored.
                stored = question_item(content_questions().get(pk=self.instance.pk))
                item.update({name: stored[name] for name in ("outline_ko", "outline_en", "key_points")})
                item["follow_ups"] = stored["follow_ups"]
            found = problems(item)
            if found:
                raise forms.ValidationError(
                    [_("Not published: fix these first (or save as a draft)."), *found]
                )
        return cleaned
