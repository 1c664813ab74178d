from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "studyhub-demo"


class Command(BaseCommand):
    help = "Create the demo learner (demo / studyhub-demo) if it does not exist; never changes it."

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(username=DEMO_USERNAME).exists():
            self.stdout.write(f"Demo account '{DEMO_USERNAME}' already exists (left unchanged).")
            return
        User.objects.create_user(DEMO_USERNAME, password=DEMO_PASSWORD)
        self.stdout.write(self.style.SUCCESS(f"Created demo account {DEMO_USERNAME} / {DEMO_PASSWORD}."))
