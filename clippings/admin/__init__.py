"""The archive in Django's admin: every record, with corrections, merges, history and uploads."""
from django.contrib import admin  # noqa: E402
from django.utils.translation import gettext_lazy as _  # noqa: E402

from clippings.admin import articles, entities  # noqa: F401  (registers the model admins)

admin.site.site_header = _("Development news archive — administration")
admin.site.site_title = _("Development news archive")
admin.site.index_title = _("Records and corrections")
admin.site.site_url = "/"
