from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0001_initial"),
        ("study", "0002_answers_notes_bookmarks"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The covering index is built before the narrower one it replaces is dropped.
    operations = [
        migrations.AddIndex(
            model_name="reviewlog",
            index=models.Index(
                fields=["user", "reviewed_at", "state_before", "rating", "duration_ms"],
                name="review_user_time_stats",
            ),
        ),
        migrations.RemoveIndex(model_name="reviewlog", name="review_user_time"),
        migrations.AddIndex(
            model_name="attempt",
            index=models.Index(fields=["user", "created_at"], name="attempt_user_time"),
        ),
    ]
