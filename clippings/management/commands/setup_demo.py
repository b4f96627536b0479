"""python manage.py setup_demo — demo logins (an editor and a reader) and the project's own sample pages."""
from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from clippings.roles import EDITORS, READERS

SAMPLES = Path(settings.BASE_DIR) / "fixtures" / "sample_pages"


class Command(BaseCommand):
    help = "Create (or reset) the demo editor and reader accounts and ingest the sample pages in fixtures/."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo")
        parser.add_argument("--reader", default="reader", help="the read-only demo account")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            password = self.demo_password()
            User = get_user_model()
            user, _created = User.objects.get_or_create(username=options["username"])
            user.is_staff = True
            user.is_superuser = True
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=EDITORS))
            reader, _created = User.objects.get_or_create(username=options["reader"])
            reader.is_staff = reader.is_superuser = False
            reader.set_password(password)
            reader.save()
            reader.groups.set([Group.objects.get(name=READERS)])
            call_command("load_gazetteer", stdout=self.stdout)
            try:
                call_command("ingest", str(SAMPLES), user=user.username, stdout=self.stdout, stderr=self.stderr)
            except SystemExit:
                self.stderr.write(_("Some sample pages could not be ingested (see above)."))
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(_("Demo login — username: %(user)s  password: %(password)s")
                                                 % {"user": user.username, "password": password}))
            self.stdout.write(_("Read-only login — username: %(user)s  password: %(password)s")
                              % {"user": reader.username, "password": password})

    def demo_password(self) -> str:
        """Kept in the data folder so every run prints the same password."""
        path = Path(settings.DATA_DIR) / "demo_password"
        try:
            return path.read_text().strip()
        except FileNotFoundError:
            password = get_random_string(12)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(password)
            return password
