"""The interface language: Korean or English, for every page's buttons, headings and messages.

Django's LocaleMiddleware picks it from the language cookie, else the browser's Accept-Language, else
English. A learner's own choice (`StudySettings.interface_language`, loaded with the user, so no query)
then wins on every request, on every device. The switch in the header writes the cookie for everyone
and the setting for a learner. What language the *content* is shown in is a separate choice
(`questions.language`), which follows this one until the learner picks one.
"""

from functools import lru_cache

from django.conf import settings
from django.utils import translation
from django.utils.html import json_script
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from studyhub.theme import redirect_back

LANGUAGES = tuple(code for code, name in settings.LANGUAGES)


def learner_choice(user) -> str:
    """The learner's chosen interface language, or "" when they never chose one (or are a visitor)."""
    if not user.is_authenticated:
        return ""
    study_settings = getattr(user, "study_settings", None)
    return getattr(study_settings, "interface_language", "") or ""


class InterfaceLanguageMiddleware:
    """After LocaleMiddleware and authentication: a learner's setting wins over cookie and browser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = learner_choice(request.user)
        if chosen in LANGUAGES and chosen != request.LANGUAGE_CODE:
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
        response = self.get_response(request)
        # The device remembers the learner's language too, so the pages after logging out keep it.
        if chosen in LANGUAGES and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != chosen:
            _set_cookie(request, response, chosen)
        return response


# The words the scripts show (static/js/strings.js reads them from a JSON script element in base.html).
SCRIPT_STRINGS = {
    "key-space-enter": _("Space / Enter"),
    "key-shift-digit": _("Shift + 1…9"),
    "help-reveal": _("Show the answer; once it is shown, grade Good"),
    "help-again": _("Grade Again"),
    "help-hard": _("Grade Hard"),
    "help-good": _("Grade Good"),
    "help-easy": _("Grade Easy"),
    "help-key-point": _("Tick or untick key point 1 to 9"),
    "help-undo": _("Undo the last review"),
    "help-write": _("Write an answer to this card"),
    "help-shortcuts": _("Show these shortcuts"),
    "key-ctrl-s": _("Ctrl + S"),
    "help-save-draft": _("While writing: save the draft now"),
    "key-ctrl-enter": _("Ctrl + Enter"),
    "help-hand-in": _("While writing: hand the answer in"),
    "suggestion": _("%(ticked)s of %(total)s key points recalled — suggested: %(rating)s."),
    "continue": _("Continue"),
    "one-minute-left": _("One minute left."),
    "restored-typing": _("Restored your latest typing from this browser"),
}


def interface_context(request) -> dict:
    """Template context: the language the header switch offers next, and the scripts' words."""
    return _interface_context(translation.get_language())


@lru_cache(maxsize=8)
def _interface_context(current: str) -> dict:
    """Once per process and language: neither depends on the learner."""
    other = next(code for code in LANGUAGES if code != current) if current in LANGUAGES else LANGUAGES[0]
    strings = {key: str(text) for key, text in SCRIPT_STRINGS.items()}
    return {
        "other_language": (other, dict(settings.LANGUAGES)[other]),
        "interface_strings_script": json_script(strings, "interface-strings"),
    }


@require_POST
def set_interface_language(request):
    """Remember the chosen language (cookie; and the learner's setting) and go back to a page of this site."""
    language = request.POST.get("language")
    response = redirect_back(request)
    if language in LANGUAGES:
        remember(request.user, language)
        _set_cookie(request, response, language)
    return response


def remember(user, language: str) -> None:
    """Save a learner's interface language (nothing to save for a visitor)."""
    if user.is_authenticated:
        from study.models import StudySettings

        study_settings = StudySettings.for_user(user)
        if study_settings.interface_language != language:
            study_settings.interface_language = language
            study_settings.save(update_fields=["interface_language"])


def _set_cookie(request, response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=request.is_secure(),
    )


def adopt_visitor_choice(request, user) -> None:
    """At login: a visitor who switched language keeps it, when the learner never chose one."""
    if request is None or learner_choice(user):
        return
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if cookie in LANGUAGES:
        remember(user, cookie)
