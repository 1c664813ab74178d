"""The Editors group: may edit the syllabus (content models and their history), nothing else."""

from django.db import migrations

CONTENT_MODELS = [
    "chapter",
    "guidesection",
    "question",
    "answeroutline",
    "keypoint",
    "followup",
    "glossaryterm",
]


def create_editors(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are created after migrations run; this one needs them now.
    for config in apps.get_app_configs():
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(
        Permission.objects.filter(
            content_type__app_label="questions",
            content_type__model__in=CONTENT_MODELS + [f"historical{m}" for m in CONTENT_MODELS],
        )
    )


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("questions", "0003_history_and_loaded_items"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
