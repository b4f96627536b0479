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
from devnews.secretfiles import read_or_create

SAMPLES = Path(settings.BASE_DIR) / "fixtures" / "sample_pages"


class Command(BaseCommand):
    help = ("Create the demo editor and reader accounts (each with its own password, kept in the data folder) "
            "and ingest the sample pages in fixtures/.")

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo")
        parser.add_argument("--reader", default="reader", help="the read-only demo account")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            User = get_user_model()
            # an editor: staff in the editors' group, with the group's rights and no more
            user = self.account(User, options["username"], "demo_password", is_staff=True, group=EDITORS)
            reader = self.account(User, options["reader"], "reader_password", is_staff=False, group=READERS)
            call_command("load_gazetteer", stdout=self.stdout)
            try:
                call_command("ingest", str(SAMPLES), user=user.username, stdout=self.stdout, stderr=self.stderr)
            except SystemExit:
                self.stderr.write(_("Some sample pages could not be ingested (see above)."))
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(_("Demo login — username: %(user)s  password: %(password)s")
                                                 % {"user": user.username, "password": user.demo_password}))
            self.stdout.write(_("Read-only login — username: %(user)s  password: %(password)s")
                              % {"user": reader.username, "password": reader.demo_password})

    def account(self, User, username: str, password_file: str, *, is_staff: bool, group: str):
        """The demo account with its own password, made once and kept in the data folder (mode 0600), so
        every run prints the same one; the password is set only when the account is new or no longer has it."""
        password = read_or_create(Path(settings.DATA_DIR) / password_file, lambda: get_random_string(16))
        user, created = User.objects.get_or_create(username=username)
        if created or not user.check_password(password):
            user.set_password(password)
        user.is_staff, user.is_superuser = is_staff, False
        user.save()
        user.groups.set([Group.objects.get(name=group)])
        user.demo_password = password
        return user
