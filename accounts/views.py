from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import EmailForm, SignupForm


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="accounts.backends.LearnerBackend")
        messages.success(
            request,
            _("Welcome to StudyHub, %(username)s! Your first cards are ready.") % {"username": user.username},
        )
        return redirect("home")
    return render(request, "accounts/signup.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def email(request):
    """Set, change or remove the account's e-mail address (used only for password reset)."""
    form = EmailForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            _("E-mail address saved.") if form.cleaned_data["email"] else _("E-mail address removed."),
        )
        return redirect("email")
    return render(request, "accounts/email.html", {"form": form})
