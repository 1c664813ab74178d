from django.contrib import admin

from questions.models import AnswerOutline, Chapter, GuideSection, KeyPoint, Question


class AnswerOutlineInline(admin.StackedInline):
    model = AnswerOutline
    extra = 0
    show_change_link = True


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["number", "title_ko", "title_en", "status", "kind", "difficulty", "updated_at"]
    list_filter = ["status", "chapter", "kind", "difficulty"]
    search_fields = ["number", "title_ko", "title_en", "prompt_ko", "prompt_en"]
    list_select_related = ["chapter"]
    inlines = [AnswerOutlineInline]


class KeyPointInline(admin.TabularInline):
    model = KeyPoint
    extra = 0


@admin.register(AnswerOutline)
class AnswerOutlineAdmin(admin.ModelAdmin):
    list_display = ["question"]
    search_fields = ["question__number", "body_ko", "body_en"]
    list_select_related = ["question"]
    inlines = [KeyPointInline]


@admin.register(Chapter)
class ChapterAdmin(admin.ModelAdmin):
    list_display = ["number", "title_ko", "title_en", "kind"]


@admin.register(GuideSection)
class GuideSectionAdmin(admin.ModelAdmin):
    list_display = ["slug", "title_ko", "title_en", "status"]
