"""Which language a page shows content in, and how a date reads in that language."""

from datetime import date, datetime

from django.utils import timezone, translation

LANGUAGES = ("ko", "en")
SESSION_KEY = "content_language"
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def content_language(request) -> str:
    """?lang=ko|en, remembered until changed; else the remembered choice; else the interface language.

    A learner's choice is their card language (`StudySettings.language`), so the study card, the
    answer flow and every content page follow it; a visitor's lives in the session.
    """
    requested = request.GET.get("lang")
    study_settings = getattr(request.user, "study_settings", None) if request.user.is_authenticated else None
    if requested in LANGUAGES:
        _remember(request, study_settings, requested)
        return requested
    if study_settings is not None and study_settings.language:
        return study_settings.language
    return request.session.get(SESSION_KEY) or interface_language()


def interface_language() -> str:
    """The language the interface is in right now (`studyhub.interface_language`)."""
    current = translation.get_language()
    return current if current in LANGUAGES else "en"


def _remember(request, study_settings, lang: str) -> None:
    if study_settings is not None:
        if study_settings.language != lang:
            study_settings.language = lang
            study_settings.save(update_fields=["language"])
    elif request.session.get(SESSION_KEY) != lang:
        request.session[SESSION_KEY] = lang


def format_date(value: date | datetime, lang: str) -> str:
    """A day as StudyHub writes it: "2026년 8월 1일" in Korean, "1 Aug 2026" in English."""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    if lang == "en":
        return f"{value.day} {_EN_MONTHS[value.month - 1]} {value.year}"
    return f"{value.year}년 {value.month}월 {value.day}일"


def format_datetime(value: datetime, lang: str) -> str:
    """A moment as StudyHub writes it: the day, then the local time on the 24-hour clock."""
    local = timezone.localtime(value)
    return f"{format_date(local.date(), lang)} {local:%H:%M}"
