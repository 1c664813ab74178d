from django.contrib import admin

from mocks.models import Mock, MockAnswer, MockQuestion


class MockQuestionInline(admin.TabularInline):
    model = MockQuestion
    extra = 0
    raw_id_fields = ["question", "attempt"]
    show_change_link = True


@admin.register(Mock)
class MockAdmin(admin.ModelAdmin):
    list_display = ["user", "interview_type", "created_at", "finished_at"]
    list_filter = ["interview_type"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    date_hierarchy = "created_at"
    inlines = [MockQuestionInline]


class MockAnswerInline(admin.TabularInline):
    model = MockAnswer
    extra = 0
    raw_id_fields = ["follow_up"]


@admin.register(MockQuestion)
class MockQuestionAdmin(admin.ModelAdmin):
    list_display = ["mock", "position", "question", "reason"]
    list_filter = ["reason"]
    list_select_related = ["mock__user", "question"]
    raw_id_fields = ["mock", "question", "attempt"]
    inlines = [MockAnswerInline]
