from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy

EMAIL_HELP = gettext_lazy("Optional. Only used to send you a link if you forget your password.")


class SignupForm(UserCreationForm):
    email = forms.EmailField(required=False, help_text=EMAIL_HELP, label=gettext_lazy("E-mail"))

    class Meta(UserCreationForm.Meta):
        fields = ("username", "email")


class EmailForm(forms.ModelForm):
    """The account's e-mail address: optional, for password reset only."""

    email = forms.EmailField(required=False, help_text=EMAIL_HELP, label=gettext_lazy("E-mail"))

    class Meta:
        model = get_user_model()
        fields = ("email",)
