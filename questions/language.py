"""Which language a page shows content in."""


def content_language(request) -> str:
    """?lang=ko|en, else the learner's card language, else Korean."""
    requested = request.GET.get("lang")
    if requested in {"ko", "en"}:
        return requested
    study_settings = getattr(request.user, "study_settings", None)
    return getattr(study_settings, "language", "ko")
