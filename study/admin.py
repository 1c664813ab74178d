from django.contrib import admin

from study.models import CardState, ReviewLog, StudySettings
from studyhub.forms import SAFE_JSON


@admin.register(StudySettings)
class StudySettingsAdmin(admin.ModelAdmin):
    formfield_overrides = SAFE_JSON
    list_display = ["user", "desired_retention", "new_cards_per_day", "max_reviews_per_day", "deck"]
    list_select_related = ["user", "deck"]


@admin.register(CardState)
class CardStateAdmin(admin.ModelAdmin):
    list_display = ["user", "question", "state", "due", "reps", "lapses", "is_leech", "suspended"]
    list_filter = ["state", "is_leech", "suspended"]
    list_select_related = ["user", "question"]
    raw_id_fields = ["user", "question"]


@admin.register(ReviewLog)
class ReviewLogAdmin(admin.ModelAdmin):
    formfield_overrides = SAFE_JSON
    list_display = ["user", "question", "rating", "reviewed_at", "state_before", "state_after"]
    list_filter = ["rating"]
    list_select_related = ["user", "question"]
    raw_id_fields = ["user", "question"]
    date_hierarchy = "reviewed_at"
