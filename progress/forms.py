from django import forms
from django.template.defaultfilters import filesizeformat

from progress.export import MAX_IMPORT_BYTES


class ImportForm(forms.Form):
    file = forms.FileField(
        label="StudyHub export file",
        help_text="The .json file from “Download everything” (or the same compressed, .json.gz), "
        f"up to {MAX_IMPORT_BYTES // 2**20} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.gz,application/json,application/gzip"}),
    )
    replace_settings = forms.BooleanField(
        label="Also replace my study settings with the file’s",
        required=False,
        initial=True,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                f"This file is {filesizeformat(upload.size)}; "
                f"the limit is {filesizeformat(MAX_IMPORT_BYTES)}. "
                "Download it again compressed (.json.gz) and import that."
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
            field.label = "Your password"
            field.widget = forms.PasswordInput(attrs={"autocomplete": "current-password"})
        else:
            field.label = f"Type your username, {user.get_username()}, to confirm"

    def clean_confirmation(self):
        value = self.cleaned_data["confirmation"]
        if self.user.has_usable_password():
            if not self.user.check_password(value):
                raise forms.ValidationError("That is not your password; nothing was deleted.")
        elif value != self.user.get_username():
            raise forms.ValidationError("That is not your username; nothing was deleted.")
        return value
