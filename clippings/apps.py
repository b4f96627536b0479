from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClippingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "clippings"
    verbose_name = _("Clippings")
