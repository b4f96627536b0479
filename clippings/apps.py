from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _restore_roles(sender, using="default", apps=None, **kwargs):
    """The roles' groups come from migration 0004; ``flush`` (tests, a reset) empties every table and
    then sends post_migrate, so they are put back here with their permissions."""
    from clippings.roles import ensure_roles

    if sender.name != "clippings":
        return
    if apps is None:  # flush sends post_migrate without the migration state's apps
        from django.apps import apps
    try:
        Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    except LookupError:
        return
    ensure_roles(Group, Permission, using=using)


class ClippingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "clippings"
    verbose_name = _("Clippings")

    def ready(self):
        # after django.contrib.auth's own post_migrate handler has created the permissions
        post_migrate.connect(_restore_roles, dispatch_uid="clippings.restore_roles")
