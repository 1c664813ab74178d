"""The content admin: what editors use to write the syllabus (questions app's models).

Every content model keeps its history (django-simple-history: who, when, a diff per version, revert).
A question is edited on one page: its outline with the ordered key points, its follow-ups, and a live
preview with the content checks beside the form (templates/admin/questions/question/change_form.html).
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db.models import Q
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from editing import views
from editing.forms import FOLLOW_UPS_PREFIX, OUTLINE_PREFIX, OutlineForm, QuestionForm, problems
from editing.history import part_versions
from questions.content_files import content_questions, question_item
from questions.models import (
    AnswerOutline,
    Chapter,
    FollowUp,
    GlossaryTerm,
    GuideSection,
    KeyPoint,
    Question,
    Status,
)
from studyhub.forms import SAFE_JSON
from studyhub.security import parse_id


class ContentHistoryAdmin(SimpleHistoryAdmin):
    """A content model's admin with its history; a history address whose id is not one is a 404."""

    formfield_overrides = SAFE_JSON

    def history_view(self, request, object_id, extra_context=None):
        if parse_id(unquote(object_id)) is None:
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if parse_id(unquote(object_id)) is None or parse_id(version_id) is None:
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)


class TagFilter(admin.SimpleListFilter):
    title = gettext_lazy("tag")
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        tags = sorted({tag for tags in Question.objects.values_list("tags", flat=True) for tag in tags or []})
        return [(tag, tag) for tag in tags]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        # JSON containment is not on SQLite; a quoted match over the list's text is on both databases.
        return queryset.filter(Q(tags__icontains=f'"{self.value()}"'))


class OutlineInline(admin.StackedInline):
    model = AnswerOutline
    form = OutlineForm
    fields = ["body_ko", "body_en", "key_points_ko", "key_points_en"]
    extra = 0
    max_num = 1
    verbose_name = gettext_lazy("answer outline and key points")


class FollowUpInline(admin.StackedInline):
    model = FollowUp
    fields = ["position", "text_ko", "text_en", "answer_ko", "answer_en"]
    ordering = ["position"]
    extra = 0


@admin.register(Question)
class QuestionAdmin(ContentHistoryAdmin):
    form = QuestionForm
    list_display = ["number", "title_ko", "title_en", "chapter", "kind", "difficulty", "status", "updated_at"]
    list_filter = ["chapter", "kind", "difficulty", "status", TagFilter]
    search_fields = ["number", "title_ko", "title_en"]
    list_select_related = ["chapter"]
    inlines = [OutlineInline, FollowUpInline]
    actions = ["publish", "unpublish"]
    change_list_template = "admin/questions/question/content_change_list.html"
    object_history_template = "admin/questions/question/object_history.html"

    def get_urls(self):
        own = [
            path("preview/", self.admin_site.admin_view(views.preview), name="editing_preview"),
            path("export/", self.admin_site.admin_view(views.export_zip), name="editing_export"),
            path("import/", self.admin_site.admin_view(views.import_zip), name="editing_import"),
        ]
        return own + super().get_urls()

    def history_view(self, request, object_id, extra_context=None):
        pk = parse_id(unquote(object_id))  # not an id: no parts to list, and the page is a 404
        question = Question.objects.filter(pk=pk).first() if pk else None
        extra = {"part_versions": part_versions(question) if question else []}
        return super().history_view(request, object_id, extra_context={**(extra_context or {}), **extra})

    def get_formset_kwargs(self, request, obj, inline, prefix):
        # Fixed prefixes: the preview and the publish check read the inlines from the raw form data.
        prefix = OUTLINE_PREFIX if isinstance(inline, OutlineInline) else FOLLOW_UPS_PREFIX
        return super().get_formset_kwargs(request, obj, inline, prefix)

    @admin.action(
        description=gettext_lazy("Publish the selected questions (those that pass the content checks)")
    )
    def publish(self, request, queryset):
        # Already published questions are left alone, as unpublish leaves drafts: saving them again would
        # bump updated_at and write a history record for no change.
        already = queryset.filter(status=Status.PUBLISHED).count()
        ready, refused = [], []
        selected = queryset.exclude(status=Status.PUBLISHED).values("pk")
        for question in content_questions().filter(pk__in=selected):
            found = problems(question_item(question))
            (refused if found else ready).append((question, found))
        for question, _found in ready:
            question.status = Status.PUBLISHED
            question.save(update_fields=["status", "updated_at"])
        if ready:
            message = ngettext("Published %(count)s question.", "Published %(count)s questions.", len(ready))
            self.message_user(request, message % {"count": len(ready)}, messages.SUCCESS)
        if already:
            message = ngettext(
                "%(count)s question was already published.",
                "%(count)s questions were already published.",
                already,
            )
            self.message_user(request, message % {"count": already}, messages.INFO)
        for question, found in refused:
            self.message_user(
                request,
                _("Q%(number)s not published: %(problems)s")
                % {"number": question.number, "problems": "; ".join(found)},
                messages.ERROR,
            )

    @admin.action(description=gettext_lazy("Unpublish the selected questions (back to draft)"))
    def unpublish(self, request, queryset):
        count = 0
        for question in queryset.filter(status=Status.PUBLISHED):
            question.status = Status.DRAFT
            question.save(update_fields=["status", "updated_at"])
            count += 1
        message = ngettext("Unpublished %(count)s question.", "Unpublished %(count)s questions.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)


class KeyPointInline(admin.TabularInline):
    model = KeyPoint
    ordering = ["position"]
    extra = 0


@admin.register(AnswerOutline)
class AnswerOutlineAdmin(ContentHistoryAdmin):
    list_display = ["question"]
    search_fields = ["question__number"]
    list_select_related = ["question"]
    inlines = [KeyPointInline]


@admin.register(KeyPoint)
class KeyPointAdmin(ContentHistoryAdmin):
    list_display = ["outline", "position", "text_ko", "text_en"]
    list_select_related = ["outline__question"]
    search_fields = ["outline__question__number", "text_ko", "text_en"]


@admin.register(FollowUp)
class FollowUpAdmin(ContentHistoryAdmin):
    list_display = ["question", "position", "text_ko", "text_en"]
    list_select_related = ["question"]
    search_fields = ["question__number", "text_ko", "text_en"]


@admin.register(Chapter)
class ChapterAdmin(ContentHistoryAdmin):
    list_display = ["number", "title_ko", "title_en", "kind"]


@admin.register(GuideSection)
class GuideSectionAdmin(ContentHistoryAdmin):
    list_display = ["slug", "title_ko", "title_en", "status"]
    list_filter = ["status"]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(ContentHistoryAdmin):
    list_display = ["slug", "term_ko", "term_en"]
    search_fields = ["slug", "term_ko", "term_en"]
