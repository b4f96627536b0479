"""User-facing wording for ingest outcomes: one place, translated through Django's i18n."""
from django.utils.translation import gettext_lazy as _

REASONS = {
    "missing": _("no such file or folder"),
    "empty": _("the file is empty"),
    "too_large": _("the file is too large (%(detail)s bytes)"),
    "binary": _("not a text file (%(detail)s)"),
    "undecodable": _("unknown text encoding (UTF-8, UTF-16 and GB18030/GBK are read)"),
    "unreadable": _("cannot be read: %(detail)s"),
    "bad_metadata": _("bad metadata: %(detail)s"),
    "pipeline_error": _("splitting failed: %(detail)s"),
    "no_text": _("no article text found"),
    "image_broken": _("the page image is broken and was not stored (the text was ingested)"),
    "image_too_large": _("the page image is too large and was not stored (the text was ingested)"),
}


def reason(code: str, detail: str = "") -> str:
    template = REASONS.get(code)
    if template is None:
        return f"{code}: {detail}" if detail else code
    text = str(template)
    return text % {"detail": detail} if "%(detail)s" in text else text
