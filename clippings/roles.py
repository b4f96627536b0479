"""Staff roles: editors correct records in the admin; readers only read the reading-room pages.

The groups are made by a data migration (so a fresh install has them) and can be re-applied with
``ensure_roles``. A reader is an active account that is not staff: the admin refuses it, every
reading page accepts it. An editor must also be staff (Django's admin needs ``is_staff``).
"""
from __future__ import annotations

EDITORS = "编辑"
READERS = "读者"

APP = "clippings"
EDITED_MODELS = ("source", "article", "caption", "zone", "enterprise", "zonealias", "enterprisealias",
                 "zonemention", "enterprisemention")


def role_permissions() -> dict[str, list[tuple[str, str]]]:
    """Group name -> (app label, codename) of its permissions."""
    view = [(APP, f"view_{m}") for m in EDITED_MODELS]
    edit = [(APP, f"{action}_{m}") for m in EDITED_MODELS for action in ("add", "change", "delete")]
    return {READERS: view, EDITORS: view + edit}


def ensure_roles(group_model, permission_model, using: str = "default") -> None:
    """Create the groups and give them exactly their permissions (models passed in, so that a
    migration can use its historical ones). Permissions not created yet are skipped."""
    for name, wanted in role_permissions().items():
        group, _ = group_model.objects.using(using).get_or_create(name=name)
        permissions = permission_model.objects.using(using).filter(
            content_type__app_label=APP, codename__in=[codename for _app, codename in wanted]
        )
        group.permissions.set(permissions)
