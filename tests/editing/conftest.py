import pytest
from django.contrib.auth.models import Group
from django.test import Client


@pytest.fixture
def editor(make_user):
    user = make_user("editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client
