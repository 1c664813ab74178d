from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import SignupForm


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
