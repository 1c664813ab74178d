"""Form pieces every app's admin shares."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.fields import InvalidJSONInput


class SafeJSONField(forms.JSONField):
    """Django's JSON form field, except that JSON nested deeper than Python's parser follows ("[" 5,000
    times) is refused like any malformed JSON: Django's own field let the RecursionError out, a 500."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except RecursionError:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value[:40]}
            ) from None

    def bound_data(self, data, initial):
        try:
            return super().bound_data(data, initial)
        except RecursionError:
            return InvalidJSONInput(data)


# `formfield_overrides` of every admin whose model has a JSONField.
SAFE_JSON = {models.JSONField: {"form_class": SafeJSONField}}
