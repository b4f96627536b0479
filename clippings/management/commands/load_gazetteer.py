"""python manage.py load_gazetteer — the curated zone gazetteer and the enterprise dictionary."""
from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from clippings.services.gazetteer import ENTERPRISES_FIXTURE, ZONES_FIXTURE, load_enterprises, load_zones, read_records


class Command(BaseCommand):
    help = (
        "Load fixtures/zones.json (built by scripts/build_gazetteer.py) and fixtures/enterprises.json. "
        "Safe to repeat: staff edits, removed aliases and merges are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("--zones", default=str(ZONES_FIXTURE))
        parser.add_argument("--enterprises", default=str(ENTERPRISES_FIXTURE))

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            zones = load_zones(read_records(options["zones"]))
            firms = load_enterprises(read_records(options["enterprises"]))
            self.stdout.write(_("Zones: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
                                "%(aliases)d aliases added.") % vars(zones))
            self.stdout.write(_("Enterprise dictionary: %(created)d created, %(unchanged)d unchanged, "
                                "%(aliases)d aliases added.") % vars(firms))
