from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from progress.export import MAX_IMPORT_BYTES


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("StudyHub export file"),
        help_text=format_lazy(
            _("The .json file from “Download everything” (or the same compressed, .json.gz), up to {} MB."),
            MAX_IMPORT_BYTES // 2**20,
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.gz,application/json,application/gzip"}),
    )
    replace_settings = forms.BooleanField(
        label=_("Also replace my study settings with the file’s"),
        required=False,
        initial=True,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _(
                    "This file is %(size)s; the limit is %(limit)s. Download it again compressed (.json.gz) "
                    "and import that."
                )
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_IMPORT_BYTES)}
            )
        return upload


class DeleteAccountForm(forms.Form):
    """Confirms an account deletion with the password (or the username, for an account without one)."""

    confirmation = forms.CharField(strip=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        field = self.fields["confirmation"]
        if user.has_usable_password():
            field.label = _("Your password")
            field.widget = forms.PasswordInput(attrs={"autocomplete": "current-password"})
        else:
            field.label = _("Type your username, %(username)s, to confirm") % {
                "username": user.get_username()
            }

    def clean_confirmation(self):
        value = self.cleaned_data["confirmation"]
        if self.user.has_usable_password():
            if not self.user.check_password(value):
                raise forms.ValidationError(_("That is not your password; nothing was deleted."))
        elif value != self.user.get_username():
            raise forms.ValidationError(_("That is not your username; nothing was deleted."))
        return value
